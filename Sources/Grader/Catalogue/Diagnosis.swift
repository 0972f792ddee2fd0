import CourseKit

/// A known wrong answer: what a typical mistake would have returned, and what to tell a
/// student whose result matches it.
public struct Mistake: Sendable {
    public let explanation: String
    public let value: Numbers

    /// Creates a mistake from the value it would produce.
    public init(_ explanation: String, _ value: Double) { self.init(explanation, Numbers(value)) }
    public init(_ explanation: String, _ value: [Double]) { self.init(explanation, Numbers(value)) }
    public init(_ explanation: String, _ value: Matrix) { self.init(explanation, Numbers(value)) }
    public init(_ explanation: String, _ value: Numbers) {
        self.explanation = explanation
        self.value = value
    }
}

/// Recognises the usual mistakes from how an observed result differs from the expected one:
/// a transpose, NaN or ±∞, an all-zero result, a sign flip, a constant factor, or a known
/// mistake of the exercise.
enum Diagnosis {
    /// Returns a sentence explaining the difference, or nil when nothing typical stands out.
    static func explain(observed: Numbers, expected: Numbers, tolerance: Tolerance, mistakes: [Mistake]) -> String? {
        let close = { (o: [Double], e: [Double]) in zip(o, e).allSatisfy { tolerance.accepts($0, $1) } }
        if !observed.sameShape(as: expected) {
            if observed.kind == .matrix, expected.kind == .matrix, observed.rows == expected.columns,
               observed.columns == expected.rows {
                if expected.columns == 1 {
                    return "It is a row where the course expects a column vector (\(expected.rows)×1): vectors are columns, as in the lecture notes."
                }
                if expected.rows == 1 {
                    return "It is a column where a row (1×\(expected.columns)) is expected."
                }
                return close(observed.scalars, expected.transposed.scalars)
                    ? "It is the transpose of the expected matrix: check the order of the factors (for example δ xᵀ, not x δᵀ)."
                    : "Its shape is the transpose of the expected one: check the order of the factors and the conventions (column vectors)."
            }
            return nil
        }
        let same = { (o: Double, e: Double) in e.isFinite ? tolerance.accepts(o, e) : (o == e || o.isNaN && e.isNaN) }
        for mistake in mistakes where mistake.value.sameShape(as: observed)
            && zip(observed.scalars, mistake.value.scalars).allSatisfy(same) {
            return mistake.explanation
        }
        if let bad = observed.scalars.firstIndex(where: { !$0.isFinite }) {
            let what = observed.scalars[bad].isNaN ? "NaN" : "an infinity"
            let subject = observed.kind == .scalar ? "The result" : "Entry \(observed.indexText(bad))"
            return "\(subject) is \(what): NaN and ±∞ always fail. They usually come from an overflow "
                + "(exp of a large number) or from 0/0 or ∞/∞; rewrite the formula so that it stays finite."
        }
        let expectedNonZero = expected.scalars.contains { abs($0) > tolerance.absolute }
        let every = observed.kind == .scalar ? "The value" : "Every entry"
        if expectedNonZero && observed.scalars.allSatisfy({ $0 == 0 }) {
            return "\(every) is 0: the result is never computed, never accumulated, or multiplied by a zero somewhere."
        }
        guard expectedNonZero else { return nil }
        if close(observed.scalars, expected.scalars.map { -$0 }) {
            return "\(every) has the right size but the opposite sign: a sign flip (for example ŷ − y where y − ŷ is needed, or the reverse)."
        }
        let e2 = expected.scalars.map { $0 * $0 }.reduce(0, +)
        let factor = zip(observed.scalars, expected.scalars).map { $0 * $1 }.reduce(0, +) / e2
        if abs(factor - 1) > 1e-6, factor != 0, close(observed.scalars, expected.scalars.map { $0 * factor }) {
            return "\(every) is \(factorText(factor)) the expected one: a constant factor is \(factorAdvice(factor))."
        }
        if observed.kind == .matrix, observed.rows == observed.columns, observed.rows > 1,
           close(observed.scalars, expected.transposed.scalars) {
            return "It equals the transpose of the expected matrix: check the order of the factors (for example δ xᵀ, not x δᵀ)."
        }
        let agreeing = zip(observed.scalars, expected.scalars).filter { tolerance.accepts($0, $1) }.count
        if observed.scalars.count > 1 && agreeing > 0 {
            return "\(agreeing) of \(observed.scalars.count) entries are right and the others are not: a term may be missing or wrong in some entries."
        }
        return nil
    }

    private static func factorText(_ c: Double) -> String {
        for (value, text) in [(2.0, "twice"), (0.5, "half"), (-2, "−2 times"), (-0.5, "−½ times")] where abs(c - value) < 1e-6 {
            return text
        }
        return formatNumber(c) + " times"
    }

    private static func factorAdvice(_ c: Double) -> String {
        if abs(c - 2) < 1e-6 { return "doubled (an extra factor 2?)" }
        if abs(c - 0.5) < 1e-6 { return "missing (the factor 2 of the square's derivative?)" }
        if abs(c.rounded() - c) < 1e-9 && c > 2 { return "extra (a sum where a mean 1/N is needed?)" }
        if c > 0 && c < 1 && abs((1 / c).rounded() - 1 / c) < 1e-6 { return "extra (a mean 1/N where a sum is needed, or a factor applied twice?)" }
        return "wrong"
    }
}
