import CourseKit

/// Returns the scores with the causal mask applied: every later input m > n gets −∞, so that
/// output n can attend to inputs 1 … n only (itself included).
/// ```
///   S̃[m, n] = S[m, n]   for m ≤ n          S̃[m, n] = −∞   for m > n
/// ```
/// −∞, not a large negative number: exp(−∞ − max) is exactly 0 whatever the other scores,
/// while a mask of −10⁹ gets the weight as soon as the real scores are below −10⁹.
public func causallyMasked(_ scores: Matrix, fill: Double = -.infinity) -> Matrix {
    Matrix(rows: scores.rows, columns: scores.columns) { m, n in m > n ? fill : scores[m, n] }
}

/// Returns the number of parameters of a multi-head self-attention block on inputs of size
/// D, whatever the number of heads: Ω_q, Ω_k, Ω_v, Ω_o (D×D each) and four biases of D.
/// ```
///   4D² + 4D
/// ```
public func multiHeadParameterCount(dimension D: Int) -> Int {
    4 * D * D + 4 * D
}
