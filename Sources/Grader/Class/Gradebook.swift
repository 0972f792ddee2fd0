import Foundation
import CourseKit

/// The files a class grading leaves for the instructor: a gradebook as CSV and JSON (one
/// row per student, one column per exercise, totals) and one Gradescope `results.json` per
/// student.
public struct Gradebook {
    public let exercises: [Exercise]
    public let students: [ClassGrading.StudentResults]

    public init(exercises: [Exercise], students: [ClassGrading.StudentResults]) {
        self.exercises = exercises
        self.students = students
    }

    /// The gradebook as CSV (RFC 4180 quoting).
    public var csv: String {
        let header = ["student"] + exercises.map(\.id) + ["total", "max"]
        let maximum = exercises.map(\.maxPoints).reduce(0, +)
        let rows = students.map { student in
            [student.student] + student.results.map { formatNumber($0.score, digits: 2).asciiMinus }
                + [formatNumber(student.total, digits: 2).asciiMinus, formatNumber(maximum).asciiMinus]
        }
        return ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One row of the JSON gradebook.
    struct Row: Codable {
        var student: String
        var scores: [String: Double]
        var statuses: [String: ExerciseResult.Status]
        var total: Double
        var max: Double
    }

    /// The gradebook as JSON: an array of rows, in the order of the students' names.
    public func json() throws -> Data {
        let maximum = exercises.map(\.maxPoints).reduce(0, +)
        let rows = students.map { student in
            Row(student: student.student,
                scores: Dictionary(uniqueKeysWithValues: student.results.map { ($0.exercise, $0.score) }),
                statuses: Dictionary(uniqueKeysWithValues: student.results.map { ($0.exercise, $0.status) }),
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
            let results = GradescopeResults(student.results, exercises: exercises)
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
