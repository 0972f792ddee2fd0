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

/// Reads the committed course for a command that ships it (or verifies it), refusing with
/// one line when the working tree has uncommitted changes, unless `--allow-dirty`.
func committedCourse(_ invocation: Invocation, _ workspace: Workspace, doing what: String) throws -> CommittedCourse {
    let committed = try CommittedCourse.inspect(workspace)
    try committed.requireClean(allowDirty: invocation.flags.contains("--allow-dirty"),
                               otherwise: "\(what) commit \(committed.shortCommit) without them")
    return committed
}

/// What was left out of the working tree, when anything was.
func leftOut(_ committed: CommittedCourse) -> String? {
    var parts: [String] = []
    if committed.isDirty { parts.append("the uncommitted changes to \(committed.changed.count) file\(committed.changed.count == 1 ? "" : "s") (\(committed.changedSummary()))") }
    if !committed.untracked.isEmpty {
        parts.append("\(committed.untracked.count) untracked file\(committed.untracked.count == 1 ? "" : "s") (\(committed.untracked.prefix(3).joined(separator: ", "))\(committed.untracked.count > 3 ? ", …" : ""))")
    }
    return parts.isEmpty ? nil : "Left out " + parts.joined(separator: " and ") + "."
}

func export(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try locateCourse()
    let committed = try committedCourse(invocation, workspace, doing: "export")
    let source = try committed.materialise()
    defer { try? FileManager.default.removeItem(at: source) }
    // The answers the copy needs in place of their code: the lessons and the visible checks,
    // run here against the committed solutions.
    let answers = try AnswerRecording.record(grader: try makeGrader(workspace), solutions: Workspace(root: source))
    let written = try StudentExport(workspace: Workspace(root: source)).write(to: destination, answers: answers)
    print("Wrote the student version of \(committed.description) (\(written.files.count) files) to \(Workspace.displayPath(destination)).")
    if let note = leftOut(committed) { print(note) }
    let withheld = written.withheldPoints.values.reduce(0, +)
    print("It has no solutions, mutants or hidden checks (\(formatNumber(withheld)) points in \(written.withheldPoints.count) exercises, "
          + "which you grade with `course grade` or Gradescope); students start with `swift run course run lesson1`.")
    return 0
}

func gradescope(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try locateCourse()
    let version = try invocation.options["--swift-version"] ?? toolchainVersion()
    let committed = try committedCourse(invocation, workspace, doing: "build the autograder from")
    let source = try committed.materialise()
    defer { try? FileManager.default.removeItem(at: source) }
    try GradescopeAutograder(workspace: Workspace(root: source), swiftVersion: version, commit: committed.description).write(to: destination)
    print("Wrote a Gradescope autograder of \(committed.description) for Swift \(version) to \(Workspace.displayPath(destination)).")
    if let note = leftOut(committed) { print(note) }
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
