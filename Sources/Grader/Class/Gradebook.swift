import Foundation
import CourseKit

/// The files a class grading leaves for the instructor: a gradebook as CSV and JSON (one
/// row per student, one column per exercise, totals) and one Gradescope `results.json` per
/// student.
///
/// An exercise a student did not hand in is "not submitted", never a 0: its CSV cell is
/// empty and the row's "not submitted" column names it, its JSON score is null, and its
/// Gradescope tests say so. A file that was handed in and earned nothing is a 0.
public struct Gradebook {
    public let exercises: [Exercise]
    public let students: [ClassGrading.StudentResults]
    /// What was in the class folder and not graded, by student.
    public let notGraded: [String: [ClassFolder.NotGraded]]

    public init(exercises: [Exercise], students: [ClassGrading.StudentResults], notGraded: [ClassFolder.NotGraded] = []) {
        self.exercises = exercises
        self.students = students
        self.notGraded = Dictionary(grouping: notGraded.filter { $0.student != nil }, by: { $0.student! })
    }

    /// The gradebook as CSV (RFC 4180 quoting). A cell is empty when the exercise was not
    /// submitted; the "not submitted" column lists those exercises.
    public var csv: String {
        let header = ["student"] + exercises.map(\.id) + ["total", "max", "not submitted"]
        let maximum = exercises.map(\.maxPoints).reduce(0, +)
        let rows = students.map { student in
            [student.student] + student.results.map { $0.status == .notSubmitted ? "" : formatNumber($0.score, digits: 2).asciiMinus }
                + [formatNumber(student.total, digits: 2).asciiMinus, formatNumber(maximum).asciiMinus,
                   student.results.filter { $0.status == .notSubmitted }.map(\.exercise).joined(separator: " ")]
        }
        return ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One row of the JSON gradebook.
    struct Row: Codable {
        var student: String
        /// Each exercise's score; null when it was not submitted.
        var scores: [String: Double?]
        var statuses: [String: ExerciseResult.Status]
        var notSubmitted: [String]
        /// The student's files that were not graded, and why.
        var notGraded: [String]
        var total: Double
        var max: Double
    }

    /// The gradebook as JSON: an array of rows, in the order of the students' names.
    public func json() throws -> Data {
        let maximum = exercises.map(\.maxPoints).reduce(0, +)
        let rows = students.map { student in
            Row(student: student.student,
                scores: Dictionary(uniqueKeysWithValues: student.results.map { ($0.exercise, $0.status == .notSubmitted ? nil : $0.score) }),
                statuses: Dictionary(uniqueKeysWithValues: student.results.map { ($0.exercise, $0.status) }),
                notSubmitted: student.results.filter { $0.status == .notSubmitted }.map(\.exercise),
                notGraded: (notGraded[student.student] ?? []).map { "\($0.name) \($0.reason)" },
                total: student.total, max: maximum)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(rows)
    }

    /// Writes `gradebook.csv`, `gradebook.json` and `gradescope/<student>/results.json`.
    public func write(to folder: URL) throws {
        try writeAtomically(Data(csv.utf8), to: folder.appendingPathComponent("gradebook.csv"))
        try writeAtomically(try json(), to: folder.appendingPathComponent("gradebook.json"))
        for student in students {
            let warnings = (notGraded[student.student] ?? []).map { "\($0.name) \($0.reason)" }
            let results = GradescopeResults(student.results, exercises: exercises, notGraded: warnings)
            try writeAtomically(results, to: folder.appendingPathComponent("gradescope")
                .appendingPathComponent(student.student).appendingPathComponent("results.json"))
        }
    }

    private func csvField(_ field: String) -> String {
        guard field.contains(where: { ",\"\r\n".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The text with the typographic minus replaced by the ASCII one, for spreadsheets.
    var asciiMinus: String { replacingOccurrences(of: "−", with: "-") }
}
