import Foundation
import Dispatch

/// The instructor's self-test of the catalogue: every check passes the reference solution
/// and fails the starter, and every known-wrong variant (mutant) fails at least one check.
public struct Verification: Sendable {
    /// What happened to one mutant.
    public struct MutantOutcome: Sendable, Codable {
        public var file: String
        public var mistake: String
        /// The checks that failed it; empty means the mutant was not caught.
        public var caughtBy: [String]
        /// The words the failure must contain, from the mutant's `// Diagnosis:` line.
        public var diagnosis: String?
        /// Whether some failure message contains those words.
        public var diagnosed: Bool
    }

    /// The outcome for one exercise.
    public struct ExerciseOutcome: Sendable, Codable {
        public var exercise: String
        public var solutionScore: Double
        public var maxScore: Double
        public var starterScore: Double
        public var mutants: [MutantOutcome]
        /// Everything that is wrong, one sentence each; empty when the exercise verifies.
        public var problems: [String]
    }

    let grader: Grader
    /// Where the starters, solutions and mutants are read: the grader's workspace, or a copy
    /// of the committed course.
    let files: Workspace

    /// What a file is to the exercise it is graded for.
    private enum Role { case solution, starter, mutant }

    public init(grader: Grader, files: Workspace? = nil) {
        self.grader = grader
        self.files = files ?? grader.workspace
    }

    /// Verifies the exercises, grading their files in parallel on `jobs` workers.
    public func verify(_ exercises: [Exercise], jobs: Int) throws -> [ExerciseOutcome] {
        let workspace = files
        var tasks: [(exercise: Exercise, role: Role, file: URL)] = []
        for exercise in exercises {
            tasks.append((exercise, .solution, workspace.solutionFile(exercise)))
            tasks.append((exercise, .starter, workspace.studentFile(exercise)))
            for mutant in workspace.mutantFiles(exercise) { tasks.append((exercise, .mutant, mutant)) }
        }
        let results = try parallelMap(tasks, jobs: jobs) { task in try grader.grade(task.exercise, file: task.file) }
        return exercises.map { exercise in
            var problems: [String] = []
            var solutionScore = 0.0, starterScore = 0.0
            var mutants: [MutantOutcome] = []
            for (task, result) in zip(tasks, results) where task.exercise.id == exercise.id {
                switch task.role {
                case .solution:
                    solutionScore = result.score
                    problems += solutionProblems(result)
                case .starter:
                    starterScore = result.score
                    problems += starterProblems(result, exercise: exercise, file: task.file)
                case .mutant:
                    let caught = result.checks.filter { $0.status != .passed }
                    let header = Verification.header(of: task.file)
                    let messages = caught.flatMap(\.messages) + [result.compilerOutput ?? ""]
                    let diagnosed = header.diagnosis.map { words in messages.contains { $0.contains(words) } } ?? true
                    let outcome = MutantOutcome(file: Workspace.displayPath(task.file), mistake: header.mistake,
                                                caughtBy: caught.map(\.name), diagnosis: header.diagnosis, diagnosed: diagnosed)
                    if caught.isEmpty {
                        problems.append("The mutant \(outcome.file) passes every check: \(outcome.mistake)")
                    } else if !diagnosed {
                        problems.append("The mutant \(outcome.file) fails, but no message says '\(header.diagnosis!)'.")
                    }
                    mutants.append(outcome)
                }
            }
            if exercise.hints.isEmpty { problems.append("It has no hints.") }
            return ExerciseOutcome(exercise: exercise.id, solutionScore: solutionScore, maxScore: exercise.maxPoints,
                                   starterScore: starterScore, mutants: mutants, problems: problems)
        }
    }

    private func solutionProblems(_ result: ExerciseResult) -> [String] {
        if let compiler = result.compilerOutput { return ["The solution does not compile:\n\(compiler)"] }
        return result.checks.filter { $0.status != .passed }.map {
            "The solution fails the check '\($0.name)': \($0.messages.first ?? "")"
        }
    }

    private func starterProblems(_ result: ExerciseResult, exercise: Exercise, file: URL) -> [String] {
        if let compiler = result.compilerOutput { return ["The starter does not compile:\n\(compiler)"] }
        var problems = result.checks.filter { $0.status == .passed || $0.score > 0 }.map {
            "The check '\($0.name)' gives points to the starter, so it cannot tell a finished exercise from an unstarted one."
        }
        let text = Verification.normalized((try? String(contentsOf: file, encoding: .utf8)) ?? "")
        for signature in exercise.functions where !text.contains(Verification.normalized(signature.declaration)) {
            problems.append("The starter does not declare `\(signature.declaration)` as the catalogue does.")
        }
        return problems
    }

    /// Returns Swift text with its layout removed: runs of whitespace become one space, and
    /// no space follows `(` or `[` or precedes `)` or `]`.
    static func normalized(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !result.isEmpty && !"([".contains(result.last!) && !")],".contains(character) {
                result.append(" ")
            }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    /// The header of a mutant: its first line `// Mistake: <what is wrong>` and an optional
    /// `// Diagnosis: <words the grader's message must contain>` right after it.
    static func header(of file: URL) -> (mistake: String, diagnosis: String?) {
        let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").prefix(2)
        func value(_ prefix: String, _ line: Substring?) -> String? {
            guard let line, line.hasPrefix(prefix) else { return nil }
            return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        return (value("// Mistake:", lines.first) ?? "(no '// Mistake:' line)", value("// Diagnosis:", lines.dropFirst().first))
    }
}

/// Maps `transform` over the items on `jobs` threads, keeping the order. The first error
/// stops the items not yet started, and is rethrown once those running have finished.
func parallelMap<T, R>(_ items: [T], jobs: Int, _ transform: @escaping @Sendable (T) throws -> R) throws -> [R] {
    let work = SharedWork<R>(count: items.count)
    nonisolated(unsafe) let items = items
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, items.count))) { _ in
        while let index = work.claim() {
            work.store(index, Result { try transform(items[index]) })
        }
    }
    if let failure = work.firstFailure { throw failure }
    return try work.results.map { try $0!.get() }
}

/// The items of a parallel map: which one is next, and the results so far, under a lock.
private final class SharedWork<R>: @unchecked Sendable {
    private(set) var results: [Result<R, Error>?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The first error an item threw, after which no item is started.
    private(set) var firstFailure: Error?

    /// Takes the next item's index, or nil when every item is taken or one failed.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < results.count, firstFailure == nil else { return nil }
        next += 1
        return next - 1
    }

    func store(_ index: Int, _ result: Result<R, Error>) {
        lock.lock()
        results[index] = result
        if case .failure(let error) = result, firstFailure == nil { firstFailure = error }
        lock.unlock()
    }
}
