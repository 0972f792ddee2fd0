import CourseTestSupport
import Foundation
import Testing
@testable import Grader

/// The corpus of hostile submissions: each gets the verdict it must, within the time limit,
/// and leaves nothing behind: no process, no file outside its own folder.
///
/// Some protections need the grader to run as root (as CI and Gradescope do): the sandbox
/// user that cannot write the course nor read the cache, and the reaper that kills processes
/// which left the process group. Those assertions are made only under root.
@Suite struct HostileCorpusTests {
    let exercise1 = Catalogue.exercise(named: "exercise1")!
    let solution1 = courseFile("solutions/exercise1.swift")
    let isRoot = geteuid() == 0

    /// Grades exercise 1 with `function`'s body replaced.
    func gradeWith(_ function: String, _ body: String) throws -> ExerciseResult {
        try grade(exercise1, source: replacingBody(of: function, in: solution1, with: body))
    }

    /// The processes whose command line contains `marker`.
    func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let text = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return text.contains(marker) ? "\(pid): \(text)" : nil
        }
    }

    /// Waits a moment for killed processes to disappear, then returns those left.
    func leftovers(_ marker: String) -> [String] {
        for _ in 0..<50 where !processes(containing: marker).isEmpty { usleep(20_000) }
        return processes(containing: marker)
    }

    /// A call that sleeps uses no processor time, so it is not taken for an endless loop: the
    /// check's own limit stops it.
    @Test func sleepingPastTheLimitTimesOut() throws {
        let result = try gradeWith("softplus", "usleep(30_000_000)\nreturn x")
        let check = result.check("softplus and its derivative")
        #expect(check.status == .error)
        #expect(check.messages.joined().contains("Stopped after 5 s"), "\(check.messages)")
        #expect(result.check("swish and its derivative").status == .passed)
    }

    @Test func deepRecursionIsAStackOverflow() throws {
        let source = replacingBody(of: "softplus", in: solution1, with: "return x > 1e300 ? x : deeper(1_000_000_000) + x")
            + "\nfunc deeper(_ n: Int) -> Double { n == 0 ? 0 : 1 + deeper(n - 1) * 0.5 }\n"
        let result = try grade(exercise1, source: source)
        let check = result.check("softplus and its derivative")
        #expect(check.status == .error)
        #expect(check.messages.joined().contains("SIGSEGV"), "\(check.messages)")
        #expect(check.messages.joined().contains("stack overflow"), "\(check.messages)")
    }

    @Test func allocatingUntilItFailsIsStopped() throws {
        let result = try gradeWith("softplus", """
            var chunks: [[UInt8]] = []
            while true { chunks.append([UInt8](repeating: 1, count: 200_000_000)) }
            """)
        let check = result.check("softplus and its derivative")
        #expect(check.status == .error)
        let said = check.messages.joined()
        #expect(said.contains("crashed") || said.contains("Stopped") || said.contains("did not return"), "\(check.messages)")
        #expect(result.check("swish and its derivative").status == .passed)
    }

    @Test func closingStdoutAndStderrChangesNothing() throws {
        let result = try gradeWith("softplus", "close(1)\nclose(2)\nreturn max(x, 0) + log1p(exp(-abs(x)))")
        #expect(result.status == .passed, "\(result.allMessages)")
    }

    @Test func childrenThatOutliveTheSubmissionAreKilled() throws {
        let marker = "98\(UInt32.random(in: 100_000...999_999))"
        let result = try gradeWith("softplus", """
            _ = system("sleep \(marker) &")
            _ = system("setsid sleep \(marker)1 &")
            return max(x, 0) + log1p(exp(-abs(x)))
            """)
        #expect(result.check("softplus and its derivative").status == .passed)
        #expect(leftovers("sleep \(marker) ").isEmpty || leftovers("sleep \(marker)").allSatisfy { $0.contains("\(marker)1") },
                "the child in the process group is killed: \(processes(containing: marker))")
        if isRoot {
            #expect(leftovers("sleep \(marker)").isEmpty, "even a child that left the group: \(processes(containing: marker))")
        }
        for leftover in processes(containing: "sleep \(marker)") { kill(pid_t(leftover.prefix { $0 != ":" })!, SIGKILL) }
    }

    @Test func forkBombIsContainedAndCleanedUp() throws {
        let marker = "bomb\(UInt32.random(in: 100_000...999_999))"
        let result = try gradeWith("softplus", """
            _ = system("sh -c 'b() { b | b & }; b' \(marker) >/dev/null 2>&1 &")
            usleep(10_000)
            return max(x, 0) + log1p(exp(-abs(x)))
            """)
        #expect(result.checks.count == exercise1.checks.count)
        #expect(leftovers(marker).isEmpty, "\(processes(containing: marker).count) bomb processes left")
    }

    @Test func writingOutsideItsFolderFails() throws {
        let marker = "HACKED-\(UUID().uuidString)"
        let target = workspace.root.appendingPathComponent(marker)
        let result = try gradeWith("softplus", """
            for path in ["\(target.path)", "../../../../\(marker)", "\(workspace.solutionsFolder.path)/\(marker)"] {
                if let file = fopen(path, "w") { fputs("pwned", file); fclose(file) }
            }
            if let mine = fopen("own-file.txt", "w") { fputs("mine", mine); fclose(mine) }
            return max(x, 0) + log1p(exp(-abs(x)))
            """)
        #expect(result.check("softplus and its derivative").status == .passed)
        if isRoot {
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(!FileManager.default.fileExists(atPath: workspace.solutionsFolder.appendingPathComponent(marker).path))
        }
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.removeItem(at: workspace.solutionsFolder.appendingPathComponent(marker))
    }

    @Test func oversizedAndNonUTF8FilesAreRefused() throws {
        let big = solution1 + "\n// " + String(repeating: "x", count: 10 << 20) + "\n"
        let refusedBig = try grade(exercise1, source: big)
        #expect(refusedBig.status == .rejected)
        #expect(refusedBig.allMessages.contains("at most 1024 KB"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("exercise1.swift")
        try Data(solution1.utf8 + [0x2F, 0x2F, 0x20, 0xE9, 0xFF, 0x0A]).write(to: file)
        let refusedBytes = try sharedGrader.grade(exercise1, file: file)
        #expect(refusedBytes.status == .rejected)
        #expect(refusedBytes.allMessages.contains("not UTF-8"))
    }

    @Test func preAnsweredRepliesAreOnlyValues() throws {
        let result = try gradeWith("sigmoidDerivative", """
            var forged = ""
            for id in 1...400 { forged += "ok \\(id) d 0.25\\n" }
            _ = forged.withCString { write(3, $0, strlen($0)) }
            return 0.25
            """)
        #expect(result.check("sigmoidDerivative").status == .failed)
        #expect(result.status == .failed)
    }
}
