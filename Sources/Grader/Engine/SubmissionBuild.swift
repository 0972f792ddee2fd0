import Foundation

/// Compiles one submission file together with its exercise's generated driver into a
/// program, caching the result (success or diagnostics) by the hash of everything that
/// goes into it, so that an unchanged file is never compiled twice.
struct SubmissionBuild {
    /// What compiling a submission gave.
    enum Outcome: Sendable {
        case program(URL, cached: Bool)
        case diagnostics(String, cached: Bool)
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

    func build(source: [UInt8], displayPath: String, exercise: Exercise) throws -> Outcome {
        let driver = DriverSource.generate(for: exercise)
        var key = Array("\(library.hash)\n\(SubmissionBuild.flags)\n\(library.linkArguments)\n\(exercise.id)\n".utf8)
        key += Array(driver.utf8)
        key += source
        let hash = sha256Hex(key)
        let folder = workspace.cacheFolder.appendingPathComponent("submissions/\(hash.prefix(2))/\(hash)")
        let program = folder.appendingPathComponent("submission")
        let diagnosticsFile = folder.appendingPathComponent("diagnostics.txt")
        let fileManager = FileManager.default
        if fileManager.isExecutableFile(atPath: program.path) { return .program(program, cached: true) }
        if let saved = try? String(contentsOf: diagnosticsFile, encoding: .utf8) {
            return .diagnostics(saved.replacingOccurrences(of: DriverSource.pathPlaceholder, with: displayPath), cached: true)
        }

        let staging = workspace.cacheFolder.appendingPathComponent("staging/\(hash)-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: staging) }
        let studentCopy = staging.appendingPathComponent("\(exercise.id).swift")
        let driverFile = staging.appendingPathComponent("main.swift")
        try Data(source).write(to: studentCopy)
        try Data(driver.utf8).write(to: driverFile)
        let output = staging.appendingPathComponent("submission")
        let (status, text) = try compileInBox(staging: staging, sources: [studentCopy, driverFile], output: output,
                                              moduleCache: library.moduleCache)

        try fileManager.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        let finished = staging.appendingPathComponent("result")
        try fileManager.createDirectory(at: finished, withIntermediateDirectories: true)
        let outcome: Outcome
        if status == .exited(0) && fileManager.isExecutableFile(atPath: output.path) {
            // A copy, so that the program in the cache is the grader's file, not the box's.
            let stored = finished.appendingPathComponent("submission")
            try ChildProcess.withoutSpawning { try Data(contentsOf: output).write(to: stored) }
            chmod(stored.path, 0o755)
            outcome = .program(program, cached: false)
        } else {
            var cleaned = DriverSource.explain(text, studentCopy: studentCopy.path, driver: driverFile.path, exercise: exercise)
            if cleaned.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                cleaned = "The compiler stopped (\(status)) without a message."
            }
            try Data(cleaned.utf8).write(to: finished.appendingPathComponent("diagnostics.txt"))
            outcome = .diagnostics(cleaned.replacingOccurrences(of: DriverSource.pathPlaceholder, with: displayPath), cached: false)
        }
        // Another grader may have finished the same build first; either copy is correct.
        if (try? fileManager.moveItem(at: finished, to: folder)) == nil, !fileManager.fileExists(atPath: folder.path) {
            throw BuildError.io("cannot store the build in \(folder.path)")
        }
        return outcome
    }

    /// Runs the compiler on the student's file in a box of its own: it sees the toolchain
    /// and the course library read-only, writes only `staging`, may start its own
    /// processes (the driver, the frontend, the linker) but nothing else.
    private func compileInBox(staging: URL, sources: [URL], output: URL, moduleCache prepared: URL) throws
        -> (status: ChildProcess.Termination, output: String)
    {
        let lease = sandbox.needsLease ? BoxLease.take() : nil
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
        let command = try sandbox.command(toolchain.swiftc, arguments, profile: profile, lease: lease)
        let environment = ["PATH=\(toolchain.usrFolder)/bin:/usr/bin:/bin", "LANG=C.UTF-8",
                           "HOME=\(inBox ? "/tmp" : temporary.path)", "TMPDIR=\(inBox ? "/tmp" : temporary.path)"]
        // The lease is held until the compiler has ended: its release kills what runs as its user.
        let result = try withExtendedLifetime(lease) {
            try runTool(command[0], Array(command.dropFirst()), timeout: SubmissionBuild.timeLimit, environment: environment)
        }
        if result.status == .exited(125), let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("course-box:") }) {
            throw SandboxError.setupFailed(String(line))
        }
        return result
    }

    /// Where the compiler finds its module cache inside a box (the path is recorded in it).
    static let moduleCachePath = "/tmp/module-cache"

    /// Compiles a program of nothing but the driver's imports, leaving its module cache in
    /// a staging folder; returns that cache.
    func compileEmptyProgram() throws -> URL {
        let staging = workspace.cacheFolder.appendingPathComponent("staging/module-cache-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let main = staging.appendingPathComponent("main.swift")
        try Data("import CourseKit\nimport SubmissionRuntime\n".utf8).write(to: main)
        let empty = staging.appendingPathComponent("empty-cache")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let (status, output) = try compileInBox(staging: staging, sources: [main], output: staging.appendingPathComponent("program"),
                                                moduleCache: empty)
        guard status == .exited(0) else { throw BuildError.libraryFailed(output) }
        return staging.appendingPathComponent("module-cache")
    }

    /// Gives a folder and everything in it to a box's user.
    private func giveTree(_ folder: URL, to uid: UInt32) {
        chown(folder.path, uid, uid)
        for name in FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [] {
            chown(folder.appendingPathComponent(name).path, uid, uid)
        }
    }
}
