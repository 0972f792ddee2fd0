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

    /// Returns the library for the workspace, building it first if needed.
    static func prepare(in workspace: Workspace, toolchain: Toolchain) throws -> LibraryBuild {
        let hash = try contentHash(in: workspace, toolchain: toolchain)
        let folder = workspace.cacheFolder.appendingPathComponent("library-\(hash)")
        let build = LibraryBuild(folder: folder, hash: hash)
        let marker = folder.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: marker.path) { return build }

        try FileManager.default.createDirectory(at: workspace.cacheFolder, withIntermediateDirectories: true)
        let lock = try FileLock(workspace.cacheFolder.appendingPathComponent("library.lock"))
        defer { lock.unlock() }
        if FileManager.default.fileExists(atPath: marker.path) { return build }

        let staging = workspace.cacheFolder.appendingPathComponent("library-\(hash).staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for module in modules {
            let library = staging.appendingPathComponent(Toolchain.libraryPrefix + module + Toolchain.librarySuffix)
            var arguments = ["-parse-as-library", "-emit-library", "-emit-module", "-O", "-wmo",
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
            let (status, output) = try runTool(toolchain.swiftc, arguments)
            guard status == .exited(0) else { throw BuildError.libraryFailed(output) }
        }
        _ = FileManager.default.createFile(atPath: staging.appendingPathComponent("complete").path, contents: Data())
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
    static func contentHash(in workspace: Workspace, toolchain: Toolchain) throws -> String {
        let files = try modules.flatMap { try sources(of: $0, in: workspace) }
        var stamp = toolchain.fingerprint
        for file in files { stamp += "\n\(file.path) \(fileStamp(file.path))" }
        let stampFile = workspace.cacheFolder.appendingPathComponent("stamps/library-\(sha256Hex(Array(stamp.utf8)).prefix(24))")
        if let remembered = try? String(contentsOf: stampFile, encoding: .utf8), remembered.count == 24 { return remembered }
        var fingerprint = Array("\(toolchain.fingerprint)\n".utf8)
        for file in files {
            fingerprint += Array(file.lastPathComponent.utf8)
            fingerprint += (try? Data(contentsOf: file)).map(Array.init) ?? []
        }
        let hash = String(sha256Hex(fingerprint).prefix(24))
        try? FileManager.default.createDirectory(at: stampFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(hash.utf8).write(to: stampFile, options: .atomic)
        return hash
    }

    static func sources(of module: String, in workspace: Workspace) throws -> [URL] {
        let folder = workspace.root.appendingPathComponent("Sources/\(module)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw BuildError.io("missing \(folder.path)")
        }
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The `swiftc` arguments that let a program import and link the library.
    var linkArguments: [String] {
        ["-I", folder.path, "-L", folder.path] + LibraryBuild.modules.map { "-l\($0)" }
            + ["-Xlinker", "-rpath", "-Xlinker", folder.path]
    }
}

/// An exclusive advisory lock on a file, held until `unlock()`.
final class FileLock {
    private let descriptor: Int32

    init(_ url: URL) throws {
        descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BuildError.io("cannot open \(url.path): \(errnoText())") }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
