import CourseKit

/// Renders an exercise's result for a student at a terminal: a header, one line per check
/// with its points, the reasons of each failure, and what to do next.
public struct TerminalReport {
    /// How many messages of a failed check the report shows; the rest are counted.
    public static let messagesShown = 3

    public let style: TerminalStyle
    public let width = 78

    public init(style: TerminalStyle) { self.style = style }

    /// What was checked and how, which decides the advice that ends a report.
    public enum Origin: Sendable {
        /// The student's own file, with `course check`: a pass leads to the next exercise.
        case check(next: Exercise?)
        /// The student's own file, in `course watch`, which checks it again on every save.
        case watch(next: Exercise?)
        /// Another file, given with `check --file`: it says nothing of the student's progress,
        /// so the advice repeats `command` and leads nowhere else.
        case otherFile(command: String)
    }

    /// Renders the result, ending with the advice that fits where it came from.
    public func render(_ result: ExerciseResult, exercise: Exercise, origin: Origin) -> String {
        var lines: [String] = []
        lines.append(style.bold("\(exercise.id) · \(exercise.title)"))
        lines.append(style.dim("lesson \(exercise.lesson) · \(result.file) · \(formatNumber(result.maxScore)) points"))
        lines.append("")
        if let compiler = result.compilerOutput {
            lines.append(style.red("✗ The file does not compile:"))
            lines += visibleText(compiler).split(separator: "\n", omittingEmptySubsequences: false).prefix(60).map { "    " + $0 }
            lines.append("")
        } else if result.status == .notSubmitted {
            lines.append(style.red("✗ Not submitted: \(result.file) does not exist."))
            lines.append("")
        } else if result.status == .rejected {
            lines.append(style.red("✗ Not graded: \(visibleText(result.checks.first?.messages.first ?? ""))"))
            lines.append("")
        } else {
            for check in result.checks { lines += render(check) }
            lines.append("")
            if let printed = result.printed {
                lines.append(style.dim("Your code printed:"))
                lines += visibleText(printed).split(separator: "\n", omittingEmptySubsequences: false).prefix(12).map { "    " + $0 }
                lines.append("")
            }
        }
        lines.append(summary(result))
        let withheld = WithheldPoints.of(exercise)
        if withheld > 0 {
            lines.append(style.dim("This copy of the course checks \(formatNumber(result.maxScore)) of the exercise's "
                                   + "\(formatNumber(result.maxScore + withheld)) points; \(formatNumber(withheld)) more, in hidden checks, are graded by your instructor."))
        }
        if result.status == .failed {
            lines.append(style.dim("Numbers are compared with \(result.tolerance)."))
        }
        switch origin {
        case .check(let next):
            lines.append(advice(result, exercise: exercise, next: next, again: "\(commandName) check \(exercise.id)", hints: true))
        case .watch(let next):
            lines.append(result.status == .passed
                         ? advice(result, exercise: exercise, next: next, again: "", hints: true)
                         : "Next: fix the first failing check and save the file; it is checked again at once.")
        case .otherFile(let command):
            lines.append(result.status == .passed
                         ? "This file passes every check. Your progress counts only exercises/\(exercise.id).swift, so it is unchanged."
                         : advice(result, exercise: exercise, next: nil, again: command, hints: false))
        }
        return lines.joined(separator: "\n")
    }

    private func render(_ check: CheckResult) -> [String] {
        let points = "\(formatNumber(check.score, digits: 2))/\(formatNumber(check.maxScore, digits: 2))"
        let mark: String
        switch check.status {
        case .passed: mark = style.green("✓")
        case .failed: mark = style.red("✗")
        case .error: mark = style.red("!")
        case .skipped: mark = style.yellow("-")
        }
        // A long name wraps at a space, never mid-word: the points end its first line.
        let nameLines = wrap(check.name, indent: "", width: width - 6 - points.count)
        let gap = String(repeating: " ", count: max(width - 4 - nameLines[0].count - points.count, 1))
        var lines = ["  \(mark) \(nameLines[0])\(gap)\(points)"] + nameLines.dropFirst().map { "    " + $0 }
        let shown = check.messages.prefix(TerminalReport.messagesShown)
        for message in shown { lines += wrap(visibleText(message), indent: "      ") }
        if check.messages.count > shown.count {
            lines.append(style.dim("      … and \(check.messages.count - shown.count) more like these"))
        }
        return lines
    }

    private func summary(_ result: ExerciseResult) -> String {
        let score = "Score \(formatNumber(result.score, digits: 2))/\(formatNumber(result.maxScore, digits: 2))"
        switch result.status {
        case .passed: return style.green(style.bold("\(score) · every check passes"))
        case .compileError: return style.red(style.bold("\(score) · the file does not compile"))
        case .notSubmitted: return style.red(style.bold("\(score) · not submitted"))
        case .rejected: return style.red(style.bold("\(score) · not graded"))
        case .failed:
            let failing = result.checks.filter { $0.status != .passed }.count
            return style.red(style.bold("\(score) · \(failing) of \(result.checks.count) checks failing"))
        }
    }

    /// The last line of a report: what to do next, where `again` is the command that checks
    /// the same file again, and `hints` whether `course hint` is about that file.
    private func advice(_ result: ExerciseResult, exercise: Exercise, next: Exercise?, again: String, hints: Bool) -> String {
        switch result.status {
        case .passed:
            if let next { return "Next: \(next.id), \(next.title): run `\(commandName) check \(next.id)`." }
            return "That was the last exercise: well done."
        case .compileError:
            return "Next: fix the first error above (its line and column are given), then run `\(again)` again."
        case .rejected:
            return "Next: fix the file as said above, then run `\(again)` again."
        case .notSubmitted:
            return "Next: restore the starter with `git checkout \(result.file)` and write your solution in it."
        case .failed:
            let hint = hints ? "; `\(commandName) hint \(exercise.id)` gives a hint about it" : ""
            return "Next: fix the first failing check, run `\(again)` again\(hint)."
        }
    }

    /// Wraps a message to the report's width, keeping its own line breaks.
    public func wrap(_ text: String, indent: String) -> [String] {
        wrap(text, indent: indent, width: width)
    }

    /// Wraps a text to `width` columns, keeping its own line breaks.
    func wrap(_ text: String, indent: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = indent
            for word in paragraph.split(separator: " ") {
                if line.count + word.count + 1 > width && line.count > indent.count {
                    lines.append(line)
                    line = indent
                }
                line += (line.count > indent.count ? " " : "") + word
            }
            lines.append(line)
        }
        return lines
    }
}
