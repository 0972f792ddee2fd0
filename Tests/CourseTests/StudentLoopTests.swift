import Foundation
import Testing

/// A student's loop driven through real file edits: `watch` notices a saved file, checks
/// it, moves on when it passes and keeps the progress; `reset` puts a starter back.
/// A course folder of its own whose exercises can be edited: it links to the real sources,
/// lessons, solutions and build folder (so the compiled library is shared) and holds its own
/// copy of the starters.
func privateCourse() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("exercises"), withIntermediateDirectories: true)
    for name in ["Sources", "lessons", "solutions", ".build", "Package.swift"] {
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent(name),
                                                   withDestinationURL: packageRoot.appendingPathComponent(name))
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("exercises").path) {
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("exercises/\(name)"),
                                         to: root.appendingPathComponent("exercises/\(name)"))
    }
    return root
}

/// Collects a process's output as it arrives.
final class Output: @unchecked Sendable {
    private var text = ""
    private let lock = NSLock()
    func append(_ data: Data) { lock.lock(); text += String(decoding: data, as: UTF8.self); lock.unlock() }
    var value: String { lock.lock(); defer { lock.unlock() }; return text }

    /// Returns how many times the output contains `words`.
    func count(of words: String) -> Int { value.components(separatedBy: words).count - 1 }

    /// Waits until the output contains `words` at least `times` times, up to `seconds`.
    func wait(for words: String, times: Int = 1, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if count(of: words) >= times { return true }
            usleep(50_000)
        }
        return false
    }
}

@Suite(.serialized) struct StudentLoopTests {
    @Test func watchChecksOnSaveMovesOnAndKeepsProgress() throws {
        let root = try privateCourse()
        let state = root.appendingPathComponent(".course")
        let input = Pipe()
        let watch = Process()
        watch.executableURL = try courseExecutable()
        watch.arguments = ["watch", "exercise1", "--interval", "0.1"]
        watch.currentDirectoryURL = root
        watch.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "COURSE_STATE_DIR": state.path]) { $1 }
        let collected = Output()
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
        watch.standardOutput = pipe
        watch.standardError = pipe
        watch.standardInput = input
        try watch.run()

        #expect(collected.wait(for: "is not implemented yet"), "the starter is checked at once: \(collected.value)")
        // A first attempt with a mistake, then the fix: each save is checked.
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        let wrong = solution.replacingOccurrences(of: "return 1 - t * t", with: "return 1 - t")
        let file = root.appendingPathComponent("exercises/exercise1.swift")
        try Data(wrong.utf8).write(to: file)
        #expect(collected.wait(for: "the square is missing"), "a saved attempt is checked: \(collected.value.suffix(2000))")
        input.fileHandleForWriting.write(Data("h\n".utf8))
        #expect(collected.wait(for: "Hint 1 of "), "h shows a hint")
        try Data(solution.utf8).write(to: file)
        #expect(collected.wait(for: "✓ exercise1 passes. Now watching exercise2"), "\(collected.value.suffix(2000))")
        #expect(collected.wait(for: "Watching exercises/exercise2.swift"))
        input.fileHandleForWriting.write(Data("q\n".utf8))
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0)

        let progress = try JSONSerialization.jsonObject(with: Data(contentsOf: state.appendingPathComponent("progress.json"))) as? [String: Any]
        let exercises = progress?["exercises"] as? [String: [String: Any]]
        #expect(exercises?["exercise1"]?["status"] as? String == "passed")
        #expect(exercises?["exercise1"]?["hintsShown"] as? Int == 1)
        #expect(exercises?["exercise2"]?["status"] as? String == "failed")
        let list = try course("list", state: state, directory: root)
        #expect(list.stdout.contains("✓ exercise1"), "\(list.stdout)")
        let next = try course("check", state: state, directory: root)
        #expect(next.stdout.hasPrefix("exercise2 · "), "check without an exercise takes the next unfinished one")
    }

    @Test func resetRestoresTheStarterAndKeepsABackup() throws {
        let root = try privateCourse()
        let git = { (arguments: [String]) throws in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        try git(["init", "-q"])
        try git(["add", "exercises"])
        try git(["commit", "-q", "-m", "starters"])
        let file = root.appendingPathComponent("exercises/exercise2.swift")
        let starter = try Data(contentsOf: file)
        try Data("// my attempt\n".utf8).write(to: file)
        let state = root.appendingPathComponent(".course")

        let refused = try course("reset", "exercise2", state: state, directory: root)
        #expect(refused.status == 64, "without a terminal it does not ask; it wants --yes")
        #expect(try Data(contentsOf: file) != starter)

        let reset = try course("reset", "exercise2", "--yes", state: state, directory: root)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try Data(contentsOf: file) == starter)
        let backup = state.appendingPathComponent("backups/exercise2-1.swift")
        #expect(try String(contentsOf: backup, encoding: .utf8) == "// my attempt\n")
        let again = try course("reset", "exercise2", "--yes", state: state, directory: root)
        #expect(again.stdout.contains("already the starter"))
    }
}
