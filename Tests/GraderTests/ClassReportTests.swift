import Foundation
import Testing
@testable import Grader

/// The pieces of class grading that need no submission: reading the named mistake out of a
/// failure message, tallying a class, the near-miss file names, the gradebook's "not
/// submitted", and the hidden points a student version withholds.
@Suite struct ClassReportTests {
    // MARK: The named mistake in a message

    @Test func theExplanationFollowsTheFacts() {
        let cases: [(String, String?)] = [
            ("tanhDerivative(-2.5): expected 0.026592, got 1.986614 (relative error 0.987). This is 1 − tanh(x): the square is missing.",
             "This is 1 − tanh(x): the square is missing."),
            ("∂L/∂weights[0, 0]: expected 0.034948, got −0.034948 (relative error 2). 6 of 6 entries are wrong. Every entry has the right size but the opposite sign: a sign flip (for example ŷ − y where y − ŷ is needed, or the reverse).",
             "A sign flip (for example ŷ − y where y − ŷ is needed, or the reverse)."),
            ("∂L/∂weights[0, 0]: yours is 0.017474, the central difference of your loss is 0.034948 (relative error 0.5, limit 1e−5); 6 of 6 entries disagree. Every entry is half the expected one: a constant factor is missing (the factor 2 of the square's derivative?).",
             "A constant factor is missing (the factor 2 of the square's derivative?)."),
            ("∂L/∂bias: expected a 3×1 matrix, got a 1×3 matrix. It is a row where the course expects a column vector (3×1): vectors are columns, as in the lecture notes.",
             "It is a row where the course expects a column vector (3×1): vectors are columns, as in the lecture notes."),
            ("sigmoidLayerGradient: expected 0, got nan. 3 of 6 entries are wrong. Entry [0, 0] is NaN: NaN and ±∞ always fail. They usually come from an overflow.",
             "NaN and ±∞ always fail."),
            ("eluDerivative(-0.3, alpha: 1.5): expected 1.111227, got 0.740818 (relative error 0.333). The same mistake as above.", nil),
            ("tanhDerivative(-800.0): expected 0, got 2 (relative error 1).", nil),
            ("elu(_:alpha:) is not implemented yet (it still calls notImplemented()).", nil),
            ("Your code crashed (SIGILL): Index out of range", nil),
        ]
        for (message, expected) in cases {
            #expect(ClassReport.explanation(in: message) == expected, "\(message)")
        }
    }

    @Test func oneMistakeWithOtherNumbersIsCountedOnce() {
        let a = ClassReport.explanation(in: "f(1.0): expected 2, got 3 (relative error 0.5). The value is 1.5 times the expected one: a constant factor is wrong.")
        let b = ClassReport.explanation(in: "g: expected 2, got 8 (relative error 3). 4 of 4 entries are wrong. Every entry is 4 times the expected one: a constant factor is wrong.")
        #expect(a == b && a == "A constant factor is wrong.")
        #expect(ClassReport.key("cannot hold C(61, j) exactly") == ClassReport.key("cannot hold C(60, j) exactly"))
        #expect(ClassReport.key("D_q = 2 instead of √D_q") != ClassReport.key("D_q = 2 instead of its square root"))
    }

    // MARK: Tallying a class

    /// A result as the grader writes it: the checks named in `failing` fail with those
    /// messages, those in `error` could not be answered, the others pass; a file that was not
    /// graded fails every check.
    func result(_ exercise: Exercise, _ status: ExerciseResult.Status, failing: [String: [String]] = [:],
                error: Set<String> = []) -> ExerciseResult {
        let graded = status == .passed || status == .failed
        let checks = exercise.checks.map { check -> CheckResult in
            var messages = failing[check.name] ?? []
            let state: CheckResult.Status
            if !graded {
                state = .failed
                messages = [status == .notSubmitted ? "Not submitted: there is no file x." : "Not run: the file does not compile."]
            } else if error.contains(check.name) {
                state = .error
            } else {
                state = messages.isEmpty ? .passed : .failed
            }
            return CheckResult(name: check.name, status: state, score: state == .passed ? check.points : 0,
                               maxScore: check.points, visibility: check.visibility, messages: messages, seconds: 0)
        }
        return ExerciseResult(exercise: exercise.id, title: exercise.title, file: "x", status: status,
                              score: checks.map(\.score).reduce(0, +), maxScore: exercise.maxPoints, checks: checks,
                              compilerOutput: status == .compileError ? "error" : nil, printed: nil, tolerance: "",
                              cached: false, seconds: 0)
    }

    @Test func theTallyCountsStudentsOncePerMistake() throws {
        let exercise = try #require(Catalogue.exercises.first)
        let first = exercise.checks[0].name, second = exercise.checks[1].name
        let flip = "x: expected 1, got −1 (relative error 2). The value has the right size but the opposite sign: a sign flip."
        let own = "y: expected 1, got 2 (relative error 1). This is the known mistake."
        let students = [
            result(exercise, .passed),
            result(exercise, .failed, failing: [first: [flip, flip], second: [flip]]),
            result(exercise, .failed, failing: [first: [flip]]),
            result(exercise, .failed, failing: [second: [own, "z: expected 1, got 2 (relative error 1). The same mistake as above."]]),
            result(exercise, .failed, failing: [second: ["elu(_:alpha:) is not implemented yet (it still calls notImplemented())."]], error: [second]),
            result(exercise, .compileError),
            result(exercise, .notSubmitted),
        ].enumerated().map { ClassGrading.StudentResults(student: "s\($0.offset)", results: [$0.element]) }
        let report = ClassReport(exercises: [exercise], students: students)
        let tally = try #require(report.exercises.first)
        #expect(tally.submitted == 6 && tally.notSubmitted == 1 && tally.compileErrors == 1 && tally.passedEveryCheck == 1)
        let checks = Dictionary(uniqueKeysWithValues: tally.checks.map { ($0.name, $0) })
        #expect(checks[first]?.passed == 3 && checks[first]?.failed == 3, "\(String(describing: checks[first]))")
        #expect(checks[first]?.failedWithoutExplanation == 1, "the file that does not compile names no mistake")
        #expect(checks[second]?.passed == 2 && checks[second]?.failed == 4)
        #expect(checks[second]?.failedWithoutExplanation == 2, "the compile error and the unwritten function")
        #expect(tally.mistakes.map(\.explanation) == ["A sign flip.", "This is the known mistake."])
        #expect(tally.mistakes.map(\.students) == [2, 1], "each student once, however many checks and entries")
        #expect(tally.mistakes.first?.checks == [first, second])
        #expect(tally.couldNotAnswer == ["a function left unwritten": 1])
        #expect(report.markdown.contains("| 2 | A sign flip. |"))
        #expect(report.svg().hasPrefix("<?xml"))
    }

    // MARK: Files that are not graded

    @Test func nearMissNamesAreRecognised() {
        let ids = (1...12).map { "exercise\($0)" }
        for name in ["Exercise5.swift", "exercise05.swift", "exercise_5.swift", "ex5.swift", "exercise5 (1).swift",
                     "exercise5.swift.txt", "Exercise 5.swift", "exercice5.swift", "exercise5.swfit"] {
            #expect(ClassFolder.likelyExercise(name, among: ids) == "exercise5", "\(name)")
        }
        for name in ["exercise13.swift", "notes.md", "solution.swift", ".DS_Store"] {
            #expect(ClassFolder.likelyExercise(name, among: ids) == nil, "\(name)")
        }
    }

    // MARK: The gradebook

    @Test func notSubmittedIsNeverZero() throws {
        let exercises = Array(Catalogue.exercises.prefix(2))
        let student = ClassGrading.StudentResults(student: "Ada, L.", results: [result(exercises[0], .compileError), result(exercises[1], .notSubmitted)])
        let book = Gradebook(exercises: exercises, students: [student])
        let lines = book.csv.split(separator: "\r\n")
        #expect(lines[0] == "student,\(exercises[0].id),\(exercises[1].id),total,max,not submitted")
        #expect(lines[1].hasPrefix("\"Ada, L.\",0,,0,") && lines[1].hasSuffix(",\(exercises[1].id)"), "\(lines[1])")
        let rows = try #require(try JSONSerialization.jsonObject(with: book.json()) as? [[String: Any]])
        let scores = try #require(rows.first?["scores"] as? [String: Any])
        #expect(scores[exercises[0].id] as? Double == 0)
        #expect(scores[exercises[1].id] is NSNull)
        let gradescope = GradescopeResults(student.results, exercises: exercises, notGraded: ["Exercise2.swift is not graded: did you mean exercise2.swift?"])
        #expect(gradescope.output.hasPrefix("Warning: Exercise2.swift is not graded"))
        #expect(gradescope.output.contains("\(exercises[1].id) · \(exercises[1].title): not submitted"))
        #expect(gradescope.tests.filter { $0.name.hasPrefix(exercises[1].id + " ·") }.allSatisfy { $0.output.hasPrefix("Not submitted") })
    }

    // MARK: The student version

    @Test func hiddenPointsAreReadFromTheCatalogueText() {
        let file = """
            static let exercise7 = Exercise(
                checks: [
                    Check("visible", points: 3) { t in },
                    // hidden checks: begin
                    Check("a \\"quoted\\" name", points: 2, visibility: .hidden) { t in },
                    Check(
                        "on its own line", points: 1.5, visibility: .hidden) { t in },
                    // hidden checks: end
                ])
            """
        let regions = CourseCopy.regions(file, begin: StudentExport.hiddenBegin, end: StudentExport.hiddenEnd)
        #expect(regions.count == 1)
        #expect(StudentExport.hiddenPoints(inCatalogueText: regions[0], file: file) == ["exercise7": 3.5])
        let unreadable = "Check(name, points: 2, visibility: .hidden) { t in }"
        #expect(StudentExport.hiddenPoints(inCatalogueText: unreadable, file: file) == nil, "a check whose points cannot be read stops the export")
        let source = StudentExport.withheldPointsSource(["exercise10": 4, "exercise2": 5])
        #expect(source.contains("\"exercise2\": 5.0,\n        \"exercise10\": 4.0,"))
        #expect(StudentExport.withheldPointsSource([:]).contains("[\n        :\n    ]"))
    }
}
