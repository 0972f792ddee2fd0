import Foundation
import CourseKit
import Grader

// `course check` and `course hint`.

func check(_ invocation: Invocation) throws -> Int32 {
    let workspace = try workspace(for: invocation)
    var progress = StudentProgress.load(from: workspace)
    let chosen: Exercise
    if let name = invocation.positionals.first {
        chosen = try exercise(named: name, for: invocation)
    } else if let next = progress.nextUnfinished(in: Catalogue.exercises) {
        chosen = next
    } else {
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
    let grader = try makeStudentGrader(workspace)
    let full = try grader.grade(chosen, file: file)
    let result = invocation.flags.contains("--reveal") ? full : full.redactingHidden()
    if invocation.options["--file"] == nil {
        progress.record(full)
        try? progress.save(to: workspace)
    }
    if invocation.flags.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    } else {
        print(TerminalReport(style: .standardOutput).render(result, exercise: chosen, next: exercise(after: chosen)))
    }
    return result.status == .passed ? 0 : 1
}

/// The exercise after `exercise` in the catalogue, if any.
func exercise(after exercise: Exercise) -> Exercise? {
    let index = Catalogue.exercises.firstIndex { $0.id == exercise.id }!
    return Catalogue.exercises.dropFirst(index + 1).first
}

func hint(_ invocation: Invocation) throws -> Int32 {
    let chosen = try exercise(named: invocation.positionals[0], for: invocation)
    let workspace = try workspace(for: invocation)
    var progress = StudentProgress.load(from: workspace)
    var entry = progress.exercises[chosen.id] ?? StudentProgress.Entry()
    let index = min(entry.hintsShown, chosen.hints.count - 1)
    let style = TerminalStyle.standardOutput
    print(style.bold("Hint \(index + 1) of \(chosen.hints.count) for \(chosen.id) · \(chosen.title)"))
    print(TerminalReport(style: style).wrap(chosen.hints[index], indent: "  ").joined(separator: "\n"))
    if index + 1 < chosen.hints.count {
        print(style.dim("Run `\(commandName) hint \(chosen.id)` again for the next hint."))
    } else {
        print(style.dim("That was the last hint."))
    }
    entry.hintsShown = min(entry.hintsShown + 1, chosen.hints.count)
    progress.exercises[chosen.id] = entry
    try? progress.save(to: workspace)
    return 0
}
