/// The order in which an exercise's hints are revealed, following what fails.
///
/// Every hint of the exercise is reachable, each once: first the hints of the failing
/// visible checks, the first failing check's before the next one's; then the hints about
/// the exercise as a whole, from a nudge to nearly the answer; then the hints of the checks
/// that pass. Hints already shown are skipped, so a hint attached to two checks is shown
/// once. A hidden check's hints are never shown.
public struct HintSequence: Sendable {
    /// One hint: its text, and the check it is attached to, if any.
    public struct Hint: Sendable, Equatable {
        /// What the hint says.
        public let text: String
        /// The name of the check the hint is attached to, or nil for a hint about the whole exercise.
        public let check: String?
    }

    /// The next hint to show, with its place among all of the exercise's hints.
    public struct Next: Sendable, Equatable {
        public let hint: Hint
        /// The hint's number, counting those shown before it: 1 for the first hint.
        public let number: Int
        /// How many hints the exercise has.
        public let total: Int
        /// Whether every other hint has been shown already.
        public var isLast: Bool { number == total }
    }

    /// Every hint of the exercise once, in the order they are revealed.
    public let order: [Hint]
    /// The hints shown so far, in the order they were shown.
    public let revealed: [Hint]

    /// Creates the sequence of `exercise` for a student whose last result failed the
    /// checks named `failing` and who has seen the hints `revealed` (their texts).
    public init(exercise: Exercise, failing: [String], revealed: [String]) {
        let visible = exercise.checks.filter { $0.visibility == .visible }
        let failingChecks = visible.filter { failing.contains($0.name) }
        let passingChecks = visible.filter { !failing.contains($0.name) }
        var seen: Set<String> = []
        var order: [Hint] = []
        func add(_ texts: [String], check: String?) {
            for text in texts where seen.insert(text).inserted { order.append(Hint(text: text, check: check)) }
        }
        for check in failingChecks { add(check.hints, check: check.name) }
        add(exercise.hints, check: nil)
        for check in passingChecks { add(check.hints, check: check.name) }
        self.order = order
        self.revealed = revealed.compactMap { text in order.first { $0.text == text } }
    }

    /// Creates the sequence from a student's progress on `exercise`. A progress file that
    /// only counted hints (`hintsShown`) counted the exercise's first general hints.
    public init(exercise: Exercise, entry: StudentProgress.Entry?) {
        var revealed = entry?.revealedHints ?? []
        if revealed.isEmpty, let count = entry?.hintsShown, count > 0 {
            revealed = Array(exercise.hints.prefix(count))
        }
        self.init(exercise: exercise, failing: entry?.failingChecks ?? [], revealed: revealed)
    }

    /// The hint to show next, or nil when every hint has been shown.
    public var next: Next? {
        guard let hint = order.first(where: { !revealed.contains($0) }) else { return nil }
        return Next(hint: hint, number: revealed.count + 1, total: order.count)
    }
}

extension StudentProgress.Entry {
    /// Records that `hint`, the next of `sequence`, was shown.
    public mutating func reveal(_ hint: HintSequence.Hint, of sequence: HintSequence) {
        revealedHints = sequence.revealed.map(\.text) + [hint.text]
        hintsShown = revealedHints.count
    }
}
