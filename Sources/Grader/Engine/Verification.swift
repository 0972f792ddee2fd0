import Foundation
import Dispatch

/// The instructor's self-test of the catalogue: every check passes the reference solution
/// and fails the starter, and every known mistake (a mutant, kept as a record of the lines it
/// changes in the solution) is caught by a visible check whose report names that mistake, not
/// another's, and contains no explanation that its own numbers contradict.
public struct Verification: Sendable {
    /// What happened to one mutant.
    public struct MutantOutcome: Sendable, Codable {
        /// Where the record is, and its name: `solutions/mutants/exercise1.mutants#name`.
        public var file: String
        public var name: String
        public var mistake: String
        /// The checks that failed it; empty means the mutant was not caught.
        public var caughtBy: [String]
        /// The visible ones among them.
        public var caughtVisiblyBy: [String]
        /// The words the visible report must contain, from the record's `Diagnosis:` line.
        public var diagnosis: String?
        /// Whether a visible message that the report shows (the first few of each check)
        /// contains those words.
        public var diagnosed: Bool
        /// The other mutants of the exercise whose diagnosis this mutant's visible report gives.
        public var confusedWith: [String]
        /// Explanations in the report that its own numbers contradict.
        public var contradictions: [String]
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
    private enum Role { case solution, starter, mutant(MutantRecord) }

    public init(grader: Grader, files: Workspace? = nil) {
        self.grader = grader
        self.files = files ?? grader.workspace
    }

    /// Verifies the exercises, grading their files in parallel on `jobs` workers.
    public func verify(_ exercises: [Exercise], jobs: Int) throws -> [ExerciseOutcome] {
        let workspace = files
        var tasks: [(exercise: Exercise, role: Role, file: URL)] = []
        var recordProblems: [String: [String]] = [:]
        for exercise in exercises {
            tasks.append((exercise, .solution, workspace.solutionFile(exercise)))
            tasks.append((exercise, .starter, workspace.studentFile(exercise)))
            let mutants = Verification.materialisedMutants(of: exercise, in: workspace)
            tasks += mutants.files.map { (exercise, .mutant($0.record), $0.file) }
            recordProblems[exercise.id] = mutants.problems
        }
        let results = try parallelMap(tasks, jobs: jobs) { task in try grader.grade(task.exercise, file: task.file) }
        return exercises.map { exercise in
            var problems = recordProblems[exercise.id] ?? []
            var solutionScore = 0.0, starterScore = 0.0
            var graded: [(MutantRecord, ExerciseResult)] = []
            for (task, result) in zip(tasks, results) where task.exercise.id == exercise.id {
                switch task.role {
                case .solution:
                    solutionScore = result.score
                    problems += solutionProblems(result)
                case .starter:
                    starterScore = result.score
                    problems += starterProblems(result, exercise: exercise, file: task.file)
                case .mutant(let record):
                    graded.append((record, result))
                }
            }
            let file = Workspace.displayPath(workspace.mutantRecordsFile(exercise))
            let mutants = graded.map { Verification.outcome(of: $0.0, $0.1, file: file, among: graded.map(\.0)) }
            problems += mutants.flatMap(Verification.problems(of:))
            if let table = Verification.confusionTable(mutants) { problems.append(table) }
            if exercise.hints.isEmpty { problems.append("It has no hints.") }
            return ExerciseOutcome(exercise: exercise.id, solutionScore: solutionScore, maxScore: exercise.maxPoints,
                                   starterScore: starterScore, mutants: mutants, problems: problems)
        }
    }

    /// Makes every mutant record of an exercise into a file to grade; a record that cannot be
    /// read or no longer applies to the solution is a problem instead.
    static func materialisedMutants(of exercise: Exercise, in workspace: Workspace)
        -> (files: [(record: MutantRecord, file: URL)], problems: [String]) {
        let path = Workspace.displayPath(workspace.mutantRecordsFile(exercise))
        let records: [MutantRecord]
        do {
            records = try workspace.mutantRecords(exercise)
        } catch {
            return ([], ["The mutant records cannot be read: \(error)"])
        }
        var files: [(record: MutantRecord, file: URL)] = []
        var problems: [String] = []
        for record in records {
            do {
                files.append((record, try workspace.materialise(record, of: exercise)))
            } catch {
                problems.append("The mutant record in \(path): \(error)")
            }
        }
        return (files, problems)
    }

    /// Judges one mutant's result by the rules of `verify`.
    static func outcome(of record: MutantRecord, _ result: ExerciseResult, file: String, among records: [MutantRecord]) -> MutantOutcome {
        let caught = result.checks.filter { $0.status != .passed }
        let visible = caught.filter { $0.visibility == .visible }
        let messages = visible.flatMap(\.messages) + [result.compilerOutput ?? ""]
        // The diagnosis must be where the student reads it: among the messages the report shows.
        let shown = visible.flatMap { $0.messages.prefix(TerminalReport.messagesShown) } + [result.compilerOutput ?? ""]
        let diagnosed = shown.contains { $0.contains(record.diagnosis) }
        // A message that names both this mistake and another (two explanations that fit the
        // numbers equally) is no confusion; one that names only the other is.
        let confused = records.filter { other in
            other.name != record.name && other.diagnosis != record.diagnosis && !record.diagnosis.contains(other.diagnosis)
                && messages.contains { $0.contains(other.diagnosis) && !$0.contains(record.diagnosis) }
        }.map(\.name)
        let contradictions = visible.flatMap { check in
            ExplanationAudit.contradictions(in: check.messages).map { "\(check.name): \($0)" }
        }
        return MutantOutcome(file: "\(file)#\(record.name)", name: record.name, mistake: record.mistake,
                             caughtBy: caught.map(\.name), caughtVisiblyBy: visible.map(\.name),
                             diagnosis: record.diagnosis, diagnosed: diagnosed, confusedWith: confused,
                             contradictions: contradictions)
    }

    /// Every rule a mutant's outcome breaks, one sentence each.
    static func problems(of mutant: MutantOutcome) -> [String] {
        var problems: [String] = []
        if mutant.caughtBy.isEmpty {
            problems.append("The mutant \(mutant.name) passes every check: \(mutant.mistake)")
        } else if mutant.caughtVisiblyBy.isEmpty {
            problems.append("The mutant \(mutant.name) is caught only by hidden checks (\(mutant.caughtBy.joined(separator: "; "))): the student sees nothing to act on.")
        } else if !mutant.diagnosed {
            problems.append("The mutant \(mutant.name) fails, but no visible message the report shows says '\(mutant.diagnosis ?? "")'.")
        }
        problems += mutant.contradictions.map { "The report of the mutant \(mutant.name) contradicts itself: \($0)" }
        return problems
    }

    /// A table of the mutants whose visible report gives another mutant's diagnosis, or nil
    /// when there is none.
    static func confusionTable(_ mutants: [MutantOutcome]) -> String? {
        let confused = mutants.filter { !$0.confusedWith.isEmpty }
        guard !confused.isEmpty else { return nil }
        let width = max(confused.map(\.name.count).max()!, "mutant".count)
        let pad = { (s: String) in s + String(repeating: " ", count: width - s.count) }
        var lines = ["Reports that give another mutant's diagnosis:", "  \(pad("mutant"))  also diagnosed as"]
        for mutant in confused {
            lines.append("  \(pad(mutant.name))  \(mutant.confusedWith.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n")
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
