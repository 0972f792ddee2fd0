import Answers
import CourseKit
import Foundation

/// The answers a student version needs in place of the code that computes them: every answer
/// that the lessons' runs (with their figures) and the visible checks of every exercise,
/// graded against the solutions and their known mistakes, ask for. Hidden checks are not run, so their cases stay
/// unknown to students.
public struct AnswerRecording {
    /// The lines that enclose the code of an answer in a lesson module:
    /// `// answer: exerciseN begin` and `// answer: exerciseN end`, or, around a whole
    /// declaration that only answers use, `// answer: exerciseN helper begin` and `… helper end`.
    static let marker = "// answer: exercise"

    /// Records the answers, grading the solutions in `solutions` with `grader`, and returns
    /// the lines of the key file.
    public static func record(grader: Grader, solutions: Workspace) throws -> [String] {
        AnswerKeys.startRecording()
        var finished = false
        defer { if !finished { _ = AnswerKeys.stopRecording() } }
        for lesson in Catalogue.lessons {
            lesson.run(on: LessonConsole(write: { _ in }, saveFigure: { _, _ in }))
        }
        for exercise in Catalogue.exercises {
            let visible = Exercise(number: exercise.number, title: exercise.title, lesson: exercise.lesson,
                                   functions: exercise.functions, hints: exercise.hints,
                                   checks: exercise.checks.filter { $0.visibility == .visible })
            let result = try grader.grade(visible, file: solutions.solutionFile(exercise))
            guard result.status == .passed else {
                throw DistributionError.solutionFailsWhileRecording(exercise.id)
            }
            // The known mistakes too: what a check computes to explain a failure (a flawed
            // reference, a mistake's numbers) is asked for only when a submission fails.
            for record in try solutions.mutantRecords(exercise) {
                _ = try grader.grade(visible, file: solutions.materialise(record, of: exercise))
            }
        }
        finished = true
        return AnswerKeys.stopRecording()
    }

    /// Returns a lesson module's source with the code of every answer replaced by a call that
    /// reads the keys, or nil when it has none; throws when its markers do not pair up.
    static func withoutAnswerCode(_ text: String, file: String) throws -> String? {
        guard text.contains(marker) else { return nil }
        var kept: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let isBegin = trimmed.hasPrefix(marker) && trimmed.hasSuffix(" begin")
            let isEnd = trimmed.hasPrefix(marker) && trimmed.hasSuffix(" end")
            if isBegin {
                guard !inside else { throw DistributionError.unpairedAnswerMarkers(file) }
                inside = true
                // A helper that only answers use is left out whole, with nothing in its place.
                guard !trimmed.hasSuffix(" helper begin") else { continue }
                let indent = line.prefix { $0 == " " }
                kept.append(indent + "return AnswerKeys.unrecorded()")
            } else if isEnd {
                guard inside else { throw DistributionError.unpairedAnswerMarkers(file) }
                inside = false
            } else if !inside {
                kept.append(String(line))
            }
        }
        guard !inside else { throw DistributionError.unpairedAnswerMarkers(file) }
        return kept.joined(separator: "\n")
    }
}
