import Foundation
import CourseKit
import Grader

// `course export` and `course gradescope`.

/// The destination folder of `export` and `gradescope`: new, or empty.
func newFolder(_ invocation: Invocation) throws -> URL {
    let url = URL(fileURLWithPath: invocation.positionals[0])
    let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    if FileManager.default.fileExists(atPath: url.path) && contents?.isEmpty != true {
        throw UsageError(message: "'\(invocation.positionals[0])' already exists and is not empty; choose a new folder.", spec: invocation.spec)
    }
    return url
}

func export(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try locateCourse()
    let files = try StudentExport(workspace: workspace).write(to: destination)
    print("Wrote the student version (\(files.count) files) to \(Workspace.displayPath(destination)).")
    print("It has no solutions, mutants or hidden checks; students start with `swift run course run lesson1`.")
    return 0
}

func gradescope(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try locateCourse()
    let version = try invocation.options["--swift-version"] ?? toolchainVersion()
    try GradescopeAutograder(workspace: workspace, swiftVersion: version).write(to: destination)
    print("Wrote a Gradescope autograder for Swift \(version) to \(Workspace.displayPath(destination)).")
    print("Upload: see \(Workspace.displayPath(destination.appendingPathComponent("README.md"))).")
    return 0
}

/// The release number of the Swift compiler on PATH, such as "6.3.1".
func toolchainVersion() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swiftc", "--version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard let range = text.range(of: #"Swift version (\d+\.\d+(\.\d+)?)"#, options: .regularExpression) else {
        return "6.3.1"
    }
    return String(text[range].dropFirst("Swift version ".count))
}
