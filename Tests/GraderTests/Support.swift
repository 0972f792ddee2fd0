import Foundation
import Testing
@testable import Grader

/// The course folder the tests run in (SwiftPM runs tests from the package root).
let workspace = Workspace(root: URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())

/// Limits short enough that the hostile submissions finish quickly.
let quickLimits: RunLimits = {
    var limits = RunLimits()
    limits.callTime = .seconds(1)
    limits.checkTime = .seconds(5)
    limits.exerciseTime = .seconds(20)
    return limits
}()

/// One grader for all tests; the course library is compiled once.
let sharedGrader: Grader = try! Grader(workspace: workspace, limits: quickLimits)

/// Returns the text of a file of the course.
func courseFile(_ path: String) -> String {
    try! String(contentsOf: workspace.root.appendingPathComponent(path), encoding: .utf8)
}

/// Returns the source of a known mistake of an exercise, made from its record.
func mutantSource(_ exercise: Exercise, _ name: String) throws -> String {
    let record = try workspace.mutantRecords(exercise).first { $0.name == name }!
    return try record.apply(to: courseFile("solutions/\(exercise.id).swift"))
}

/// Grades `source` as the exercise, from a temporary file.
func grade(_ exercise: Exercise, source: String, grader: Grader = sharedGrader) throws -> ExerciseResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grader-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("\(exercise.id).swift")
    try Data(source.utf8).write(to: file)
    return try grader.grade(exercise, file: file)
}

extension ExerciseResult {
    /// The result of the check whose name starts with `prefix`.
    func check(_ prefix: String) -> CheckResult {
        guard let found = checks.first(where: { $0.name.hasPrefix(prefix) }) else {
            fatalError("no check starting with '\(prefix)' among \(checks.map(\.name))")
        }
        return found
    }

    /// Every message of every check, joined.
    var allMessages: String { checks.flatMap(\.messages).joined(separator: "\n") }
}
