import Foundation

/// A submission's results in the format Gradescope's autograder reads from
/// `/autograder/results/results.json`: a total score and one test per check.
///
/// Hidden checks are written with the visibility `after_published`, so that students see
/// them only when the instructor publishes the grades.
public struct GradescopeResults: Codable, Sendable, Equatable {
    public struct Test: Codable, Sendable, Equatable {
        public var name: String
        public var score: Double
        public var max_score: Double
        public var status: String
        public var output: String
        public var visibility: String
    }

    public var score: Double
    public var execution_time: Double
    public var output: String
    public var visibility: String
    public var stdout_visibility: String
    public var tests: [Test]

    /// Converts the results of one student's exercises.
    /// Converts the results of one student's exercises; `notGraded` are the warnings about
    /// the files of the upload that were not graded (a misnamed `Exercise5.swift`).
    ///
    /// An exercise that was not submitted says so in its tests' output and in the summary,
    /// apart from one that was submitted and scored 0.
    public init(_ results: [ExerciseResult], exercises: [Exercise], notGraded: [String] = []) {
        score = results.map(\.score).reduce(0, +)
        execution_time = results.map(\.seconds).reduce(0, +)
        visibility = "visible"
        stdout_visibility = "hidden"
        var lines = notGraded.map { "Warning: \($0)" }
        var tests: [Test] = []
        for result in results {
            let notSubmitted = result.status == .notSubmitted
            lines.append("\(result.exercise) · \(result.title): "
                         + (notSubmitted ? "not submitted (no \(result.exercise).swift in the upload)"
                                         : "\(result.status.rawValue), \(formatScore(result.score))/\(formatScore(result.maxScore))"))
            let header = result.compilerOutput.map { "The file does not compile:\n\($0)\n" } ?? ""
            for (index, check) in result.checks.enumerated() {
                tests.append(Test(
                    name: "\(result.exercise) · \(check.name)",
                    score: check.score, max_score: check.maxScore,
                    status: check.status == .passed ? "passed" : "failed",
                    output: notSubmitted ? "Not submitted: the upload has no \(result.exercise).swift."
                        : (index == 0 ? header : "") + check.messages.joined(separator: "\n"),
                    visibility: check.visibility == .hidden ? "after_published" : "visible"))
            }
        }
        output = lines.joined(separator: "\n")
        self.tests = tests
    }
}

private func formatScore(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x)
}
