import Answers
import Foundation
import Testing

/// Whether the course is in git with a commit: export and gradescope ship its last commit.
let courseIsInGit: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", packageRoot.path, "rev-parse", "--verify", "HEAD"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// The student version and the Gradescope autograder: what they leave out, and that they work.
@Suite(.enabled(if: courseIsInGit, "export and gradescope ship the course's last commit, so the course must be a git clone"))
struct DistributionTests {
    func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    func files(under folder: URL) -> [URL] {
        var result: [URL] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.pathComponents.contains(".build") { enumerator?.skipDescendants(); continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { result.append(url) }
        }
        return result
    }

    /// Builds the `course` executable of a copy of the course, as a clean clone would.
    func buildCourse(in folder: URL) throws -> Bool {
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "course"]
        build.currentDirectoryURL = folder
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        return build.terminationStatus == 0
    }

    /// The solution's own text: the body of every function of the solution file, each line
    /// trimmed, comments and blank lines left out; one- and two-line bodies are formulas that
    /// the lessons state, not solution text.
    func solutionBodies(_ id: String) throws -> [String] {
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/\(id).swift"), encoding: .utf8)
        var bodies: [String] = []
        var current: [String] = []
        var depth = 0
        for raw in solution.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("//") { continue }
            let opens = line.filter { $0 == "{" }.count, closes = line.filter { $0 == "}" }.count
            if depth == 0 && line.contains("func ") && opens > closes {
                current = []
            } else if depth > 0 {
                current.append(line)
            }
            depth += opens - closes
            if depth == 0 && !current.isEmpty {
                current.removeLast()
                if current.count >= 3 && !current.contains(where: { $0.contains("notImplemented()") }) {
                    bodies.append(current.joined(separator: "\n"))
                }
                current = []
            }
        }
        return bodies
    }

    /// A file's code lines, trimmed and joined, so that indentation does not hide a copy.
    func normalized(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("//") }.joined(separator: "\n")
    }

    /// Runs git in `folder` and returns its standard output.
    @discardableResult
    func git(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }

    /// A clean clone of the course's last commit, as a new instructor gets it.
    func cleanClone() throws -> URL {
        let clone = temporaryFolder("clone")
        try git(["clone", "--quiet", packageRoot.path, clone.path], in: packageRoot)
        return clone
    }

    /// An instructor's working tree with the three ways it differs from the commit: a starter
    /// solved to try it, an untracked folder, and an edited catalogue.
    func dirtyClone() throws -> (clone: URL, starter: String, catalogue: String) {
        let clone = try cleanClone()
        let starter = try String(contentsOf: clone.appendingPathComponent("exercises/exercise1.swift"), encoding: .utf8)
        let catalogue = try String(contentsOf: clone.appendingPathComponent("Sources/Grader/Exercises/Exercise1.swift"), encoding: .utf8)
        try FileManager.default.removeItem(at: clone.appendingPathComponent("exercises/exercise1.swift"))
        try FileManager.default.copyItem(at: clone.appendingPathComponent("solutions/exercise1.swift"),
                                         to: clone.appendingPathComponent("exercises/exercise1.swift"))
        // An untracked folder git does not ignore (a lesson's `figures/` is ignored).
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data("<svg/>".utf8).write(to: clone.appendingPathComponent("drafts/plot.svg"))
        try Data((catalogue + "\n// an uncommitted edit\n").utf8).write(to: clone.appendingPathComponent("Sources/Grader/Exercises/Exercise1.swift"))
        return (clone, starter, catalogue)
    }

    @Test func whatIsShippedIsTheCommitNeverTheWorkingTree() throws {
        let (clone, starter, catalogue) = try dirtyClone()
        let commit = String(try git(["rev-parse", "--short=7", "HEAD"], in: clone).prefix(7))
        for command in ["export", "gradescope"] {
            let destination = temporaryFolder(command)
            let refused = try course(command, destination.path, directory: clone)
            #expect(refused.status == 1, "\(command) refuses a working tree with uncommitted changes")
            let lines = refused.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("uncommitted changes") && lines[0].contains("--allow-dirty")
                    && lines[0].contains("exercises/exercise1.swift"), "one clear line: \(refused.stderr)")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: destination.path))?.isEmpty ?? true, "nothing written")

            let shipped = try course(command, destination.path, "--allow-dirty", directory: clone)
            #expect(shipped.status == 0, "\(shipped.stderr)")
            #expect(shipped.stdout.contains("commit \(commit)"), "it names the commit: \(shipped.stdout)")
            let root = command == "export" ? destination : destination.appendingPathComponent("source")
            #expect(try String(contentsOf: root.appendingPathComponent("exercises/exercise1.swift"), encoding: .utf8) == starter,
                    "\(command) ships the committed starter, not the solved one")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("drafts").path), "no untracked file")
            let shippedCatalogue = try String(contentsOf: root.appendingPathComponent("Sources/Grader/Exercises/Exercise1.swift"), encoding: .utf8)
            #expect(!shippedCatalogue.contains("an uncommitted edit"))
            if command == "gradescope" { #expect(shippedCatalogue == catalogue, "the autograder has the committed catalogue") }
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path))
        }

        // verify stops too, and verifies the commit once the tracked files are back: an
        // untracked file that would fail it (a "mutant" that is the solution) is left out.
        let refused = try course("verify", "exercise1", directory: clone)
        #expect(refused.status == 1 && refused.stderr.contains("--allow-dirty"), "\(refused.stderr)")
        // Told to, it verifies the working tree, and says plainly that the solved starter scores.
        let dirty = try course("verify", "exercise1", "--allow-dirty", directory: clone)
        #expect(dirty.status == 1 && dirty.stdout.contains("Verifying the working tree"), "\(dirty.stdout)")
        #expect(!dirty.stdout.contains("starter 0/") && dirty.stdout.contains("gives points to the starter"), "\(dirty.stdout)")
        try git(["checkout", "--", "."], in: clone)
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("solutions/mutants/exercise1"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: clone.appendingPathComponent("solutions/exercise1.swift"),
                                         to: clone.appendingPathComponent("solutions/mutants/exercise1/untracked-copy-of-the-solution.swift"))
        let verified = try course("verify", "exercise1", directory: clone)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("Verifying commit \(commit)") && verified.stdout.contains("leaving out 2 untracked files"),
                "\(verified.stdout)")
        #expect(!verified.stdout.contains("untracked-copy-of-the-solution"))
    }

    @Test func studentVersionHasNoSolutionsMutantsOrHiddenChecks() throws {
        let destination = temporaryFolder("student-version")
        let run = try course("export", destination.path, "--allow-dirty")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("solutions").path))
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("exercises/exercise1.swift").path))
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("lessons/lesson1-perceptron.md").path))
        let texts = try files(under: destination).map { ($0, try String(contentsOf: $0, encoding: .utf8)) }
        let ids = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("solutions").path)
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }
        var secret: [String] = []
        for id in ids {
            // What the starter itself gives the student (a class's stored properties, a helper the
            // checks call through) is no secret.
            let starter = normalized(try String(contentsOf: packageRoot.appendingPathComponent("exercises/\(id).swift"), encoding: .utf8))
            secret += try solutionBodies(id).filter { !starter.contains($0) }
        }
        #expect(secret.count > 20, "the search has something to look for")
        for (url, text) in texts {
            if url.path.contains("/Sources/Grader/Exercises/") {
                #expect(!text.contains("visibility: .hidden"), "\(url.path) has a hidden check")
                #expect(!text.contains("hidden checks: begin"), "\(url.path)")
            }
            #expect(!text.hasPrefix("// Mistake:"), "\(url.path) is a mutant")
            let code = normalized(text)
            for passage in secret where code.contains(passage) {
                Issue.record("\(url.path) contains the body of a solution's function:\n\(passage)")
            }
        }
        // Exercises 1 and 10 answer from keys recorded at export: their code is left out,
        // the lessons' and visible checks' answers are there, the hidden checks' cases are not.
        let activations = try String(contentsOf: destination.appendingPathComponent("Sources/Perceptron/SmoothActivations.swift"), encoding: .utf8)
        #expect(!activations.contains("return s * (1 - s)") && !activations.contains("log1p(exp(-abs(x)))"))
        let piecewise = try String(contentsOf: destination.appendingPathComponent("Sources/Perceptron/PiecewiseActivations.swift"), encoding: .utf8)
        #expect(!piecewise.contains("alpha * expm1(x)") && !piecewise.contains("x >= 0 ? 1 : slope"))
        let convolution = try String(contentsOf: destination.appendingPathComponent("Sources/Convolution/Convolution1D.swift"), encoding: .utf8)
        #expect(!convolution.contains("(padded - span) / stride + 1") && convolution.contains("AnswerKeys.unrecorded()"))
        let field = try String(contentsOf: destination.appendingPathComponent("Sources/Convolution/ReceptiveField.swift"), encoding: .utf8)
        #expect(!field.contains("r += d * (K - 1) * jump") && field.contains("AnswerKeys.unrecorded()"))
        let keys = try String(contentsOf: destination.appendingPathComponent("Sources/Answers/answer-keys.txt"), encoding: .utf8)
        #expect(keys.contains(AnswerKeys.key("Convolution.outputLength", [6, 3, 1, 1, 1]) + "\t6\n"), "the lesson's first row")
        #expect(keys.contains(AnswerKeys.key("Convolution.receptiveField", [[3, 3, 3], [1, 1, 1], [1, 1, 1]]) + "\t7\n"), "three layers of K = 3")
        #expect(!keys.contains(AnswerKeys.key("Convolution.outputLength", [100, 7, 4, 3, 5]))
                && !keys.contains(AnswerKeys.key("Convolution.receptiveField", [[2, 4, 3], [3, 1, 2], [2, 1, 3]])),
                "a hidden check's case")
        let readme = try String(contentsOf: destination.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!readme.contains("For instructors"))
        #expect(readme.hasPrefix("```\nswift run course run lesson1"))
        let manifest = try String(contentsOf: destination.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("GraderTests"))
        #expect(!manifest.contains("course-bench"))
        let again = try course("export", destination.path)
        #expect(again.status == 64, "an existing folder is never overwritten")
    }

    /// The student version on its own, outside any git repository: it builds, fails every
    /// starter, passes every solution on its visible checks, says how many hidden points the
    /// instructor grades, gives hints, lists, watches, and resets an exercise without git.
    @Test func studentVersionWorksOnItsOwnOutsideGit() throws {
        let destination = temporaryFolder("student-build")
        #expect(try course("export", destination.path, "--allow-dirty").status == 0)
        #expect(try buildCourse(in: destination), "swift build in the student version")
        let binary = destination.appendingPathComponent(".build/debug/course")
        let state = destination.appendingPathComponent(".course")

        func run(_ arguments: [String]) throws -> Run {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = destination
            process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "COURSE_STATE_DIR": state.path]) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                       stderr: String(decoding: errors, as: UTF8.self))
        }
        let inGit = Process()
        inGit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        inGit.arguments = ["git", "-C", destination.path, "rev-parse", "--git-dir"]
        inGit.standardOutput = FileHandle.nullDevice
        inGit.standardError = FileHandle.nullDevice
        try inGit.run()
        inGit.waitUntilExit()
        #expect(inGit.terminationStatus != 0, "the copy is outside any git repository")

        // Every starter fails; every solution passes its visible checks, and only those run.
        let ids = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("solutions").path)
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }
        #expect(ids.count >= 12)
        let solved = temporaryFolder("solved")
        try FileManager.default.createDirectory(at: solved, withIntermediateDirectories: true)
        var withheld = 0.0
        for id in ids {
            let starter = try run(["check", id, "--json"])
            #expect(starter.status == 1, "\(id): the starter fails")
            let file = solved.appendingPathComponent("\(id).swift")
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("solutions/\(id).swift"), to: file)
            let passed = try run(["check", id, "--file", file.path, "--json"])
            #expect(passed.status == 0, "\(id): \(passed.stdout)")
            let object = try JSONSerialization.jsonObject(with: Data(passed.stdout.utf8)) as? [String: Any]
            let checks = object?["checks"] as? [[String: Any]] ?? []
            #expect(!checks.isEmpty && checks.allSatisfy { $0["visibility"] as? String == "visible" }, "\(id)")
            // The instructor's course grades the hidden checks this copy leaves out.
            let full = try course("check", id, "--file", file.path, "--json", "--reveal")
            let fullChecks = (try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])?["checks"] as? [[String: Any]] ?? []
            withheld += fullChecks.filter { $0["visibility"] as? String == "hidden" }.compactMap { $0["maxScore"] as? Double }.reduce(0, +)
        }
        #expect(withheld > 0)

        let report = try run(["check", "exercise1"])
        #expect(report.stdout.contains("is not implemented yet"))
        #expect(report.stdout.contains("are graded by your instructor"), "\(report.stdout)")
        let list = try run(["list"])
        #expect(list.status == 0 && list.stdout.contains("exercise12"))
        #expect(list.stdout.contains("Hidden checks worth \(Int(withheld)) more points are graded by your instructor."), "\(list.stdout)")
        let hint = try run(["hint", "exercise1"])
        #expect(hint.status == 0 && hint.stdout.contains("Hint 1 of"))
        let watch = try run(["watch", "exercise1", "--interval", "0.1"])
        #expect(watch.status == 0 && watch.stdout.contains("Watching"), "watch checks, then stops when its input ends: \(watch.stdout)")

        // reset puts the kept starter back, without git, and keeps the student's version.
        let exercise = destination.appendingPathComponent("exercises/exercise1.swift")
        let starterText = try String(contentsOf: destination.appendingPathComponent("starters/exercise1.swift"), encoding: .utf8)
        try Data("// my attempt\n".utf8).write(to: exercise)
        let reset = try run(["reset", "exercise1", "--yes"])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try String(contentsOf: exercise, encoding: .utf8) == starterText)
        let backups = (try? FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("backups").path)) ?? []
        #expect(backups.contains("exercise1-1.swift"))

        try expectNoSolutionFunction(in: destination)

        #expect(try run(["verify"]).status == 64)
        #expect(try run(["run", "lesson1"]).status == 0)

        // Without its answer keys the copy says what is missing, and runs nothing on stand-ins.
        let keys = destination.appendingPathComponent("Sources/Answers/answer-keys.txt")
        let aside = destination.appendingPathComponent("answer-keys.aside")
        try FileManager.default.moveItem(at: keys, to: aside)
        for arguments in [["run", "lesson1"], ["check", "exercise10"]] {
            let refused = try run(arguments)
            #expect(refused.status == 66 && refused.stderr.contains("answer-keys.txt, which is missing"), "\(arguments): \(refused.stderr)")
        }
        try FileManager.default.moveItem(at: aside, to: keys)

        // Exercises 1 and 10 answer from keys: lessons 1 and 5 print what the instructor's course
        // does, and a wrong submission gets the same report, except that the differential check
        // shows the first input that differs (smaller ones have no key) and says so.
        let body = { (text: String) in text.split(separator: "\n").dropFirst().joined(separator: "\n") }
        for name in ["lesson1", "lesson5"] {
            let lesson = try run(["run", name])
            let instructors = try course("run", name)
            #expect(lesson.status == 0 && body(lesson.stdout) == body(instructors.stdout), "\(name) from the keys")
        }
        let wrong = solved.appendingPathComponent("wrong/exercise10.swift")
        try FileManager.default.createDirectory(at: wrong.deletingLastPathComponent(), withIntermediateDirectories: true)
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise10.swift"), encoding: .utf8)
        #expect(solution.contains("return (padded - span) / stride + 1"))
        try Data(solution.replacingOccurrences(of: "return (padded - span) / stride + 1", with: "return (padded - span) / stride").utf8).write(to: wrong)
        let here = try run(["check", "exercise10", "--file", wrong.path, "--json"])
        let there = try course("check", "exercise10", "--file", wrong.path, "--json")
        func visible(_ text: String) -> [[String]] {
            let checks = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["checks"] as? [[String: Any]] ?? []
            return checks.filter { $0["visibility"] as? String == "visible" }
                .map { [$0["name"] as? String ?? "", $0["status"] as? String ?? ""] + ($0["messages"] as? [String] ?? []) }
        }
        let (mine, theirs) = (visible(here.stdout), visible(there.stdout))
        #expect(here.status == 1 && mine.count == theirs.count && mine.count > 2, "\(here.stdout)")
        for (a, b) in zip(mine, theirs) {
            if a.joined().contains("differs from the reference") {
                let count = { (text: String) in text.firstMatch(of: /differs from the reference on \d+ of \d+/).map { String($0.output) } }
                #expect(count(a.joined()) != nil && count(a.joined()) == count(b.joined()), "\(a) against \(b)")
                #expect(a.joined().contains("The first of them (your instructor's grader also looks for a smaller one)"), "\(a)")
            } else {
                #expect(a == b, "\(a) against \(b)")
            }
        }
    }

    @Test func gradescopeAutograderWritesResultsForOneSubmission() throws {
        let autograder = temporaryFolder("autograder")
        let made = try course("gradescope", autograder.path, "--swift-version", "6.3.1", "--allow-dirty")
        #expect(made.status == 0, "\(made.stderr)")
        for name in ["setup.sh", "run_autograder", "README.md", "source/Package.swift"] {
            #expect(FileManager.default.fileExists(atPath: autograder.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: autograder.appendingPathComponent("run_autograder").path))
        let setup = try String(contentsOf: autograder.appendingPathComponent("setup.sh"), encoding: .utf8)
        #expect(setup.contains("swift-6.3.1-RELEASE"))
        #expect(!FileManager.default.fileExists(atPath: autograder.appendingPathComponent("source/solutions").path))
        let hidden = try String(contentsOf: autograder.appendingPathComponent("source/Sources/Grader/Exercises/Exercise1.swift"), encoding: .utf8)
        #expect(hidden.contains("visibility: .hidden"), "the autograder keeps the hidden checks")

        // The source it ships builds on its own (setup.sh builds it in release mode).
        let source = autograder.appendingPathComponent("source")
        #expect(try buildCourse(in: source), "swift build in the autograder's source")

        // Gradescope's layout: the upload in submission/, results in results/.
        let upload = autograder.appendingPathComponent("submission/nested folder")
        try FileManager.default.createDirectory(at: upload, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("solutions/exercise1.swift"),
                                         to: upload.appendingPathComponent("exercise1.swift"))
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("solutions/exercise3.swift"),
                                         to: autograder.appendingPathComponent("submission/Exercise3.swift"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [autograder.appendingPathComponent("run_autograder").path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["AUTOGRADER_ROOT": autograder.path, "COURSE_BIN": source.appendingPathComponent(".build/debug/course").path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let data = try Data(contentsOf: autograder.appendingPathComponent("results/results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for field in ["score", "execution_time", "output", "visibility", "stdout_visibility", "tests"] {
            #expect(results[field] != nil, "results.json has \(field)")
        }
        let tests = results["tests"] as? [[String: Any]] ?? []
        #expect(tests.contains { ($0["name"] as? String)?.hasPrefix("exercise1 ·") == true && $0["status"] as? String == "passed" })
        #expect(tests.contains { $0["visibility"] as? String == "after_published" }, "hidden checks wait for publication")
        #expect(tests.contains { ($0["name"] as? String)?.hasPrefix("exercise2 ·") == true && $0["status"] as? String == "failed"
                    && ($0["output"] as? String)?.hasPrefix("Not submitted") == true },
                "a missing exercise fails, and says it was not submitted")
        let output = results["output"] as? String ?? ""
        #expect(output.contains("Exercise3.swift is not graded: did you mean exercise3.swift?"), "\(output)")
        #expect(output.contains("exercise3 · ") && output.contains("not submitted"))
        let score = results["score"] as? Double ?? -1
        #expect(score == tests.filter { ($0["name"] as? String)?.hasPrefix("exercise1 ·") == true }.compactMap { $0["max_score"] as? Double }.reduce(0, +),
                "the solution of exercise 1 gets its full score, and nothing else counts")
        let readme = try String(contentsOf: autograder.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("zip -r ../autograder.zip setup.sh run_autograder source") && readme.contains("Ubuntu 22.04"))
    }
}

/// A copy whose answer keys lack what a check or a lesson needs says so; it never states a
/// verdict or a number it does not have.
@Suite struct MissingAnswerKeyTests {
    @Test func withoutItsKeysACheckIsLeftUngradedAndALessonWarns() throws {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("empty-keys-\(getpid()).txt")
        try Data().write(to: keys)
        defer { try? FileManager.default.removeItem(at: keys) }
        let environment = ["COURSE_ANSWER_KEYS": keys.path, "NO_COLOR": "1"]
        let check = try course("check", "exercise10", "--file", "solutions/exercise10.swift", "--json", environment: environment)
        let checks = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        #expect(!checks.isEmpty && checks.allSatisfy { $0["status"] as? String == "skipped" }, "\(check.stdout)")
        #expect(checks.filter { $0["visibility"] as? String == "visible" }
            .allSatisfy { ($0["messages"] as? [String])?.first?.hasPrefix("Not graded in this copy of the course") == true })
        let lesson = try course("run", "lesson1", environment: environment)
        #expect(lesson.status == 1 && lesson.stderr.contains("is not in this copy's answer keys") && lesson.stderr.contains("so it stops here"), "\(lesson.stderr)")
        #expect(!lesson.stderr.contains("Fatal error"), "a stand-in never reaches the lesson's later steps")
    }
}

extension DistributionTests {
    /// No function of the built student version computes what an exercise asks for: a search
    /// of its symbol graphs for the solution functions' signatures, under any name, then a
    /// probe of each one found against the solution's function (`SolutionSearch`).
    func expectNoSolutionFunction(in copy: URL) throws {
        let search = SolutionSearch(copy: copy, solutions: packageRoot.appendingPathComponent("solutions"))
        let wanted = try search.solutionFunctions()
        #expect(wanted.count >= 40, "the catalogue's solution functions: \(wanted.count)")
        let functions = try search.functions()
        #expect(functions.count > 500, "the symbol graphs list the copy's functions: \(functions.count)")
        var pairs: [(suspect: SolutionSearch.Suspect, solution: (name: String, labels: [String], signature: SolutionSearch.Signature))] = []
        for solution in wanted {
            for suspect in functions where suspect.signature == solution.signature {
                let callable = ["swift.func", "swift.type.method"].contains(suspect.kind) && ["public", "internal"].contains(suspect.access)
                    && solution.signature.parameters.allSatisfy { SolutionSearch.maker($0) != nil }
                if callable {
                    pairs.append((suspect, (solution.name, solution.labels, solution.signature)))
                } else if ["swift.func", "swift.type.method", "swift.method"].contains(suspect.kind) && !["public", "internal"].contains(suspect.access) {
                    // Private: it must be the stand-in that reads the keys.
                    let body = try search.declarationText(of: suspect)
                    #expect(body.contains("AnswerKeys.unrecorded()"),
                            "\(suspect.qualified) (\(suspect.access)) has the signature of \(solution.exercise)'s \(solution.name) and computes:\n\(body)")
                }
                // Instance methods, initialisers and operators need an instance or types of
                // their own; none of them has a solution function's signature and behaviour
                // today, and the probe does not try them.
            }
        }
        #expect(pairs.count >= 40, "suspects found: \(pairs.count)")
        let verdicts = try search.probe(pairs)
        for (pair, verdict) in zip(pairs, verdicts) {
            let identity = SolutionSearch.identities["\(pair.suspect.qualified) = \(pair.solution.name)"]
            #expect(verdict == "keys" || verdict == "differs" || (verdict == "same" && identity != nil),
                    "\(pair.suspect.qualified) has the signature of the solution's \(pair.solution.name): \(verdict)")
        }
        // Both kinds were seen: the exercises' own functions, which ask the keys, and others
        // of the same signature that compute something else.
        #expect(verdicts.filter { $0 == "keys" }.count >= 30 && verdicts.contains("differs"), "\(verdicts)")
    }
}

