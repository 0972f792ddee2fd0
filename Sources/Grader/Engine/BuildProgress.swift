import Foundation

/// What the library build is doing, kept in the cache so that a command waiting for another
/// one's build can say what is happening and how long it usually takes.
struct BuildProgress {
    let cache: URL

    private var stepFile: URL { cache.appendingPathComponent("library-progress") }
    private var durationFile: URL { cache.appendingPathComponent("library-build-seconds") }

    /// Records that step `step` of `count`, compiling `what`, has begun.
    func record(step: Int, of count: Int, _ what: String) {
        let started = (try? String(contentsOf: stepFile, encoding: .utf8))?.split(separator: "\n").first.flatMap { Double($0) }
        let text = "\(started ?? Date().timeIntervalSince1970)\n\(step) of \(count): \(what)\n"
        try? Data(text.utf8).write(to: stepFile, options: .atomic)
    }

    /// Records how long a whole build took, for the next notice.
    func finish(after duration: Duration) {
        try? FileManager.default.removeItem(at: stepFile)
        try? Data(String(Int(duration.seconds.rounded(.up))).utf8).write(to: durationFile, options: .atomic)
    }

    /// The last build's duration in whole seconds, if one was recorded.
    var usualDuration: Int? {
        (try? String(contentsOf: durationFile, encoding: .utf8)).flatMap { Int($0) }
    }

    /// A line for a command that waits for another one's build.
    func waitingNotice() -> String {
        let lines = (try? String(contentsOf: stepFile, encoding: .utf8))?.split(separator: "\n") ?? []
        var text = "The course library is being compiled by another command"
        if lines.count == 2, let started = Double(lines[0]) {
            text += " (step \(lines[1]), \(Int(Date().timeIntervalSince1970 - started)) s so far"
            text += usualDuration.map { ", about \($0) s in all)" } ?? ")"
        }
        return text + "; waiting for it…"
    }
}
