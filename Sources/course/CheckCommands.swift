import Foundation
import CourseKit
import Grader

// `course check`.

/// The exercise a command names, or the next unfinished one; nil when every exercise passes.
func exerciseToWorkOn(_ invocation: Invocation, _ progress: StudentProgress) throws -> Exercise? {
    if let name = invocation.positionals.first { return try exercise(named: name, for: invocation) }
    return progress.nextUnfinished(in: Catalogue.exercises)
}

func check(_ invocation: Invocation) throws -> Int32 {
    let workspace = try locateCourse()
    try requireAnswerKeys(workspace)
    var progress = StudentProgress.load(from: workspace)
    guard let chosen = try exerciseToWorkOn(invocation, progress) else {
        print("Every exercise passes. Nothing left to check: well done.")
        return 0
    }
    var file = workspace.studentFile(chosen)
    if let path = invocation.options["--file"] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw UsageError(message: "No file at '\(path)'.", spec: invocation.spec)
        }
        file = URL(fileURLWithPath: path)
    }
    let source = FileManager.default.contents(atPath: file.path)
    let grader = try makeStudentGrader(workspace)
    let full = try grader.grade(chosen, file: file)
    let result = invocation.flags.contains("--reveal") ? full : full.redactingHidden()
    if invocation.options["--file"] == nil {
        progress.record(full, source: source)
        try? progress.save(to: workspace)
    }
    if invocation.flags.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    } else {
        let origin: TerminalReport.Origin = invocation.options["--file"].map {
            .otherFile(command: "\(commandName) check \(chosen.id) --file \(shellQuoted($0))")
        } ?? .check(next: exercise(after: chosen))
        print(TerminalReport(style: .standardOutput).render(result, exercise: chosen, origin: origin))
    }
    return result.status == .passed ? 0 : 1
}

/// The exercise after `exercise` in the catalogue, if any.
func exercise(after exercise: Exercise) -> Exercise? {
    let index = Catalogue.exercises.firstIndex { $0.id == exercise.id }!
    return Catalogue.exercises.dropFirst(index + 1).first
}

/// Returns `text` as a shell reads it back: unchanged when it is made of safe characters,
/// otherwise in single quotes.
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:+,@%")
    if !text.isEmpty && text.allSatisfy(safe.contains) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
