import Foundation
import CourseKit
import Grader

/// `course watch`: checks the current exercise whenever its file changes, moves to the next
/// exercise when it passes, and reads one-letter commands from the keyboard.
///
/// It looks at the file's size, modification time and contents every `--interval` seconds,
/// which works on every file system, including those without change notifications.
func watch(_ invocation: Invocation) throws -> Int32 {
    let workspace = try workspace(for: invocation)
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
    var lastSeen: Data?
    var hintsShown = progress.exercises[current.id]?.hintsShown ?? 0
    _ = fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK)

    func checkNow() throws -> Bool {
        let file = workspace.studentFile(current)
        lastSeen = FileManager.default.contents(atPath: file.path)
        if style.enabled { print("\u{1B}[2J\u{1B}[H", terminator: "") }
        let result = try grader.grade(current, file: file)
        progress.record(result)
        try? progress.save(to: workspace)
        print(report.render(result.redactingHidden(), exercise: current, next: exercise(after: current), watching: true))
        print(style.dim("Watching \(Workspace.displayPath(file)): save it to check again · h hint · c check · q quit"))
        fflush(nil)
        return result.status == .passed
    }

    var passed = try checkNow()
    while true {
        if passed {
            guard let next = exercise(after: current) else {
                print(style.green("Every exercise passes: well done."))
                return 0
            }
            print(style.green("✓ \(current.id) passes. Now watching \(next.id) · \(next.title)."))
            current = next
            hintsShown = progress.exercises[current.id]?.hintsShown ?? 0
            passed = try checkNow()
            continue
        }
        usleep(useconds_t(interval * 1_000_000))
        switch readCommand() {
        case "q"?:
            return 0
        case "c"?:
            passed = try checkNow()
            continue
        case "h"?:
            let index = min(hintsShown, current.hints.count - 1)
            print(style.bold("Hint \(index + 1) of \(current.hints.count):"))
            print(report.wrap(current.hints[index], indent: "  ").joined(separator: "\n"))
            hintsShown = min(hintsShown + 1, current.hints.count)
            var entry = progress.exercises[current.id] ?? StudentProgress.Entry()
            entry.hintsShown = hintsShown
            progress.exercises[current.id] = entry
            try? progress.save(to: workspace)
            fflush(nil)
        default:
            break
        }
        if FileManager.default.contents(atPath: workspace.studentFile(current).path) != lastSeen {
            passed = try checkNow()
        }
    }
}

/// Returns the first letter of a line typed on stdin, if a whole line is waiting; returns
/// "q" when stdin has ended, so that a closed input leaves the loop.
private func readCommand() -> Character? {
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = read(0, &buffer, buffer.count)
    if count == 0 { return isatty(0) == 1 ? nil : "q" }
    guard count > 0 else { return nil }
    return String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).first
}
