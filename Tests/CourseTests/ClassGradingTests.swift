import CourseTestSupport
import Foundation
import Testing

/// Grading a synthetic class of 36 students: every score is what the submission deserves,
/// one student's crash, loop or forgery touches no one else's result, an interrupted run
/// finishes the rest when started again, and every Gradescope file has the fields
/// Gradescope reads.
@Suite(.serialized) struct ClassGradingTests {
    let exercises: [String]
    let maxima: [String: Double]

    init() throws {
        let list = try course("list").stdout
        let isExercise = { (word: Substring) in word.hasPrefix("exercise") && word.dropFirst(8).allSatisfy(\.isNumber) && word.count > 8 }
        exercises = list.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first(where: isExercise).map(String.init)
        }
        var maxima: [String: Double] = [:]
        for line in list.split(separator: "\n") {
            guard let id = line.split(separator: " ").first(where: isExercise),
                  let last = line.split(separator: " ").last, let slash = last.firstIndex(of: "/") else { continue }
            maxima[String(id)] = Double(last[last.index(after: slash)...])
        }
        self.maxima = maxima
    }

    func makeClass(_ count: Int) throws -> ClassFixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("class-\(UUID().uuidString)/submissions")
        return try ClassFixture(root: root, course: packageRoot, exerciseIDs: exercises, count: count)
    }

    /// The score every submission must get, from its kind; nil for "not submitted". The
    /// hostile kinds must score what exercise 1 scores with the broken function left
    /// unwritten (`hostileScores`; for a forgery, at most that), so no number here depends
    /// on the catalogue's checks.
    func expectedScore(_ kind: ClassFixture.Kind, _ id: String, position: Int, mutantScores: [String: Double],
                       hostileScores: [ClassFixture.Kind: Double]) -> Double? {
        let full = maxima[id]!
        switch kind {
        case .correct: return full
        case .partial: return mutantScores[id]!
        case .starter, .notCompiling: return 0
        case .missing: return nil
        case .someMissing: return position % 2 == 0 ? full : nil
        case .crashing, .looping, .forging: return id == "exercise1" ? hostileScores[kind]! : full
        }
    }

    /// The score of a file checked on its own, with every check revealed.
    func checkedScore(_ id: String, source: String) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("alone-\(UUID().uuidString)/\(id).swift")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: file)
        let check = try course("check", id, "--json", "--reveal", "--file", file.path)
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any]
        return object["score"] as! Double
    }

    func gradebook(_ output: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: output.appendingPathComponent("gradebook.json"))
        return try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    }

    @Test func everyScoreIsWhatTheSubmissionDeserves() throws {
        let fixture = try makeClass(36)
        let output = fixture.root.deletingLastPathComponent().appendingPathComponent("grades")
        let run = try course("grade", fixture.root.path, "--output", output.path, "--timeout", "5")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")

        var mutantScores: [String: Double] = [:]
        for id in exercises {
            guard let source = firstMutantSource(of: id, in: packageRoot) else {
                mutantScores[id] = maxima[id]
                continue
            }
            let name = "the first mutant of \(id)"
            let file = fixture.root.deletingLastPathComponent().appendingPathComponent("mutant-\(id).swift")
            try Data(source.utf8).write(to: file)
            let check = try course("check", id, "--json", "--file", file.path)
            let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any]
            mutantScores[id] = object["score"] as? Double
            #expect(mutantScores[id]! < maxima[id]!, "\(name) must lose points")
        }

        let solution1 = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        var hostileScores: [ClassFixture.Kind: Double] = [:]
        for kind in [ClassFixture.Kind.crashing, .looping, .forging] {
            let unwritten = replacingBody(of: ClassFixture.brokenFunction(kind), in: solution1, with: "notImplemented()")
            hostileScores[kind] = try checkedScore("exercise1", source: unwritten)
            #expect(hostileScores[kind]! > 0 && hostileScores[kind]! < maxima["exercise1"]!, "\(kind) costs some checks, not all")
        }

        let rows = try gradebook(output)
        #expect(rows.count == fixture.students.count, "the link out of the class is not a student")
        #expect(!rows.contains { $0["student"] as? String == "escape" })
        for (student, kind) in fixture.students {
            let row = try #require(rows.first { $0["student"] as? String == student }, "\(student) is missing")
            let scores = row["scores"] as! [String: Any]
            for (position, id) in exercises.enumerated() {
                let expected = student == "linked 99" ? (id == "exercise1" ? 0 : nil)
                    : expectedScore(kind, id, position: position, mutantScores: mutantScores, hostileScores: hostileScores)
                let observed = scores[id] as? Double
                let expectedText = expected.map { "\($0)" } ?? "not submitted"
                let observedText = observed.map { "\($0)" } ?? "\(scores[id] ?? "nothing")"
                if kind == .forging && id == "exercise1" {
                    // A forged reply and exit(0) never earn more than leaving the function
                    // unwritten; they may cost more, since the program they break serves the
                    // checks that follow until the grader notices it has gone.
                    #expect(observed != nil && observed! <= expected!, "\(student) (\(kind)), \(id): at most \(expectedText), observed \(observedText)")
                } else {
                    #expect(observed == expected, "\(student) (\(kind)), \(id): expected \(expectedText), observed \(observedText)")
                }
                if expected == nil { #expect(scores[id] is NSNull, "not submitted is null in the JSON, never 0") }
            }
            let statuses = row["statuses"] as! [String: String]
            if kind == .notCompiling { #expect(statuses.values.allSatisfy { $0 == "compile-error" }) }
            if kind == .missing && student != "linked 99" { #expect(statuses.values.allSatisfy { $0 == "not-submitted" }) }
        }
        let linked = rows.first { $0["student"] as? String == "linked 99" }!["statuses"] as! [String: String]
        #expect(linked["exercise1"] == "rejected")

        let csv = try String(contentsOf: output.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("student," + exercises.joined(separator: ",") + ",total,max,not submitted\r\n"))
        #expect(csv.contains("\"O'Brien, Jr 4\""), "names with commas are quoted")
        // In the CSV a missing exercise is an empty cell, named in the last column; a starter is a 0.
        let lines = csv.split(separator: "\r\n").map(String.init)
        for (student, kind) in fixture.students where [.missing, .starter].contains(kind) && student != "linked 99" {
            let line = try #require(lines.first { $0.hasPrefix(student + ",") || $0.hasPrefix("\"" + student) })
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).suffix(exercises.count + 3)
            if kind == .missing {
                let empty = cells.prefix(exercises.count).allSatisfy { $0.isEmpty }
                #expect(empty, "\(line)")
                #expect(cells.last == Substring(exercises.joined(separator: " ")), "\(line)")
            } else {
                #expect(cells.prefix(exercises.count).allSatisfy { $0 == "0" }, "\(line)")
                #expect(cells.last == "", "\(line)")
            }
        }
        try validateGradescopeFiles(output, students: fixture.students.map(\.name))
    }

    /// Checks every results.json against Gradescope's field list.
    func validateGradescopeFiles(_ output: URL, students: [String]) throws {
        for student in students {
            let file = output.appendingPathComponent("gradescope/\(student)/results.json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            #expect(object["score"] is Double || object["score"] is Int, "\(student): score")
            #expect(object["execution_time"] is Double || object["execution_time"] is Int)
            #expect(object["output"] is String)
            #expect(["visible", "hidden", "after_due_date", "after_published"].contains(object["visibility"] as? String))
            #expect(["visible", "hidden", "after_due_date", "after_published"].contains(object["stdout_visibility"] as? String))
            let tests = try #require(object["tests"] as? [[String: Any]])
            #expect(!tests.isEmpty)
            var total = 0.0
            for test in tests {
                #expect(test["name"] is String)
                let score = try #require(test["score"] as? Double)
                let maximum = try #require(test["max_score"] as? Double)
                #expect(score >= 0 && score <= maximum)
                #expect(["passed", "failed"].contains(test["status"] as? String))
                #expect(test["output"] is String)
                #expect(["visible", "after_published"].contains(test["visibility"] as? String))
                total += score
            }
            #expect(abs(total - (object["score"] as! Double)) < 1e-9, "\(student): the tests add up to the score")
        }
    }

    /// A class of nine for exercise 1: three students flip the sign of sigmoidDerivative,
    /// two leave the square out of tanhDerivative, one is right, one hands in the starter, and
    /// two hand in a misnamed file. The report counts each check's passes and each named mistake's students.
    @Test func theReportSaysWhatTheClassGotWrong() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("class-report-\(UUID().uuidString)")
        let root = base.appendingPathComponent("submissions"), output = base.appendingPathComponent("grades")
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        let flipped = replacingBody(of: "sigmoidDerivative", in: solution, with: "let s = sigmoid(x)\nreturn -s * (1 - s)")
        let unsquared = replacingBody(of: "tanhDerivative", in: solution, with: "return 1 - tanh(x)")
        let starter = try String(contentsOf: packageRoot.appendingPathComponent("exercises/exercise1.swift"), encoding: .utf8)
        let students: [(String, String, String)] = [
            ("flip 1", "exercise1.swift", flipped), ("flip 2", "exercise1.swift", flipped), ("flip 3", "exercise1.swift", flipped),
            ("tanh 1", "exercise1.swift", unsquared), ("tanh 2", "exercise1.swift", unsquared),
            ("right", "exercise1.swift", solution), ("unstarted", "exercise1.swift", starter),
            ("capital", "Exercise1.swift", solution), ("zero", "exercise01.swift", solution),
        ]
        for (student, name, source) in students {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(student), withIntermediateDirectories: true)
            try Data(source.utf8).write(to: root.appendingPathComponent(student).appendingPathComponent(name))
        }
        let run = try course("grade", root.path, "--output", output.path, "--timeout", "5")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("capital/Exercise1.swift is not graded: did you mean exercise1.swift?"), "\(run.stderr)")
        #expect(run.stderr.contains("zero/exercise01.swift is not graded: did you mean exercise1.swift?"), "\(run.stderr)")
        #expect(run.stdout.contains("What the class got wrong"))

        // What each kind of file passes, checked on its own.
        func passes(_ source: String) throws -> [String: Bool] {
            let file = base.appendingPathComponent("alone-\(UUID().uuidString)/exercise1.swift")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(source.utf8).write(to: file)
            let check = try course("check", "exercise1", "--json", "--reveal", "--file", file.path)
            let checks = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any])["checks"] as! [[String: Any]]
            return Dictionary(uniqueKeysWithValues: checks.map { ($0["name"] as! String, $0["status"] as! String == "passed") })
        }
        func messages(_ source: String) throws -> String {
            let file = base.appendingPathComponent("alone-\(UUID().uuidString)/exercise1.swift")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(source.utf8).write(to: file)
            return try course("check", "exercise1", "--json", "--reveal", "--file", file.path).stdout.lowercased()
        }
        let (right, flip, tanh, unstarted) = (try passes(solution), try passes(flipped), try passes(unsquared), try passes(starter))

        let data = try Data(contentsOf: output.appendingPathComponent("class-report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["students"] as? Int == 9)
        let exercise = try #require((report["exercises"] as? [[String: Any]])?.first { $0["exercise"] as? String == "exercise1" })
        #expect(exercise["submitted"] as? Int == 7)
        #expect(exercise["notSubmitted"] as? Int == 2)
        #expect(exercise["passedEveryCheck"] as? Int == 1)
        let checks = try #require(exercise["checks"] as? [[String: Any]])
        #expect(Set(checks.map { $0["name"] as! String }) == Set(right.keys), "one row per check of the catalogue")
        for check in checks {
            let name = check["name"] as! String
            let passed = (right[name]! ? 1 : 0) + (flip[name]! ? 3 : 0) + (tanh[name]! ? 2 : 0) + (unstarted[name]! ? 1 : 0)
            #expect(check["passed"] as? Int == passed, "\(name)")
            #expect(check["failed"] as? Int == 7 - passed, "\(name)")
        }
        #expect(checks.contains { $0["failed"] as? Int == 4 } && checks.contains { $0["failed"] as? Int == 3 })
        #expect(exercise["couldNotAnswer"] as? [String: Int] == ["a function left unwritten": 1], "the starter's unwritten functions")

        // The sign flip is named for its three students, first.
        let mistakes = try #require(exercise["mistakes"] as? [[String: Any]])
        let counts = mistakes.map { $0["students"] as! Int }
        #expect(counts == counts.sorted(by: >), "the most frequent first")
        let first = try #require(mistakes.first)
        #expect(counts.first == 3 && (first["explanation"] as! String).lowercased().contains("sign flip"), "\(mistakes)")
        let (flipText, tanhText) = (try messages(flipped), try messages(unsquared))
        #expect(flipText.contains((first["explanation"] as! String).lowercased()))
        // Every other mistake is one that the flipped or the unsquared file's own report names,
        // counted for the three or the two students who handed it in.
        #expect(counts.contains(2), "\(counts)")
        for mistake in mistakes.dropFirst() {
            let explanation = (mistake["explanation"] as! String).lowercased(), students = mistake["students"] as! Int
            #expect(students == 3 && flipText.contains(explanation) || students == 2 && tanhText.contains(explanation), "\(mistake)")
        }

        let markdown = try String(contentsOf: output.appendingPathComponent("class-report.md"), encoding: .utf8)
        #expect(markdown.contains("## exercise1 · ") && markdown.contains("| 3 | A sign flip"))
        let svg = try String(contentsOf: output.appendingPathComponent("class-report.svg"), encoding: .utf8)
        #expect(svgProblems(svg).isEmpty, "\(svgProblems(svg))")
        let gradebook = try String(contentsOf: output.appendingPathComponent("gradebook.json"), encoding: .utf8)
        #expect(gradebook.contains("Exercise1.swift is not graded: did you mean exercise1.swift?"))
    }

    /// Every file the grader does not grade is named, with the name it probably should have;
    /// nothing here compiles, so it is quick.
    @Test func everyFileNotGradedIsNamed() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("not-graded-\(UUID().uuidString)")
        let root = base.appendingPathComponent("class")
        let files = ["ada/Exercise5.swift", "ada/exercise05.swift", "bob/exercise_5.swift", "bob/ex5.swift",
                     "cy/exercise5 (1).swift", "cy/exercise5.swift.txt", "dee/exercise99.swift", "dee/notes.md",
                     "eve/src/exercise2.swift", "stray.swift"]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("// not graded\n".utf8).write(to: url)
        }
        let run = try course("grade", root.path, "--output", base.appendingPathComponent("grades").path)
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["ada/Exercise5.swift", "ada/exercise05.swift", "bob/exercise_5.swift", "bob/ex5.swift",
                     "cy/exercise5 (1).swift", "cy/exercise5.swift.txt"] {
            #expect(run.stderr.contains("Warning: \(file) is not graded: did you mean exercise5.swift?"), "\(file): \(run.stderr)")
        }
        #expect(run.stderr.contains("Warning: dee/exercise99.swift is not graded: only exercise1.swift"), "\(run.stderr)")
        #expect(run.stderr.contains("Warning: dee/notes.md is not graded"))
        #expect(run.stderr.contains("Warning: eve/src/ is a folder") && run.stderr.contains("move it up into eve/"))
        #expect(run.stderr.contains("Warning: stray.swift is not in a student's folder"))
        let listed = try String(contentsOf: base.appendingPathComponent("grades/not-graded.txt"), encoding: .utf8)
        #expect(listed.split(separator: "\n").count == files.count)
        #expect(run.stdout.contains("\(files.count) files were not graded"))
    }

    @Test func interruptedGradingFinishesTheRestAndLosesNothing() throws {
        let fixture = try makeClass(30)
        let base = fixture.root.deletingLastPathComponent()
        let interrupted = base.appendingPathComponent("interrupted"), reference = base.appendingPathComponent("reference")

        let process = try startCourse(["grade", fixture.root.path, "--output", interrupted.path, "--timeout", "5", "--jobs", "2"])
        let results = interrupted.appendingPathComponent("results")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline && count(results) < 40 { usleep(20_000) }
        let stoppedEarly = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(stoppedEarly, "the run finished before it could be interrupted")
        #expect(!FileManager.default.fileExists(atPath: interrupted.appendingPathComponent("gradebook.csv").path))
        let saved = count(results)

        let rerun = try course("grade", fixture.root.path, "--output", interrupted.path, "--timeout", "5")
        #expect(rerun.status == 0)
        let fresh = try course("grade", fixture.root.path, "--output", reference.path, "--timeout", "5")
        #expect(fresh.status == 0)
        let a = try String(contentsOf: interrupted.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let b = try String(contentsOf: reference.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        #expect(a == b, "the resumed gradebook equals an uninterrupted one")
        #expect(saved >= 40 && saved < fixture.students.count * exercises.count)

        // A third run grades nothing again.
        let again = try course("grade", fixture.root.path, "--output", interrupted.path, "--timeout", "5")
        #expect(again.status == 0)
        #expect(try String(contentsOf: interrupted.appendingPathComponent("gradebook.csv"), encoding: .utf8) == a)
    }

    private func count(_ folder: URL) -> Int {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var n = 0
        while let path = enumerator?.nextObject() as? String { if path.hasSuffix(".json") { n += 1 } }
        return n
    }
}
