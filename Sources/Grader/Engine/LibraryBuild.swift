import Foundation

/// The course library compiled once for submissions to link against: `CourseKit` (what
/// students import) and `SubmissionRuntime` (the call loop of the generated driver).
///
/// It is built with `swiftc` straight from `Sources/`, into a cache folder named by the hash
/// of those sources and of the compiler, so it is independent of SwiftPM's build folders,
/// works the same in a student copy or a grading image, and is rebuilt only when a source
/// changes. A lock file makes concurrent graders build it once.
struct LibraryBuild: Sendable {
    let folder: URL
    let hash: String

    static let modules = ["CourseKit", "SubmissionRuntime"]
    /// The folder of the sandbox launcher's sources, and the program built from them.
    static let launcherModule = "SandboxLauncher"
    static let launcherName = "course-box"

    /// The launcher that sets up every box.
    var launcher: URL { folder.appendingPathComponent(LibraryBuild.launcherName) }
    /// The compiler's module cache, prepared once and copied for every compile.
    var moduleCache: URL { folder.appendingPathComponent("module-cache") }

    /// Compiles (and runs in the JIT) an empty submission once in a box, so that the clang
    /// modules every submission needs (the C library's, the runtime's shims) are in a cache
    /// that each compile or JIT run of a student's file starts from. The cache records its own path, so it is
    /// built and used at the same place inside the box; without a namespace box, each
    /// compile starts with an empty cache.
    func prepareModuleCache(workspace: Workspace, toolchain: Toolchain, sandbox: Sandbox) {
        let failed = folder.appendingPathComponent("module-cache-failed")
        let fileManager = FileManager.default
        guard sandbox.mode == .namespaces, !fileManager.fileExists(atPath: moduleCache.path),
              !fileManager.fileExists(atPath: failed.path),
              let lock = try? FileLock(workspace.cacheFolder.appendingPathComponent("library.lock")) else { return }
        defer { lock.unlock() }
        guard !fileManager.fileExists(atPath: moduleCache.path) else { return }
        let build = SubmissionBuild(workspace: workspace, toolchain: toolchain, library: self, sandbox: sandbox)
        do {
            let built = try build.buildModuleCache()
            try ChildProcess.withoutSpawning { try fileManager.copyItem(at: built, to: moduleCache) }
            try? LibraryBuild.seal(moduleCache)
            try? fileManager.removeItem(at: built.deletingLastPathComponent())
        } catch {
            // Compiles then start from an empty cache, and changed files are compiled, not
            // run in the JIT; the reason is kept for whoever looks.
            try? Data("\(error)".utf8).write(to: failed)
        }
    }

    /// Returns the library for the workspace, building it first if needed. `notice` hears,
    /// once, why the caller waits: another command building it, or this one.
    static func prepare(in workspace: Workspace, toolchain: Toolchain,
                        notice: (String) -> Void = { _ in }) throws -> LibraryBuild {
        let hash = try contentHash(in: workspace, toolchain: toolchain)
        let folder = workspace.cacheFolder.appendingPathComponent("library-\(hash)")
        let build = LibraryBuild(folder: folder, hash: hash)
        let marker = folder.appendingPathComponent("complete")
        if build.isIntact { return build }

        try FileManager.default.createDirectory(at: workspace.cacheFolder, withIntermediateDirectories: true)
        let progress = BuildProgress(cache: workspace.cacheFolder)
        let lockFile = workspace.cacheFolder.appendingPathComponent("library.lock")
        let lock: FileLock
        if let free = try FileLock(lockFile, wait: false) {
            lock = free
        } else {
            notice(progress.waitingNotice())
            lock = try FileLock(lockFile)!
        }
        defer { lock.unlock() }
        if FileManager.default.fileExists(atPath: marker.path) && build.isIntact { return build }
        notice("Compiling the course library that your code is checked against (once\(progress.usualDuration.map { ", about \($0) s" } ?? ""))…")
        let started = ContinuousClock.now
        defer { progress.finish(after: ContinuousClock.now - started) }

        let staging = workspace.cacheFolder.appendingPathComponent("library-\(hash).staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        // The launcher needs nothing of the modules: it compiles on the other core meanwhile.
        // Linked with the Swift runtime inside, it does not load it when a box starts (a
        // third of its start).
        #if os(Linux)
        let launcherFlags = ["-static-stdlib"]
        #else
        let launcherFlags: [String] = []
        #endif
        let launcherArguments = ["-O", "-module-name", "course_box", "-o", staging.appendingPathComponent(launcherName).path]
            + launcherFlags + (try sources(of: launcherModule, in: workspace).map(\.path))
        let launcher = ConcurrentCompile(launcherArguments, toolchain: toolchain)
        for (step, module) in modules.enumerated() {
            progress.record(step: step + 1, of: modules.count + 1, module)
            let library = staging.appendingPathComponent(Toolchain.libraryPrefix + module + Toolchain.librarySuffix)
            // Whole-module optimization, with its code generation spread over the cores.
            var arguments = ["-parse-as-library", "-emit-library", "-emit-module", "-O", "-wmo",
                             "-num-threads", String(min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)),
                             "-module-name", module,
                             "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
                             "-I", staging.path, "-L", staging.path, "-o", library.path]
            #if os(Linux)
            arguments += ["-Xlinker", "-soname=\(library.lastPathComponent)"]
            #else
            arguments += ["-Xlinker", "-install_name", "-Xlinker", "@rpath/\(library.lastPathComponent)"]
            #endif
            for dependency in modules.prefix(while: { $0 != module }) { arguments += ["-l\(dependency)"] }
            arguments += try sources(of: module, in: workspace).map(\.path)
            do {
                try compile(arguments, toolchain: toolchain)
            } catch {
                _ = try? launcher.wait()
                throw error
            }
        }
        progress.record(step: modules.count + 1, of: modules.count + 1, "the sandbox launcher")
        try launcher.wait()
        try seal(staging)
        try Data(fingerprint(of: staging).utf8).write(to: staging.appendingPathComponent("complete"))
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.moveItem(at: staging, to: folder)
        } catch {
            throw BuildError.io("\(error)")
        }
        pruneOlderLibraries(in: workspace.cacheFolder, keeping: 3)
        return build
    }

    /// Removes all but the `keeping` most recently built libraries, so that editing CourseKit
    /// again and again does not fill the cache, while a grader started before the latest
    /// change still finds the library its submissions load.
    static func pruneOlderLibraries(in cache: URL, keeping: Int) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        let built = names.filter { $0.hasPrefix("library-") && !$0.contains(".staging") }.map { cache.appendingPathComponent($0) }
        let whenBuilt = { (url: URL) in
            (try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent("complete").path)[.modificationDate] as? Date)
                ?? .distantPast
        }
        let newestFirst = built.sorted { whenBuilt($0) > whenBuilt($1) }
        for old in newestFirst.dropFirst(keeping) { try? FileManager.default.removeItem(at: old) }
    }

    /// The hash of the library's sources and the compiler. Reading and hashing every source
    /// on every check would cost more than the check itself in a debug build, so the hash is
    /// remembered under a stamp of the files' names, sizes and modification times, and
    /// computed from the contents only when that stamp is new.
    /// How the library is built; changing the flags of `prepare` changes it, so that a cache
    /// built the old way is not used.
    static let recipe = "recipe 2: -O -wmo libraries, a launcher with the Swift runtime linked in"

    static func contentHash(in workspace: Workspace, toolchain: Toolchain) throws -> String {
        let files = try (modules + [launcherModule]).flatMap { try sources(of: $0, in: workspace) }
        var stamp = toolchain.fingerprint + "\n" + recipe
        for file in files { stamp += "\n\(file.path) \(fileStamp(file.path))" }
        let stampFile = workspace.cacheFolder.appendingPathComponent("stamps/library-\(sha256Hex(Array(stamp.utf8)).prefix(24))")
        if let remembered = try? String(contentsOf: stampFile, encoding: .utf8), remembered.count == 24 { return remembered }
        var fingerprint = Array("\(toolchain.fingerprint)\n\(recipe)\n".utf8)
        for file in files {
            fingerprint += Array(file.lastPathComponent.utf8)
            fingerprint += (try? Data(contentsOf: file)).map(Array.init) ?? []
        }
        let hash = String(sha256Hex(fingerprint).prefix(24))
        try? FileManager.default.createDirectory(at: stampFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(hash.utf8).write(to: stampFile, options: .atomic)
        return hash
    }

    fileprivate static func compile(_ arguments: [String], toolchain: Toolchain) throws {
        let (status, output) = try runTool(toolchain.swiftc, arguments)
        guard status == .exited(0) else { throw BuildError.libraryFailed(output) }
    }

    /// Makes everything in the library readable and nothing writable by other users, so
    /// that any box can load it and none can change it.
    static func seal(_ folder: URL) throws {
        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        chmod(folder.path, 0o755)
        chown(folder.path, geteuid(), getegid())
        for name in files {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            lchown(path, geteuid(), getegid())
            let executable = info.st_mode & S_IFMT == S_IFDIR || info.st_mode & 0o100 != 0
            chmod(path, executable ? 0o755 : 0o644)
        }
    }

    /// The programs and libraries whose integrity a root grader checks before using them.
    static var sealedFiles: [String] {
        modules.map { Toolchain.libraryPrefix + $0 + Toolchain.librarySuffix } + [launcherName]
    }

    /// One line per sealed file: its name, the hash of its contents, and its stamp (inode,
    /// size, modification and change times), as recorded in `complete`.
    static func fingerprint(of folder: URL) -> String {
        sealedFiles.map { name in
            let path = folder.appendingPathComponent(name).path
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map(Array.init) ?? []
            return "\(name) \(sha256Hex(bytes)) \(changeStamp(path))"
        }.joined(separator: "\n")
    }

    /// Whether the library is complete and, for a root grader (whose cache no box may be
    /// able to change), unchanged since it was built. Any write to a file moves its change
    /// time, which only root can set, so a file whose stamp is as recorded is not hashed again.
    var isIntact: Bool {
        let marker = folder.appendingPathComponent("complete")
        guard let recorded = try? String(contentsOf: marker, encoding: .utf8) else { return false }
        guard geteuid() == 0 else { return true }
        let lines = recorded.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 2).map(String.init) }
        guard lines.count == LibraryBuild.sealedFiles.count else { return false }
        var restamped = false
        let intact = zip(LibraryBuild.sealedFiles, lines).allSatisfy { name, line in
            guard line.count == 3, line[0] == name else { return false }
            let path = folder.appendingPathComponent(name).path
            if line[2] == changeStamp(path) { return true }
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map(Array.init) ?? []
            restamped = true
            return sha256Hex(bytes) == line[1]
        }
        // The contents are as built, only the stamps moved (a change of owner or mode, a
        // link): the new stamps are recorded, so the next check does not hash again.
        if intact && restamped {
            try? Data(LibraryBuild.fingerprint(of: folder).utf8).write(to: marker, options: .atomic)
        }
        return intact
    }

    static func sources(of module: String, in workspace: Workspace) throws -> [URL] {
        let folder = workspace.root.appendingPathComponent("Sources/\(module)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw BuildError.io("missing \(folder.path)")
        }
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Where a box shows the library to the program, whatever the cache's path outside.
    static let pathInBox = "/box/library"

    /// The `swiftc` arguments that let a program import and link the library; it loads it
    /// from the box's path, or from the cache where it runs without a namespace box.
    var linkArguments: [String] {
        ["-I", folder.path, "-L", folder.path] + LibraryBuild.modules.map { "-l\($0)" }
            + ["-Xlinker", "-rpath", "-Xlinker", LibraryBuild.pathInBox, "-Xlinker", "-rpath", "-Xlinker", folder.path]
    }
}

/// An exclusive advisory lock on a file, held until `unlock()`.
final class FileLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for it, or returns nil at once if it is held and `wait` is false.
    init?(_ url: URL, wait: Bool = true) throws {
        descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw BuildError.io("cannot open \(url.path): \(errnoText())") }
        if wait {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        } else if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            return nil
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// One compile of the library run on a thread of its own, waited for later.
private final class ConcurrentCompile: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var failure: (any Error)?

    init(_ arguments: [String], toolchain: Toolchain) {
        Thread.detachNewThread { [self] in
            do {
                try LibraryBuild.compile(arguments, toolchain: toolchain)
            } catch {
                failure = error
            }
            done.signal()
        }
    }

    /// Waits for the compile to end, and throws its error if it failed.
    func wait() throws {
        done.wait()
        if let failure { throw failure }
    }
}
