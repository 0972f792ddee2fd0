import CourseKit

/// Returns the attention weights: the softmax of every column of the scores, so that column n
/// holds a[x₁, xₙ] … a[x_N, xₙ], non-negative and summing to one.
/// ```
///                   exp(S[m, n] − μₙ)
///   A[m, n] = ──────────────────────────        μₙ = max_m S[m, n]
///             Σ_{m′} exp(S[m′, n] − μₙ)
/// ```
/// Subtracting the column's maximum changes nothing mathematically (it cancels) but keeps
/// every exponent ≤ 0, so scores in the thousands give no overflow.
public func attentionWeights(scores: Matrix) -> Matrix {
    softmaxColumns(scores)
}

/// Returns the softmax straight from its definition, without subtracting the maximum: it
/// overflows to ∞/∞ = NaN as soon as a score exceeds about 709 (e⁷¹⁰ > the largest Double).
public func unshiftedSoftmax(_ z: [Double]) -> [Double] {
    let e = z.map { exp($0) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}

/// Returns ∂L/∂S through the column softmax, given the attention A and `upstream` = ∂L/∂A.
/// ```
///   ∂L/∂S[m, n] = A[m, n] · (∂L/∂A[m, n] − Σ_{m′} A[m′, n] ∂L/∂A[m′, n])
/// ```
/// This is the softmax Jacobian `diag(a) − a aᵀ` applied to each column: the subtracted sum
/// is the term a softmax has and an elementwise activation does not.
public func attentionWeightsGradient(attention a: Matrix, upstream g: Matrix) -> Matrix {
    precondition(a.rows == g.rows && a.columns == g.columns, "the upstream gradient must have A's shape")
    var result = Matrix(rows: a.rows, columns: a.columns)
    for n in 0..<a.columns {
        let weighted = (0..<a.rows).reduce(0) { $0 + a[$1, n] * g[$1, n] }
        for m in 0..<a.rows { result[m, n] = a[m, n] * (g[m, n] - weighted) }
    }
    return result
}
