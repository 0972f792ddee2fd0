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

    /// The flags every submission is compiled with: whole-module (one compiler job for the
    /// two files, measurably faster than two) and the Swift 5 language mode, which asks
    /// nothing of a student about concurrency.
    static let flags = ["-wmo", "-swift-version", "5", "-module-name", "Submission", "-Onone"]

    func build(source: [UInt8], displayPath: String, exercise: Exercise) throws -> Outcome {
        let driver = DriverSource.generate(for: exercise)
        var key = Array("\(library.hash)\n\(SubmissionBuild.flags)\n\(exercise.id)\n".utf8)
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
        let arguments = SubmissionBuild.flags + library.linkArguments
            + [studentCopy.path, driverFile.path, "-o", output.path]
        let (status, text) = try runTool(toolchain.swiftc, arguments, timeout: .seconds(120))

        try fileManager.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        let finished = staging.appendingPathComponent("result")
        try fileManager.createDirectory(at: finished, withIntermediateDirectories: true)
        let outcome: Outcome
        if status == .exited(0) && fileManager.isExecutableFile(atPath: output.path) {
            try fileManager.moveItem(at: output, to: finished.appendingPathComponent("submission"))
            outcome = .program(program, cached: false)
        } else {
            let cleaned = DriverSource.explain(text, studentCopy: studentCopy.path, driver: driverFile.path, exercise: exercise)
            try Data(cleaned.utf8).write(to: finished.appendingPathComponent("diagnostics.txt"))
            outcome = .diagnostics(cleaned.replacingOccurrences(of: DriverSource.pathPlaceholder, with: displayPath), cached: false)
        }
        // Another grader may have finished the same build first; either copy is correct.
        if (try? fileManager.moveItem(at: finished, to: folder)) == nil, !fileManager.fileExists(atPath: folder.path) {
            throw BuildError.io("cannot store the build in \(folder.path)")
        }
        return outcome
    }
}
