import Foundation

/// Mistakes the course does not know of yet: every one-line change of a solution that a
/// small operator makes (`+` for `-`, `<` for `<=`, `=` for `+=`, rows for columns …),
/// graded like a submission. A change that only a hidden check catches means a requirement
/// without a visible check; one that passes every check either computes the same function
/// (a square matrix's rows and columns) or shows a check that is missing.
///
/// It is how mutation testing tools judge a test suite, reduced to what one line can say.
public struct MutationSweep: Sendable {
    /// One change of one line of the solution.
    public struct Mutant: Sendable, Equatable {
        /// The line, from 1.
        public var line: Int
        public var original: String
        public var changed: String
        /// The whole solution with the line changed.
        public var source: String
    }

    /// What the checks made of a mutant.
    public enum Verdict: String, Sendable, Codable {
        case caughtVisibly = "caught-visibly"
        case caughtOnlyByHidden = "caught-only-by-hidden"
        case passesEveryCheck = "passes-every-check"
        case doesNotCompile = "does-not-compile"
    }

    public struct Outcome: Sendable, Codable {
        public var line: Int
        public var original: String
        public var changed: String
        public var verdict: Verdict
    }

    /// The replacements tried on each line, each at its first place in the line's code.
    static let replacements: [(String, String)] = [
        (" + ", " - "), (" - ", " + "), (" * ", " / "), (" / ", " * "),
        (" < ", " <= "), (" <= ", " < "), (" > ", " >= "), (" >= ", " > "), (" == ", " != "), (" != ", " == "),
        (" && ", " || "), (" || ", " && "), ("+=", "="), ("-=", "+="), ("..<", "..."),
        ("max(", "min("), ("min(", "max("), (".rows", ".columns"), (".columns", ".rows"),
        (" - 1", ""), (" + 1", ""), ("[0]", "[1]"), (".reversed()", ""), (".transposed", ""),
    ]

    /// The one-line mutants of a solution: every replacement at its first place in every line
    /// of code, leaving out comments, blank lines, imports, declarations of functions and
    /// preconditions (which only change what invalid input does). Each distinct source once.
    public static func mutants(of solution: String) -> [Mutant] {
        let lines = solution.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var seen = Set<String>()
        var result: [Mutant] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("//") || trimmed.hasPrefix("import ") || trimmed.hasPrefix("func ")
                || trimmed.hasPrefix("precondition(") || trimmed.hasPrefix("@") {
                continue
            }
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
            for (old, new) in replacements {
                guard let range = code.range(of: old) else { continue }
                var changed = line
                changed.replaceSubrange(range, with: new)
                var mutated = lines
                mutated[index] = changed
                let source = mutated.joined(separator: "\n")
                guard seen.insert(source).inserted else { continue }
                result.append(Mutant(line: index + 1, original: line, changed: changed, source: source))
            }
        }
        return result
    }

    public let grader: Grader

    public init(grader: Grader) { self.grader = grader }

    /// Grades every one-line mutant of `solution` as a submission of `exercise`, on `jobs`
    /// workers, and says what the checks made of each.
    public func run(_ exercise: Exercise, solution: URL, jobs: Int) throws -> [Outcome] {
        let text = try String(contentsOf: solution, encoding: .utf8)
        let mutants = MutationSweep.mutants(of: text)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-sweep-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [URL] = []
        for (index, mutant) in mutants.enumerated() {
            let file = folder.appendingPathComponent("\(index)/\(exercise.id).swift")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ChildProcess.withoutSpawning { try Data(mutant.source.utf8).write(to: file) }
            files.append(file)
        }
        let grader = self.grader
        let results = try parallelMap(files, jobs: jobs) { try grader.grade(exercise, file: $0) }
        return zip(mutants, results).map { mutant, result in
            Outcome(line: mutant.line, original: mutant.original, changed: mutant.changed, verdict: MutationSweep.verdict(of: result))
        }
    }

    static func verdict(of result: ExerciseResult) -> Verdict {
        if result.status == .compileError { return .doesNotCompile }
        let failing = result.checks.filter { $0.status != .passed }
        if failing.contains(where: { $0.visibility == .visible }) { return .caughtVisibly }
        return failing.isEmpty ? .passesEveryCheck : .caughtOnlyByHidden
    }
}
