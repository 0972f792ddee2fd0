import Foundation
import CourseKit
import Grader

// `course hint`, and the hints that `course watch` shows.

func hint(_ invocation: Invocation) throws -> Int32 {
    let workspace = try locateCourse()
    var progress = StudentProgress.load(from: workspace)
    guard let chosen = try exerciseToWorkOn(invocation, progress) else {
        print("Every exercise passes: no hint needed. `\(commandName) hint exerciseN --all` shows the hints you have seen.")
        return 0
    }
    let style = TerminalStyle.standardOutput
    if invocation.flags.contains("--all") {
        print(revealedHints(HintSequence(exercise: chosen, entry: progress.exercises[chosen.id]), exercise: chosen, style: style))
        return 0
    }
    let file = workspace.studentFile(chosen)
    let source = FileManager.default.contents(atPath: file.path)
    if !progress.resultIsCurrent(for: chosen, source: source) {
        FileHandle.standardError.write(Data("Checking \(Workspace.displayPath(file)) to find its first failing check…\n".utf8))
        let result = try makeGrader(workspace).grade(chosen, file: file)
        progress.record(result, source: source)
    }
    var entry = progress.exercises[chosen.id] ?? StudentProgress.Entry()
    let sequence = HintSequence(exercise: chosen, entry: entry)
    guard let next = sequence.next else {
        print("You have seen all \(sequence.order.count) hints of \(chosen.id). `\(commandName) hint \(chosen.id) --all` shows them again.")
        try? progress.save(to: workspace)
        return 0
    }
    print(render(next, exercise: chosen, failing: entry.failingChecks, style: style))
    print(style.dim(next.isLast
        ? "That was the last hint. `\(commandName) hint \(chosen.id) --all` shows them all again."
        : "Run `\(commandName) hint \(chosen.id)` again for the next hint; `--all` shows those you have seen."))
    entry.reveal(next.hint, of: sequence)
    progress.exercises[chosen.id] = entry
    try? progress.save(to: workspace)
    return 0
}

/// Renders one hint: its number, what it is about, and its text.
func render(_ next: HintSequence.Next, exercise: Exercise, failing: [String], style: TerminalStyle) -> String {
    var lines = [style.bold("Hint \(next.number) of \(next.total) for \(exercise.id) · \(exercise.title)" + (next.isLast ? " (the last one)" : ""))]
    if let check = next.hint.check {
        lines.append(failing.first == check ? "About the first failing check, “\(check)”:"
                     : failing.contains(check) ? "About the failing check “\(check)”:" : "About the check “\(check)”:")
    }
    lines += TerminalReport(style: style).wrap(next.hint.text, indent: "  ")
    return lines.joined(separator: "\n")
}

/// Renders every hint shown so far, in the order they were shown.
func revealedHints(_ sequence: HintSequence, exercise: Exercise, style: TerminalStyle) -> String {
    guard !sequence.revealed.isEmpty else {
        return "No hint of \(exercise.id) shown yet: `\(commandName) hint \(exercise.id)` shows the first."
    }
    let report = TerminalReport(style: style)
    var lines = [style.bold("The hints of \(exercise.id) · \(exercise.title) you have seen, "
                            + "\(sequence.revealed.count) of \(sequence.order.count):")]
    for (index, hint) in sequence.revealed.enumerated() {
        lines.append("")
        lines.append(style.bold("Hint \(index + 1)") + (hint.check.map { ", about the check “\($0)”:" } ?? ":"))
        lines += report.wrap(hint.text, indent: "  ")
    }
    if sequence.next == nil { lines += ["", style.dim("That is every hint of \(exercise.id).")] }
    return lines.joined(separator: "\n")
}
