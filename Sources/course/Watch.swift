import Foundation
import CourseKit
import Grader

/// `course watch`: checks the current exercise whenever its file changes, moves to the next
/// exercise when it passes, and reads single keys (no Enter needed): h, c and q.
///
/// It looks at the file's size, modification time and contents every `--interval` seconds,
/// which works on every file system, including those without change notifications.
func watch(_ invocation: Invocation) throws -> Int32 {
    let workspace = try locateCourse()
    try requireAnswerKeys(workspace)
    var progress = StudentProgress.load(from: workspace)
    var interval = 0.5
    if let text = invocation.options["--interval"] {
        guard let seconds = Double(text), seconds >= 0.05, seconds <= 60 else {
            throw UsageError(message: "'--interval' needs a number of seconds from 0.05 to 60, not '\(text)'.", spec: invocation.spec)
        }
        interval = seconds
    }
    guard var current = try invocation.positionals.first.map({ try exercise(named: $0, for: invocation) })
            ?? progress.nextUnfinished(in: Catalogue.exercises) else {
        print("Every exercise passes. Nothing left to watch: well done.")
        return 0
    }
    let grader = try makeStudentGrader(workspace)
    let style = TerminalStyle.standardOutput
    let report = TerminalReport(style: style)
    let keyboard = Keyboard()
    var lastSeen: Data?

    func checkNow() throws -> Bool {
        let file = workspace.studentFile(current)
        lastSeen = FileManager.default.contents(atPath: file.path)
        if style.enabled { print("\u{1B}[2J\u{1B}[H", terminator: "") }
        let result = try grader.grade(current, file: file)
        progress.record(result, source: lastSeen)
        try? progress.save(to: workspace)
        print(report.render(result.redactingHidden(), exercise: current, origin: .watch(next: exercise(after: current))))
        print(style.dim("Watching \(Workspace.displayPath(file)): save it to check again · h hint · c check · q quit"))
        fflush(nil)
        return result.status == .passed
    }

    func showHint() {
        var entry = progress.exercises[current.id] ?? StudentProgress.Entry()
        let sequence = HintSequence(exercise: current, entry: entry)
        guard let next = sequence.next else {
            print(style.dim("You have seen all \(sequence.order.count) hints of \(current.id); `\(commandName) hint \(current.id) --all` shows them again."))
            return
        }
        print(render(next, exercise: current, failing: entry.failingChecks, style: style))
        print(style.dim(next.isLast ? "That was the last hint." : "Press h again for the next hint."))
        entry.reveal(next.hint, of: sequence)
        progress.exercises[current.id] = entry
        try? progress.save(to: workspace)
    }

    keyboard.start()
    var passed = try checkNow()
    while true {
        if passed {
            guard let next = exercise(after: current) else {
                print(style.green("Every exercise passes: well done."))
                return 0
            }
            print(style.green("✓ \(current.id) passes. Now watching \(next.id) · \(next.title)."))
            current = next
            passed = try checkNow()
            continue
        }
        for key in keyboard.keys(waiting: interval) {
            switch key {
            case "q", "Q":
                return 0
            case "c", "C":
                passed = try checkNow()
            case "h", "H":
                showHint()
            default:
                continue
            }
            fflush(nil)
        }
        if !passed && FileManager.default.contents(atPath: workspace.studentFile(current).path) != lastSeen {
            passed = try checkNow()
        }
    }
}
