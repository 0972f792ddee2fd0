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

    /// The score every submission must get, from its kind.
    func expectedScore(_ kind: ClassFixture.Kind, _ id: String, position: Int, mutantScores: [String: Double]) -> Double {
        let full = maxima[id]!
        switch kind {
        case .correct: return full
        case .partial: return mutantScores[id]!
        case .starter, .missing, .notCompiling: return 0
        case .someMissing: return position % 2 == 0 ? full : 0
        // Exercise 1 has 15 points; the broken function (elu, tanhDerivative or
        // sigmoidDerivative) costs the six checks that call it: its own (1), the central
        // differences (2), far out (2), the differential check (1) and the two hidden ones (2 + 2).
        case .crashing, .looping, .forging: return id == "exercise1" ? 5 : full
        }
    }

    func gradebook(_ output: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: output.appendingPathComponent("gradebook.json"))
        return try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    }

    @Test func everyScoreIsWhatTheSubmissionDeserves() throws {
        let fixture = try makeClass(36)
        let output = fixture.root.deletingLastPathComponent().appendingPathComponent("grades")
        let run = try course("grade", fixture.root.path, "--output", output.path, "--timeout", "1")
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

        let rows = try gradebook(output)
        #expect(rows.count == fixture.students.count, "the link out of the class is not a student")
        #expect(!rows.contains { $0["student"] as? String == "escape" })
        for (student, kind) in fixture.students {
            let row = try #require(rows.first { $0["student"] as? String == student }, "\(student) is missing")
            let scores = row["scores"] as! [String: Double]
            for (position, id) in exercises.enumerated() {
                let expected = student == "linked 99" ? 0 : expectedScore(kind, id, position: position, mutantScores: mutantScores)
                #expect(scores[id] == expected, "\(student) (\(kind)), \(id): expected \(expected), observed \(scores[id] ?? -1)")
            }
            let statuses = row["statuses"] as! [String: String]
            if kind == .notCompiling { #expect(statuses.values.allSatisfy { $0 == "compile-error" }) }
            if kind == .missing && student != "linked 99" { #expect(statuses.values.allSatisfy { $0 == "not-submitted" }) }
        }
        let linked = rows.first { $0["student"] as? String == "linked 99" }!["statuses"] as! [String: String]
        #expect(linked["exercise1"] == "rejected")

        let csv = try String(contentsOf: output.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("student," + exercises.joined(separator: ",") + ",total,max\r\n"))
        #expect(csv.contains("\"O'Brien, Jr 4\""), "names with commas are quoted")
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

    @Test func interruptedGradingFinishesTheRestAndLosesNothing() throws {
        let fixture = try makeClass(30)
        let base = fixture.root.deletingLastPathComponent()
        let interrupted = base.appendingPathComponent("interrupted"), reference = base.appendingPathComponent("reference")

        let process = try startCourse(["grade", fixture.root.path, "--output", interrupted.path, "--timeout", "1", "--jobs", "2"])
        let results = interrupted.appendingPathComponent("results")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline && count(results) < 40 { usleep(20_000) }
        let stoppedEarly = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(stoppedEarly, "the run finished before it could be interrupted")
        #expect(!FileManager.default.fileExists(atPath: interrupted.appendingPathComponent("gradebook.csv").path))
        let saved = count(results)

        let rerun = try course("grade", fixture.root.path, "--output", interrupted.path, "--timeout", "1")
        #expect(rerun.status == 0)
        let fresh = try course("grade", fixture.root.path, "--output", reference.path, "--timeout", "1")
        #expect(fresh.status == 0)
        let a = try String(contentsOf: interrupted.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let b = try String(contentsOf: reference.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        #expect(a == b, "the resumed gradebook equals an uninterrupted one")
        #expect(saved >= 40 && saved < fixture.students.count * exercises.count)

        // A third run grades nothing again.
        let again = try course("grade", fixture.root.path, "--output", interrupted.path, "--timeout", "1")
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
