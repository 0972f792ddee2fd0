import Foundation
import CourseKit

/// What a class got wrong, exercise by exercise: how many students passed each check, and
/// how many made each mistake the grader named, the most frequent first.
///
/// A named mistake is the explanation a failure message ends with: a known mistake of the
/// exercise ("This is 1 − tanh(x): the square is missing, …") or a recognised pattern ("a
/// sign flip", "a constant factor is wrong", NaN). Each student counts once per mistake and
/// exercise, however many checks and entries showed it.
public struct ClassReport: Codable, Sendable {
    public struct CheckTally: Codable, Sendable {
        public var name: String
        public var visibility: String
        public var points: Double
        /// Students who submitted the exercise and passed the check.
        public var passed: Int
        /// Students who submitted the exercise and did not pass it (compile errors included).
        public var failed: Int
        /// Of those, students whose failure named no mistake.
        public var failedWithoutExplanation: Int
    }

    public struct MistakeTally: Codable, Sendable {
        /// The grader's explanation, as it told the students.
        public var explanation: String
        /// How many students made it.
        public var students: Int
        /// The checks whose failures named it.
        public var checks: [String]
        /// How many wordings differing only in their numbers (the sizes or values of the
        /// case that showed it) were counted as this mistake; `explanation` is the first.
        public var wordings: Int
    }

    public struct ExerciseTally: Codable, Sendable {
        public var exercise: String
        public var title: String
        public var maxScore: Double
        public var submitted: Int
        public var notSubmitted: Int
        public var compileErrors: Int
        /// Submitted files the grader refused (links, too large, not UTF-8).
        public var rejected: Int
        /// Students who passed every check.
        public var passedEveryCheck: Int
        /// The mean score of the students who submitted it.
        public var meanScore: Double
        public var checks: [CheckTally]
        /// The named mistakes, the most frequent first.
        public var mistakes: [MistakeTally]
        /// Students whose code could not answer some check, by why: "a function left
        /// unwritten", "a crash", "the time limit", "a call to exit()", "too much output", "a
        /// reply the grader could not read", "another error".
        public var couldNotAnswer: [String: Int]
    }

    /// Why a check's call got no answer, from the grader's messages.
    static func trouble(_ messages: [String]) -> String {
        for message in messages {
            if message.contains("is not implemented yet") { return "a function left unwritten" }
            if message.contains("crashed (") { return "a crash" }
            if message.hasPrefix("Stopped after ") { return "the time limit" }
            if message.contains("must not call exit()") { return "a call to exit()" }
            if message.hasPrefix("Stopped: your code printed") { return "too much output" }
            if message.contains("could not read what your code returned") { return "a reply the grader could not read" }
        }
        return "another error"
    }

    public var students: Int
    public var exercises: [ExerciseTally]

    /// Tallies the results of a graded class.
    public init(exercises: [Exercise], students: [ClassGrading.StudentResults]) {
        self.students = students.count
        self.exercises = exercises.enumerated().map { index, exercise in
            let results: [ExerciseResult] = students.compactMap { $0.results.indices.contains(index) ? $0.results[index] : nil }
                .filter { $0.exercise == exercise.id }
            return ClassReport.tally(exercise, results)
        }
    }

    /// Tallies the results of one exercise.
    static func tally(_ exercise: Exercise, _ results: [ExerciseResult]) -> ExerciseTally {
        let submitted = results.filter { $0.status != .notSubmitted }
        let checks: [CheckTally] = exercise.checks.map { check in
            var passed = 0, failed = 0, unexplained = 0
            for result in submitted {
                guard let outcome = result.checks.first(where: { $0.name == check.name }) else { continue }
                if outcome.status == .passed {
                    passed += 1
                } else {
                    failed += 1
                    if outcome.messages.allSatisfy({ ClassReport.explanation(in: $0) == nil }) { unexplained += 1 }
                }
            }
            return CheckTally(name: check.name, visibility: check.visibility == .hidden ? "hidden" : "visible",
                              points: check.points, passed: passed, failed: failed, failedWithoutExplanation: unexplained)
        }
        // Keyed by the wording without its numbers, so that one mistake met on cases of
        // different sizes is counted once.
        var byKey: [String: MistakeTally] = [:]
        var wordings: [String: Set<String>] = [:]
        var order: [String] = []
        for result in submitted {
            var seen: Set<String> = []
            for check in result.checks where check.status != .passed {
                for message in check.messages {
                    guard let explanation = ClassReport.explanation(in: message) else { continue }
                    let key = ClassReport.key(explanation)
                    if byKey[key] == nil {
                        order.append(key)
                        byKey[key] = MistakeTally(explanation: explanation, students: 0, checks: [], wordings: 0)
                    }
                    wordings[key, default: []].insert(explanation)
                    if !byKey[key]!.checks.contains(check.name) { byKey[key]!.checks.append(check.name) }
                    if seen.insert(key).inserted { byKey[key]!.students += 1 }
                }
            }
        }
        var mistakes: [(position: Int, tally: MistakeTally)] = []
        for (position, key) in order.enumerated() {
            var tally = byKey[key]!
            tally.wordings = wordings[key]?.count ?? 1
            mistakes.append((position, tally))
        }
        // The most frequent first; ties keep the order in which the checks met them.
        mistakes.sort { $0.tally.students != $1.tally.students ? $0.tally.students > $1.tally.students : $0.position < $1.position }
        var couldNotAnswer: [String: Int] = [:]
        for result in submitted {
            let errors = result.checks.filter { $0.status == .error }
            for reason in Set(errors.map { ClassReport.trouble($0.messages) }) { couldNotAnswer[reason, default: 0] += 1 }
        }
        let scores: [Double] = submitted.map(\.score)
        let mean: Double = submitted.isEmpty ? 0 : scores.reduce(0, +) / Double(submitted.count)
        return ExerciseTally(exercise: exercise.id, title: exercise.title, maxScore: exercise.maxPoints,
                             submitted: submitted.count, notSubmitted: results.count - submitted.count,
                             compileErrors: submitted.filter { $0.status == .compileError }.count,
                             rejected: submitted.filter { $0.status == .rejected }.count,
                             passedEveryCheck: submitted.filter { $0.status == .passed }.count,
                             meanScore: mean, checks: checks, mistakes: mistakes.map(\.tally), couldNotAnswer: couldNotAnswer)
    }

    // MARK: Reading the explanations

    /// The named mistake a failure message ends with, or nil when it names none.
    ///
    /// Messages state the facts first ("f(x): expected 1, got 2 (relative error 0.5).", "6 of
    /// 9 entries are wrong.", "yours is …, the central difference … is …; 3 of 4 entries
    /// disagree.") and then, when the grader recognised it, the explanation.
    public static func explanation(in message: String) -> String? {
        guard let anchor = message.range(of: ", got ") ?? message.range(of: ": yours is ") else { return nil }
        var rest = message[anchor.upperBound...]
        guard let stop = rest.range(of: ". ") else { return nil }
        rest = rest[stop.upperBound...]
        if let count = rest.prefixMatch(of: #/[0-9]+ of [0-9]+ entries are wrong\.\s*/#) {
            rest = rest[count.range.upperBound...]
        }
        let text = rest.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.hasPrefix("The same mistake as above") { return nil }
        return canonical(text)
    }

    /// An explanation's wording with every number replaced by `#`.
    static func key(_ explanation: String) -> String {
        explanation.replacing(#/[−-]?[0-9]+(\.[0-9]+)?/#, with: "#")
    }

    /// The name of a recognised pattern without the part that varies from one student to the
    /// next ("The value is 1.43 times the expected one: a constant factor is wrong." becomes
    /// "A constant factor is wrong."); an exercise's own explanation stays as written.
    static func canonical(_ text: String) -> String {
        let variableSubjects = ["The value ", "Every entry ", "The result ", "Entry "]
        let subjectVaries = variableSubjects.contains { text.hasPrefix($0) } || text.prefixMatch(of: #/[0-9]+ of [0-9]+ entries are right/#) != nil
        guard subjectVaries, let colon = text.range(of: ": ") else { return text }
        var named = String(text[colon.upperBound...])
        // The first sentence names it; what follows is advice.
        if let end = named.range(of: ". ") { named = String(named[..<end.lowerBound]) + "." }
        return named.prefix(1).uppercased() + named.dropFirst()
    }

    // MARK: Rendering

    /// The report as Markdown.
    public var markdown: String {
        var lines = ["# What the class got wrong", "",
                     "\(students) students. For each exercise: how many passed each check, and how many made each mistake "
                        + "the grader named (each student counted once per mistake), the most frequent first.", "",
                     "![Share of students passing every check, and the most frequent mistakes](class-report.svg)", ""]
        for exercise in exercises {
            lines.append("## \(exercise.exercise) · \(exercise.title)")
            lines.append("")
            var facts = "\(exercise.submitted) submitted, \(exercise.notSubmitted) not submitted"
            if exercise.compileErrors > 0 { facts += ", \(exercise.compileErrors) not compiling" }
            if exercise.rejected > 0 { facts += ", \(exercise.rejected) refused" }
            facts += "; \(exercise.passedEveryCheck) pass every check; mean score \(formatNumber(exercise.meanScore, digits: 2).asciiMinus)/\(formatNumber(exercise.maxScore)) among those who submitted."
            lines.append(facts)
            lines.append("")
            guard exercise.submitted > 0 else { continue }
            if let troubles = exercise.troublesText {
                lines.append("Code that could not answer some check (students): \(troubles).")
                lines.append("")
            }
            lines.append("| check | points | passed | failed | failed, no mistake named |")
            lines.append("|---|---:|---:|---:|---:|")
            for check in exercise.checks {
                let name = markdownCell(check.name) + (check.visibility == "hidden" ? " *(hidden)*" : "")
                lines.append("| \(name) | \(formatNumber(check.points).asciiMinus) | \(check.passed) | \(check.failed) | \(check.failedWithoutExplanation) |")
            }
            lines.append("")
            if exercise.mistakes.isEmpty {
                lines.append("No named mistake.")
            } else {
                lines.append("| students | mistake | in the checks |")
                lines.append("|---:|---|---|")
                for mistake in exercise.mistakes {
                    let variants = mistake.wordings > 1 ? " *(and \(mistake.wordings - 1) more wording\(mistake.wordings == 2 ? "" : "s") with other numbers)*" : ""
                    lines.append("| \(mistake.students) | \(markdownCell(mistake.explanation))\(variants) | \(markdownCell(mistake.checks.joined(separator: "; "))) |")
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The report for a terminal: per exercise, the check the fewest passed and the most
    /// frequent mistakes.
    public func terminal(style: TerminalStyle, mistakesPerExercise: Int = 3) -> String {
        var lines = [style.bold("What the class got wrong")]
        for exercise in exercises {
            guard exercise.submitted > 0 else {
                lines.append("  \(style.bold(exercise.exercise)) · " + style.dim("submitted by no one"))
                continue
            }
            lines.append("  \(style.bold(exercise.exercise)) · \(exercise.submitted) submitted, \(exercise.passedEveryCheck) pass every check, "
                         + "mean \(formatNumber(exercise.meanScore, digits: 2))/\(formatNumber(exercise.maxScore))")
            if let hardest = exercise.checks.min(by: { $0.passed < $1.passed }), hardest.failed > 0 {
                lines.append(style.dim("    hardest check: \(hardest.name) (\(hardest.passed)/\(exercise.submitted) passed)"))
            }
            if let troubles = exercise.troublesText {
                lines.append(style.dim("    could not answer: \(troubles)"))
            }
            for mistake in exercise.mistakes.prefix(mistakesPerExercise) {
                let text = mistake.explanation.count > 100 ? mistake.explanation.prefix(99) + "…" : mistake.explanation
                lines.append("    \(String(repeating: " ", count: max(0, 3 - String(mistake.students).count)))\(mistake.students) × \(text)")
            }
            if exercise.mistakes.count > mistakesPerExercise {
                lines.append(style.dim("    … and \(exercise.mistakes.count - mistakesPerExercise) more named mistakes in the report"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A bar chart: for each exercise, the share of the students who submitted it that pass
    /// every check; then the most frequent mistakes of the class, each with its count.
    public func svg(topMistakes: Int = 15) -> String {
        let width = 960.0, left = 110.0, barWidth = width - left - 80, row = 22.0
        let mistakes = exercises.flatMap { exercise in exercise.mistakes.map { (exercise: exercise.exercise, mistake: $0) } }
            .enumerated().sorted { $0.element.mistake.students != $1.element.mistake.students
                ? $0.element.mistake.students > $1.element.mistake.students : $0.offset < $1.offset }
            .prefix(topMistakes).map(\.element)
        let height = 70 + Double(exercises.count) * row + 60 + Double(max(mistakes.count, 1)) * row + 30
        var svg = SVGDocument(width: width, height: height, title: "What the class got wrong: \(students) students")
        var y = 30.0
        svg.text("Students passing every check, among those who submitted", x: 16, y: y, size: 15, bold: true)
        y += 20
        for exercise in exercises {
            let share = exercise.submitted == 0 ? 0 : Double(exercise.passedEveryCheck) / Double(exercise.submitted)
            svg.text(exercise.exercise, x: left - 10, y: y + 15, anchor: .end)
            svg.rect(x: left, y: y + 3, width: barWidth, height: row - 6, fill: "#eeeeee")
            svg.rect(x: left, y: y + 3, width: barWidth * share, height: row - 6, fill: SVGPlot.palette[2])
            svg.text("\(exercise.passedEveryCheck)/\(exercise.submitted)", x: left + barWidth + 8, y: y + 15)
            y += row
        }
        y += 40
        svg.text("The most frequent mistakes (students who made each)", x: 16, y: y, size: 15, bold: true)
        y += 20
        let most = Double(mistakes.map(\.mistake.students).max() ?? 1)
        let (barLeft, barSpan) = (110.0, 200.0)
        if mistakes.isEmpty { svg.text("No named mistake.", x: 16, y: y + 15) }
        for (exercise, mistake) in mistakes {
            let label = mistake.explanation.count > 96 ? mistake.explanation.prefix(95) + "…" : mistake.explanation
            let length = barSpan * Double(mistake.students) / most
            svg.text(exercise, x: 16, y: y + 15)
            svg.rect(x: barLeft, y: y + 3, width: length, height: row - 6, fill: SVGPlot.palette[1])
            svg.text("\(mistake.students)", x: barLeft + length + 6, y: y + 15)
            svg.text(String(label), x: barLeft + barSpan + 40, y: y + 15, size: 11)
            y += row
        }
        return svg.rendered
    }

    /// Writes `class-report.md`, `class-report.json` and `class-report.svg` into `folder`.
    public func write(to folder: URL) throws {
        try writeAtomically(Data(markdown.utf8), to: folder.appendingPathComponent("class-report.md"))
        try writeAtomically(self, to: folder.appendingPathComponent("class-report.json"))
        try writeAtomically(Data(svg().utf8), to: folder.appendingPathComponent("class-report.svg"))
    }
}

extension ClassReport.ExerciseTally {
    /// "3 a crash, 1 the time limit", the most frequent first, or nil.
    var troublesText: String? {
        guard !couldNotAnswer.isEmpty else { return nil }
        return couldNotAnswer.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
    }
}
