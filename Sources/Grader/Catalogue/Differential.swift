import Answers
import CourseKit

/// Inputs for a differential check: hand-picked edge cases, a seeded generator of more, and a
/// way to make a failing input smaller, as property-based testing tools shrink a
/// counterexample (QuickCheck, Hypothesis).
public struct InputSpace<Input>: Sendable where Input: Sendable {
    /// Inputs tried first, in order: sizes 0 and 1, values at kinks, the largest magnitudes.
    public var edges: [Input]
    /// Draws one more input.
    public var generate: @Sendable (inout SeededGenerator) -> Input
    /// Candidates smaller than an input, the most promising first.
    public var shrink: @Sendable (Input) -> [Input]
    /// The input as a student writes the call, for the report.
    public var describe: @Sendable (Input) -> String

    /// Creates an input space.
    public init(edges: [Input], generate: @escaping @Sendable (inout SeededGenerator) -> Input,
                shrink: @escaping @Sendable (Input) -> [Input], describe: @escaping @Sendable (Input) -> String) {
        self.edges = edges
        self.generate = generate
        self.shrink = shrink
        self.describe = describe
    }
}

/// What a submission gave for one input: a value, or a crash.
enum Answer<Output> {
    case value(Output)
    case crash(String)
}

extension CheckContext {
    /// Expects the student's function to agree with the reference on the edge inputs and on
    /// `count` more drawn from a generator seeded with `seed`. When some input disagrees, the
    /// report shows the smallest one found by shrinking it, with both results, and how many
    /// of the inputs tried disagreed; it records one expectation either way.
    ///
    /// - Parameters:
    ///   - name: the function compared, as messages name it.
    ///   - student: calls the student's function; a crash counts as a disagreement.
    ///   - reference: the reference result.
    ///   - agree: whether a student's result is right for the reference one.
    ///   - show: a result as the report prints it.
    public func expectAgreement<Input: Sendable, Output>(
        _ name: String, on space: InputSpace<Input>, count: Int, seed: UInt64,
        student: (Input) throws -> Output, reference: (Input) -> Output,
        agree: (Output, Output) -> Bool, show: (Output) -> String) throws {
        var random = SeededGenerator(seed: seed)
        let inputs = space.edges + (0..<count).map { _ in space.generate(&random) }
        func answer(_ input: Input) throws -> Answer<Output> {
            do {
                return .value(try student(input))
            } catch SubmissionFailure.crashed(let signal, let message) {
                return .crash("crashed (\(signal))" + (message.map { ": " + $0 } ?? ""))
            }
        }
        func differs(_ input: Input) throws -> Answer<Output>? {
            let given = try answer(input)
            if case .value(let value) = given, agree(value, reference(input)) { return nil }
            return given
        }
        var failing: [Input] = []
        var first: (input: Input, answer: Answer<Output>)?
        try prefetching({ for input in inputs { _ = try? student(input) } }) {
            for input in inputs {
                if let wrong = try differs(input) {
                    failing.append(input)
                    if first == nil { first = (input, wrong) }
                }
            }
        }
        guard var smallest = first else { return expect(true, "") }
        // Greedy shrinking: move to the first smaller candidate that still disagrees. A copy of
        // the course that answers from recorded keys has no answer for a smaller input nobody
        // recorded, so it does not shrink: it shows the first input that differs.
        var steps = AnswerKeys.fromKeys ? 200 : 0
        while steps < 200 {
            let candidates = space.shrink(smallest.input)
            let smaller = try prefetching({ for candidate in candidates { _ = try? student(candidate) } }) {
                () throws -> (input: Input, answer: Answer<Output>)? in
                for candidate in candidates {
                    steps += 1
                    if let wrong = try differs(candidate) { return (candidate, wrong) }
                    if steps >= 200 { break }
                }
                return nil
            }
            guard let smaller else { break }
            smallest = smaller
        }
        let got: String
        switch smallest.answer {
        case .value(let value): got = "got " + show(value)
        case .crash(let text): got = "it " + text
        }
        expect(false, "\(name) differs from the reference on \(failing.count) of \(inputs.count) inputs tried "
               + "(\(space.edges.count) edge cases, \(count) seeded). "
               + (AnswerKeys.fromKeys ? "The first of them (your instructor's grader also looks for a smaller one): " : "The smallest found: ")
               + "\(space.describe(smallest.input)): "
               + "expected \(show(reference(smallest.input))), \(got).")
    }
}

extension InputSpace {
    /// Returns numbers simpler than `x`, the simplest first: whole numbers are simpler than
    /// halves, halves than other fractions, and among equals the smaller magnitude is simpler.
    public static func simplerNumbers(than x: Double) -> [Double] {
        func rank(_ v: Double) -> (Int, Double) {
            (v == v.rounded() ? 0 : 2 * v == (2 * v).rounded() ? 1 : 2, abs(v))
        }
        let sign: Double = x < 0 ? -1 : 1
        let candidates = [0, sign, x.rounded(.towardZero), (x / 2).rounded(.towardZero), sign * 0.5,
                          abs(x) > 10 ? (0.9 * x).rounded(.towardZero) : x]
        var result: [Double] = []
        for c in candidates where c.isFinite && rank(c) < rank(x) && !result.contains(c) { result.append(c) }
        return result
    }

    /// Returns smaller integers than `n` towards `lowest`: `lowest`, halfway, one less.
    public static func smallerIntegers(than n: Int, lowest: Int) -> [Int] {
        guard n > lowest else { return [] }
        var candidates = [lowest]
        let half = lowest + (n - lowest) / 2
        if half > lowest && half < n { candidates.append(half) }
        if n - 1 > lowest && n - 1 != half { candidates.append(n - 1) }
        return candidates
    }
}

/// Returns a matrix as Swift source a student can paste: `Matrix([[1, 2], [3, 4]])`, or
/// `Matrix(rows: 2, columns: 0)` when it has no entries.
public func swiftText(_ m: Matrix) -> String {
    guard m.rows > 0 && m.columns > 0 else { return "Matrix(rows: \(m.rows), columns: \(m.columns))" }
    let rows = (0..<m.rows).map { i in "[" + (0..<m.columns).map { j in swiftText(m[i, j]) }.joined(separator: ", ") + "]" }
    return "Matrix([" + rows.joined(separator: ", ") + "])"
}

/// Returns a number as Swift source: `-1.5`, not `−1.5`.
public func swiftText(_ x: Double) -> String {
    formatNumber(x, digits: 6).replacingOccurrences(of: "−", with: "-")
}

extension Matrix {
    /// The matrix without its last column.
    func droppingLastColumn() -> Matrix {
        Matrix(rows: rows, columns: columns - 1) { i, j in self[i, j] }
    }

    /// Whether the entries are all whole numbers or halves.
    var isPlain: Bool { scalars.allSatisfy { 2 * $0 == (2 * $0).rounded() } }

    /// The matrix with every entry rounded to the nearest half.
    var roundedToHalves: Matrix { map { (2 * $0).rounded() / 2 } }
}

/// Returns several matrices as Swift a student can read: `∂J/∂Ω₀ = Matrix([[1, 2]]), …`.
func swiftText(_ named: [(String, Matrix)]) -> String {
    named.map { "\($0.0) = \(swiftText($0.1))" }.joined(separator: ", ")
}

/// Whether two lists of matrices have the same shapes and agree entry by entry.
func agree(_ a: [Matrix], _ b: [Matrix], _ tolerance: Tolerance) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        x.rows == y.rows && x.columns == y.columns && zip(x.scalars, y.scalars).allSatisfy { tolerance.accepts($0, $1) }
    }
}
