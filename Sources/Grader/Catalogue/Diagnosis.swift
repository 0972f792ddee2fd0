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

extension Mistake {
    /// Returns the mistakes with those whose values agree (within the standard tolerance)
    /// merged into one that names them all: the numbers alone cannot tell them apart.
    public static func merged(_ mistakes: [Mistake], tolerance: Tolerance = .standard) -> [Mistake] {
        var result: [Mistake] = []
        for mistake in mistakes {
            if let i = result.firstIndex(where: { $0.value.sameShape(as: mistake.value)
                && zip($0.value.scalars, mistake.value.scalars).allSatisfy { tolerance.accepts($0, $1) || ($0.isNaN && $1.isNaN) } }) {
                let first = result[i].explanation
                let prefix = "Several mistakes give these numbers here. "
                result[i] = Mistake((first.hasPrefix(prefix) ? first : prefix + first) + " Or: " + mistake.explanation, result[i].value)
            } else {
                result.append(mistake)
            }
        }
        return result
    }
}

/// An explanation of a difference, and what it claims, so that a check can test the claim on
/// every case of the same quantity before it shows the explanation.
struct Explanation: Equatable {
    enum Claim: Equatable {
        /// A fact about this one result (NaN, all zeros, a transposed shape, a partial match).
        case fact
        /// A known mistake of the exercise, matched entry by entry.
        case known
        /// Every compared entry is `c` times the expected one; a sign flip is `c = −1`.
        case factor(Double)
    }
    var text: String
    var claim: Claim
}

/// Recognises the usual mistakes from how an observed result differs from the expected one:
/// a transpose, NaN or ±∞, an all-zero result, a sign flip, a constant factor, or a known
/// mistake of the exercise. Each explanation is one the numbers of this result prove; a
/// check then keeps a sign flip or a constant factor only when every case of the same
/// quantity shows the same ratio (see `CheckContext`).
enum Diagnosis {
    /// Returns a sentence explaining the difference, or nil when nothing typical stands out.
    static func explain(observed: Numbers, expected: Numbers, tolerance: Tolerance, mistakes: [Mistake]) -> String? {
        explanation(observed: observed, expected: expected, tolerance: tolerance, mistakes: mistakes)?.text
    }

    /// Returns the explanation of the difference and what it claims, or nil.
    static func explanation(observed: Numbers, expected: Numbers, tolerance: Tolerance, mistakes: [Mistake]) -> Explanation? {
        let close = { (o: [Double], e: [Double]) in zip(o, e).allSatisfy { tolerance.accepts($0, $1) } }
        if !observed.sameShape(as: expected) {
            if observed.kind == .matrix, expected.kind == .matrix, observed.rows == expected.columns,
               observed.columns == expected.rows {
                if expected.columns == 1 {
                    return Explanation(text: "It is a row where the course expects a column vector (\(expected.rows)×1): vectors are columns, as in the lecture notes.", claim: .fact)
                }
                if expected.rows == 1 {
                    return Explanation(text: "It is a column where a row (1×\(expected.columns)) is expected.", claim: .fact)
                }
                return Explanation(text: close(observed.scalars, expected.transposed.scalars)
                    ? "It is the transpose of the expected matrix: check the order of the factors of the product that makes it, and which index runs along the rows."
                    : "Its shape is the transpose of the expected one: check the order of the factors and the conventions (column vectors).",
                    claim: .fact)
            }
            return nil
        }
        let same = { (o: Double, e: Double) in e.isFinite ? tolerance.accepts(o, e) : (o == e || o.isNaN && e.isNaN) }
        // Every known mistake that gives these numbers is named: when several do, the
        // numbers cannot tell which one was made.
        var matching: [String] = []
        for mistake in mistakes where mistake.value.sameShape(as: observed)
            && zip(observed.scalars, mistake.value.scalars).allSatisfy(same) && !matching.contains(mistake.explanation) {
            matching.append(mistake.explanation)
        }
        if matching.count == 1 { return Explanation(text: matching[0], claim: .known) }
        if matching.count > 1 {
            return Explanation(text: "Several mistakes give these numbers here. " + matching.joined(separator: " Or: "), claim: .known)
        }
        if let bad = observed.scalars.firstIndex(where: { !$0.isFinite }) {
            let what = observed.scalars[bad].isNaN ? "NaN" : "an infinity"
            let subject = observed.kind == .scalar ? "The result" : "Entry \(observed.indexText(bad))"
            return Explanation(text: "\(subject) is \(what): NaN and ±∞ always fail. They usually come from an overflow "
                + "(exp of a large number) or from 0/0 or ∞/∞; rewrite the formula so that it stays finite.", claim: .fact)
        }
        let expectedNonZero = expected.scalars.contains { abs($0) > tolerance.absolute }
        let every = observed.kind == .scalar ? "The value" : "Every entry"
        if expectedNonZero && observed.scalars.allSatisfy({ $0 == 0 }) {
            return Explanation(text: "\(every) is 0 where the expected \(observed.kind == .scalar ? "value is" : "entries are") not: the result is never computed, never accumulated, or multiplied by a zero somewhere.", claim: .fact)
        }
        guard expectedNonZero else { return nil }
        if let c = ratio(observed: observed, expected: expected, tolerance: tolerance) {
            if abs(c + 1) < 1e-6 {
                return Explanation(text: "\(every) has the right size but the opposite sign: a sign flip.", claim: .factor(-1))
            }
            return Explanation(text: "\(every) is \(factorText(c)) the expected one, the same ratio \(observed.kind == .scalar ? "in every case" : "in every entry"): a constant factor is extra or missing.", claim: .factor(c))
        }
        if observed.kind == .matrix, observed.rows == observed.columns, observed.rows > 1,
           close(observed.scalars, expected.transposed.scalars) {
            return Explanation(text: "It equals the transpose of the expected matrix: check the order of the factors of the product that makes it, and which index runs along the rows.", claim: .fact)
        }
        let wrong = observed.scalars.indices.filter { !tolerance.accepts(observed.scalars[$0], expected.scalars[$0]) }
        if observed.scalars.count > 1 && wrong.count < observed.scalars.count {
            let places = wrong.prefix(6).map { observed.indexText($0) }.joined(separator: ", ")
            return Explanation(text: "The wrong entries are \(places)\(wrong.count > 6 ? ", …" : ""); the others are right.", claim: .fact)
        }
        return nil
    }

    /// Returns the one ratio c with observed = c · expected in every entry, within the
    /// tolerance, when there is one that is neither 1 nor rounding noise and some entry of the
    /// expected result is clearly not 0; otherwise nil.
    static func ratio(observed: Numbers, expected: Numbers, tolerance: Tolerance) -> Double? {
        guard observed.sameShape(as: expected),
              observed.scalars.allSatisfy(\.isFinite), expected.scalars.allSatisfy(\.isFinite) else { return nil }
        let e2 = expected.scalars.map { $0 * $0 }.reduce(0, +)
        guard e2 > 0 else { return nil }
        let c = zip(observed.scalars, expected.scalars).map { $0 * $1 }.reduce(0, +) / e2
        let significant = zip(observed.scalars, expected.scalars).filter { abs($0) > 100 * tolerance.absolute && abs($1) > 100 * tolerance.absolute }
        guard !significant.isEmpty, abs(c - 1) > 1e-3, abs(c) > 1e-6 else { return nil }
        return zip(observed.scalars, expected.scalars).allSatisfy({ tolerance.accepts($0, c * $1) }) ? c : nil
    }

    /// Returns a factor in words: "twice", "half", "−3 times".
    static func factorText(_ c: Double) -> String {
        for (value, text) in [(2.0, "twice"), (0.5, "half"), (-2, "−2 times"), (-0.5, "−½ times")] where abs(c - value) < 1e-6 {
            return text
        }
        return formatNumber(c, digits: 6) + " times"
    }
}

/// Returns the known wrong counts that differ from the right answer, those with the same value
/// merged into one that names them all: a count alone cannot tell them apart.
func distinctMistakes(_ mistakes: [(String, Int)], unless expected: Int) -> [(String, Int)] {
    var merged: [(String, Int)] = []
    for (explanation, value) in mistakes where value != expected {
        if let i = merged.firstIndex(where: { $0.1 == value }) {
            merged[i].0 += " Or: " + explanation
        } else {
            merged.append((explanation, value))
        }
    }
    return merged
}
