/// One exercise: what the student writes, how it is checked, and the hints.
///
/// Everything about an exercise lives in its one catalogue file
/// (`Sources/Grader/Exercises/ExerciseN.swift`): adding a case or a check there is all it
/// takes, and `course verify` then proves that the check passes the solution, fails the
/// starter, and catches the known-wrong variants.
public struct Exercise: Sendable {
    /// The exercise's number, counted from 1.
    public let number: Int
    /// The short title shown in headers and lists.
    public let title: String
    /// The lesson it belongs to.
    public let lesson: Int
    /// The functions the student writes, as the starter declares them.
    public let functions: [FunctionSignature]
    /// Hints about the exercise as a whole, from a nudge to nearly the answer. A check's own
    /// hints (`Check.hints`) come before these while that check fails.
    public let hints: [String]
    /// The checks, in the order they run and are reported.
    public let checks: [Check]

    /// Creates an exercise.
    public init(number: Int, title: String, lesson: Int, functions: [FunctionSignature],
                hints: [String], checks: [Check]) {
        self.number = number
        self.title = title
        self.lesson = lesson
        self.functions = functions
        self.hints = hints
        self.checks = checks
    }

    /// The name students type: `exercise1`, `exercise2`, …
    public var id: String { "exercise\(number)" }

    /// The points of all checks together.
    public var maxPoints: Double { checks.map(\.points).reduce(0, +) }
}

/// Whether a student sees a check's name, inputs and expected values.
public enum Visibility: String, Sendable, Codable {
    /// Shown in full.
    case visible
    /// Reported to the student only as "hidden check failed" with its points.
    case hidden
}

/// One check of an exercise: a name, points, and code that calls the student's functions
/// and records what it expects of the results.
public struct Check: Sendable {
    public let name: String
    public let points: Double
    public let visibility: Visibility
    /// When true, the check earns its points in proportion to the expectations met;
    /// otherwise it earns all or nothing.
    public let partialCredit: Bool
    /// The wall-time limit of this check, when it needs another than the grader's default.
    public let timeLimit: Duration?
    /// Hints about what this check tests, shown first while it is the first failing check.
    /// A hidden check's hints are never shown to students.
    public let hints: [String]
    let body: @Sendable (CheckContext) throws -> Void

    /// Creates a check.
    ///
    ///     Check("softplus matches log(1 + eˣ)", points: 1,
    ///           hints: ["softplus(x) = log(1 + eˣ); log1p(exp(x)) computes it."]) { t in
    ///         for x in [-3.0, 0.25, 2] {
    ///             t.expect(try t.number("softplus", x), equals: Perceptron.softplus(x), "softplus(\(x))")
    ///         }
    ///     }
    public init(_ name: String, points: Double, visibility: Visibility = .visible, partialCredit: Bool = false,
                timeLimit: Duration? = nil, hints: [String] = [], _ body: @escaping @Sendable (CheckContext) throws -> Void) {
        self.name = name
        self.points = points
        self.visibility = visibility
        self.partialCredit = partialCredit
        self.timeLimit = timeLimit
        self.hints = hints
        self.body = body
    }
}
