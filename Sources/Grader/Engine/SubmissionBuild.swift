import Foundation

/// Compiles one submission file together with its exercise's generated driver into a
/// program, caching the result (success or diagnostics) by the hash of everything that
/// goes into it, so that an unchanged file is never compiled twice. A changed file can
/// instead be run at once by the compiler's JIT (`interpreted`), which skips code emission
/// and linking.
struct SubmissionBuild {
    /// What building a submission gave.
    enum Outcome {
        case program(URL, cached: Bool)
        case diagnostics(String, cached: Bool)
        /// A changed file, staged to be run by the JIT; the caller removes its folder.
        case interpreted(StagedSubmission)
    }

    let workspace: Workspace
    let toolchain: Toolchain
    let library: LibraryBuild
    let sandbox: Sandbox

    /// The compiler's wall-time limit; a file that takes longer gets a verdict that says so
    /// (and, cached, never costs it again).
    static let timeLimit: Duration = .seconds(20)
    /// How long the type checker may spend on one expression before it gives up with an
    /// error, so that an expression built to explode is an error in seconds.
    static let expressionTimeLimit = 3

    /// The flags every submission is compiled with: whole-module (one compiler job for the
    /// two files, measurably faster than two) and the Swift 5 language mode, which asks
    /// nothing of a student about concurrency.
    static let flags = ["-wmo", "-swift-version", "5", "-module-name", "Submission", "-Onone"]
    /// The same language settings for the frontend's JIT.
    static let interpreterFlags = ["-swift-version", "5", "-module-name", "Submission", "-Onone",
                                   "-solver-expression-time-threshold=\(expressionTimeLimit)"]

    /// Returns the cached program or diagnostics of the file, or builds it: compiled into
    /// the cache, or, when `interpret` is asked and the machine offers a namespace box,
    /// staged for the JIT.
    func build(source: [UInt8], displayPath: String, exercise: Exercise, interpret: Bool = false) throws -> Outcome {
        let driver = DriverSource.generate(for: exercise)
        var key = Array("\(library.hash)\n\(SubmissionBuild.flags)\n\(library.linkArguments)\n\(exercise.id)\n".utf8)
        key += Array(driver.utf8)
        key += source
        let hash = sha256Hex(key)
        let folder = workspace.cacheFolder.appendingPathComponent("submissions/\(hash.prefix(2))/\(hash)")
        let program = folder.appendingPathComponent("submission")
        let fileManager = FileManager.default
        if fileManager.isExecutableFile(atPath: program.path) { return .program(program, cached: true) }
        if let saved = try? String(contentsOf: folder.appendingPathComponent("diagnostics.txt"), encoding: .utf8) {
            return .diagnostics(saved.replacingOccurrences(of: DriverSource.pathPlaceholder, with: displayPath), cached: true)
        }

        let staged = try StagedSubmission(cache: workspace.cacheFolder, hash: hash, result: folder, exercise: exercise,
                                          source: source, driver: driver, displayPath: displayPath)
        if interpret && sandbox.mode == .namespaces && FileManager.default.fileExists(atPath: library.moduleCache.path) {
            return .interpreted(staged)
        }
        defer { staged.remove() }
        return try compile(staged)
    }

    /// Compiles a staged submission into the cache: its program, or its diagnostics.
    func compile(_ staged: StagedSubmission) throws -> Outcome {
        let fileManager = FileManager.default
        let output = staged.folder.appendingPathComponent("submission")
        let (status, text) = try compileInBox(staging: staged.folder, sources: [staged.studentCopy, staged.driverFile],
                                              output: output, moduleCache: library.moduleCache)
        if status == .exited(0) && fileManager.isExecutableFile(atPath: output.path) {
            let finished = staged.folder.appendingPathComponent("result")
            try fileManager.createDirectory(at: finished, withIntermediateDirectories: true)
            // A copy, so that the program in the cache is the grader's file, not the box's.
            let stored = finished.appendingPathComponent("submission")
            try ChildProcess.withoutSpawning { try Data(contentsOf: output).write(to: stored) }
            chmod(stored.path, 0o755)
            try store(finished, as: staged.result)
            return .program(staged.result.appendingPathComponent("submission"), cached: false)
        }
        return .diagnostics(try storeDiagnostics(of: staged, text, status: status), cached: false)
    }

    /// Explains the compiler's output for the student, keeps it in the cache so that the
    /// same file is never compiled again, and returns it with the student's path.
    func storeDiagnostics(of staged: StagedSubmission, _ output: String, status: ChildProcess.Termination) throws -> String {
        let text = output.replacingOccurrences(of: SubmissionBuild.sourceInBox + "/", with: staged.folder.path + "/")
        var cleaned = DriverSource.explain(text, studentCopy: staged.studentCopy.path, driver: staged.driverFile.path,
                                           exercise: staged.exercise)
        if cleaned.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            cleaned = "The compiler stopped (\(status)) without a message."
        }
        let finished = staged.folder.appendingPathComponent("result")
        try FileManager.default.createDirectory(at: finished, withIntermediateDirectories: true)
        try Data(cleaned.utf8).write(to: finished.appendingPathComponent("diagnostics.txt"))
        try store(finished, as: staged.result)
        return cleaned.replacingOccurrences(of: DriverSource.pathPlaceholder, with: staged.displayPath)
    }

    /// Moves a finished build into the cache; another grader may have stored the same
    /// build first, and either copy is correct.
    private func store(_ finished: URL, as folder: URL) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (try? fileManager.moveItem(at: finished, to: folder)) == nil, !fileManager.fileExists(atPath: folder.path) {
            throw BuildError.io("cannot store the build in \(folder.path)")
        }
    }

    /// The JIT's command for a staged submission, and the box it needs: the toolchain, the
    /// library and the staged files read-only, and a copy of the module cache, owned by the
    /// box's user, at the path it was built for.
    func interpreter(for staged: StagedSubmission, user: UInt32?) -> (command: String, arguments: [String], profile: BoxProfile) {
        let moduleCache = staged.folder.appendingPathComponent("module-cache-\(UInt64.random(in: 0...UInt64.max))")
        linkTree(library.moduleCache, to: moduleCache)
        if let user { giveFolders(moduleCache, to: user) }
        let source = SubmissionBuild.sourceInBox
        let arguments = ["-frontend", "-interpret", "\(source)/\(staged.studentCopy.lastPathComponent)", "\(source)/main.swift"]
            + SubmissionBuild.interpreterFlags + ["-module-cache-path", SubmissionBuild.moduleCachePath]
            + ["-I", LibraryBuild.pathInBox, "-L", LibraryBuild.pathInBox] + LibraryBuild.modules.map { "-l\($0)" }
        // The library and the files appear at fixed paths: nothing of the cache shows.
        let profile = BoxProfile(readOnly: [toolchain.usrFolder],
                                 moved: [(library.folder.path, LibraryBuild.pathInBox, false),
                                         (staged.folder.path, source, false),
                                         (moduleCache.path, SubmissionBuild.moduleCachePath, true)],
                                 tmpBytes: 64 << 20, allowForks: false,
                                 limits: BoxLimits(cpuSeconds: 60, memoryBytes: 2 << 30, fileBytes: 1 << 20,
                                                   openFiles: 64, processes: 64),
                                 folder: staged.folder.path)
        return (toolchain.usrFolder + "/bin/swift-frontend", arguments, profile)
    }

    /// Where the JIT's box shows the staged files.
    static let sourceInBox = "/box/source"

    /// Runs the compiler on the student's file in a box of its own: it sees the toolchain
    /// and the course library read-only, writes only `staging`, may start its own
    /// processes (the driver, the frontend, the linker) but nothing else.
    private func compileInBox(staging: URL, sources: [URL], output: URL, moduleCache prepared: URL) throws
        -> (status: ChildProcess.Termination, output: String)
    {
        let lease = sandbox.lease()
        if sandbox.needsLease && lease == nil { throw SandboxError.unavailable("Every sandbox user is busy; try again.") }
        let moduleCache = staging.appendingPathComponent("module-cache")
        let inBox = sandbox.mode == .namespaces
        if inBox { try? FileManager.default.copyItem(at: prepared, to: moduleCache) }
        try? FileManager.default.createDirectory(at: moduleCache, withIntermediateDirectories: true)
        let temporary = staging.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        if let uid = lease?.uid { giveTree(staging, to: uid) }
        let cachePath = inBox ? SubmissionBuild.moduleCachePath : moduleCache.path
        let arguments = SubmissionBuild.flags + ["-module-cache-path", cachePath,
                                                 "-Xfrontend", "-solver-expression-time-threshold=\(SubmissionBuild.expressionTimeLimit)"]
            + library.linkArguments + sources.map(\.path) + ["-o", output.path]
        let profile = BoxProfile(readOnly: [toolchain.usrFolder, library.folder.path], writable: [staging.path],
                                 moved: [(moduleCache.path, SubmissionBuild.moduleCachePath, true)],
                                 tmpBytes: 256 << 20, allowForks: true,
                                 limits: BoxLimits(cpuSeconds: 60, memoryBytes: 4 << 30, fileBytes: 256 << 20,
                                                   openFiles: 256, processes: 64),
                                 folder: staging.path)
        return try runInBox(toolchain.swiftc, arguments, profile: profile, lease: lease, home: inBox ? "/tmp" : temporary.path)
    }

    /// Runs a tool of the toolchain in a box to its end, holding the lease until then (its
    /// release kills whatever runs as its user).
    private func runInBox(_ tool: String, _ arguments: [String], profile: BoxProfile, lease: BoxLease?, home: String) throws
        -> (status: ChildProcess.Termination, output: String)
    {
        let command = try sandbox.command(tool, arguments, profile: profile, lease: lease)
        let environment = ["PATH=\(toolchain.usrFolder)/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=\(home)", "TMPDIR=\(home)"]
        let result = try withExtendedLifetime(lease) {
            try runTool(command[0], Array(command.dropFirst()), timeout: SubmissionBuild.timeLimit, environment: environment)
        }
        if result.status == .exited(125), let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("course-box:") }) {
            Sandbox.forgetProbes(in: library.folder)
            throw SandboxError.setupFailed(String(line))
        }
        return result
    }

    /// Where the compiler finds its module cache inside a box (the path is recorded in it).
    static let moduleCachePath = "/tmp/module-cache"

    /// Compiles, then runs in the JIT, a program of nothing but the driver's imports, so
    /// that the module cache holds what both need; returns that cache, in a staging folder.
    func buildModuleCache() throws -> URL {
        let staging = workspace.cacheFolder.appendingPathComponent("staging/module-cache-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        var built = false
        defer { if !built { try? FileManager.default.removeItem(at: staging) } }
        let main = staging.appendingPathComponent("main.swift")
        try Data("import CourseKit\nimport SubmissionRuntime\n".utf8).write(to: main)
        let empty = staging.appendingPathComponent("empty-cache")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let (status, output) = try compileInBox(staging: staging, sources: [main], output: staging.appendingPathComponent("program"),
                                                moduleCache: empty)
        guard status == .exited(0) else { throw BuildError.libraryFailed(output) }
        let cache = staging.appendingPathComponent("module-cache")
        let lease = sandbox.lease()
        if let uid = lease?.uid { giveTree(staging, to: uid) }
        let arguments = ["-frontend", "-interpret", "\(SubmissionBuild.sourceInBox)/main.swift"] + SubmissionBuild.interpreterFlags
            + ["-module-cache-path", SubmissionBuild.moduleCachePath, "-I", LibraryBuild.pathInBox, "-L", LibraryBuild.pathInBox]
            + LibraryBuild.modules.map { "-l\($0)" }
        let profile = BoxProfile(readOnly: [toolchain.usrFolder],
                                 moved: [(library.folder.path, LibraryBuild.pathInBox, false),
                                         (staging.path, SubmissionBuild.sourceInBox, false),
                                         (cache.path, SubmissionBuild.moduleCachePath, true)],
                                 tmpBytes: 64 << 20, allowForks: false,
                                 limits: BoxLimits(cpuSeconds: 60, memoryBytes: 2 << 30, fileBytes: 256 << 20,
                                                   openFiles: 256, processes: 64),
                                 folder: staging.path)
        let interpreted = try runInBox(toolchain.usrFolder + "/bin/swift-frontend", arguments, profile: profile, lease: lease, home: "/tmp")
        guard interpreted.status == .exited(0) else { throw BuildError.libraryFailed(interpreted.output) }
        built = true
        return cache
    }

    /// Recreates the folders of `source` at `target` with hard links to its files: a module
    /// cache for one JIT run, without copying it. The box's user can add files to the
    /// folders but not change the linked ones, which stay the library's (read-only to it).
    private func linkTree(_ source: URL, to target: URL) {
        let fileManager = FileManager.default
        try? fileManager.createDirectory(at: target, withIntermediateDirectories: true)
        for name in fileManager.enumerator(atPath: source.path)?.allObjects as? [String] ?? [] {
            let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if fileManager.fileExists(atPath: from.path, isDirectory: &isFolder), isFolder.boolValue {
                try? fileManager.createDirectory(at: to, withIntermediateDirectories: true)
            } else if link(from.path, to.path) != 0 {
                try? fileManager.copyItem(at: from, to: to)
            }
        }
    }

    /// Gives a folder and the folders in it (not the files) to a box's user.
    private func giveFolders(_ folder: URL, to uid: UInt32) {
        chown(folder.path, uid, uid)
        for name in FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [] {
            var info = stat()
            let path = folder.appendingPathComponent(name).path
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { chown(path, uid, uid) }
        }
    }

    /// Gives a folder and everything in it to a box's user.
    private func giveTree(_ folder: URL, to uid: UInt32) {
        chown(folder.path, uid, uid)
        for name in FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [] {
            chown(folder.appendingPathComponent(name).path, uid, uid)
        }
    }
}

/// A submission's file and its driver, written to a staging folder for the compiler or the
/// JIT, with where its build goes in the cache.
struct StagedSubmission {
    let folder: URL
    let studentCopy: URL
    let driverFile: URL
    /// The cache folder of this exact build (program or diagnostics).
    let result: URL
    let exercise: Exercise
    let source: [UInt8]
    let displayPath: String

    init(cache: URL, hash: String, result: URL, exercise: Exercise, source: [UInt8], driver: String, displayPath: String) throws {
        folder = cache.appendingPathComponent("staging/\(hash)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        studentCopy = folder.appendingPathComponent("\(exercise.id).swift")
        driverFile = folder.appendingPathComponent("main.swift")
        try Data(source).write(to: studentCopy)
        try Data(driver.utf8).write(to: driverFile)
        self.result = result
        self.exercise = exercise
        self.source = source
        self.displayPath = displayPath
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
