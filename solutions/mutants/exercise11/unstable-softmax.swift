// Mistake: The softmax exponentiates the raw scores without subtracting their maximum, so scores above about 709 overflow to ∞ and the weights become NaN.
// Diagnosis: Subtract the column maximum
// Exercise 11 — Self-attention, forward pass
//
// Read lessons/lesson6-self-attention.md, sections 1 and 2 (queries, keys, values and the
// attention matrix), 5 (scaled dot products) and 6 (a softmax that stays finite).
//
// The N inputs x₁ … x_N ∈ R^D are the columns of X ∈ R^{D×N}. Each input makes a value, a
// query and a key:
//
//     vₘ = β_v + Ω_v xₘ        qₙ = β_q + Ω_q xₙ        kₘ = β_k + Ω_k xₘ
//
// Output n attends to input m with the weight
//
//     a[xₘ, xₙ] = softmaxₘ(kₘᵀ qₙ) = exp(kₘᵀ qₙ) / Σ_{m′} exp(k_{m′}ᵀ qₙ)
//
// (with `scaled`, every score kₘᵀ qₙ is first divided by √D_q, Vaswani et al. 2017), and
//
//     saₙ = Σₘ a[xₘ, xₙ] vₘ
//
// Conventions:
// - Ω_q and Ω_k are D_q×D, Ω_v is D_v×D; β_q, β_k are D_q×1 and β_v is D_v×1 (columns).
//   D_q and D_v need not equal D: the lesson's 3D² + 3D case is D_q = D_v = D.
// - Return the outputs Sa (D_v×N, column n = saₙ) and the attention matrix A (N×N) with
//   A[m, n] = a[xₘ, xₙ]: every COLUMN of A sums to one.
// - Scores can be in the thousands: your softmax must not return NaN or ∞.

import CourseKit

/// Returns the outputs (D_v×N) and the attention matrix (N×N, columns summing to one).
func selfAttention(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                   valueWeights: Matrix, valueBias: Matrix, scaled: Bool) -> (output: Matrix, attention: Matrix) {
    let values = affine(valueWeights, valueBias, x)
    let queries = affine(queryWeights, queryBias, x)
    let keys = affine(keyWeights, keyBias, x)
    let n = x.columns
    let factor = scaled ? 1 / Double(queries.rows).squareRoot() : 1
    var scores = Matrix(rows: n, columns: n)
    for m in 0..<n {
        for column in 0..<n {
            var dot = 0.0
            for d in 0..<keys.rows { dot += keys[d, m] * queries[d, column] }
            scores[m, column] = dot * factor
        }
    }
    var attention = Matrix(rows: n, columns: n)
    for column in 0..<n {
        let exponentials = scores.column(column).map { exp($0) }
        let total = exponentials.reduce(0, +)
        for m in 0..<n { attention[m, column] = exponentials[m] / total }
    }
    return (values * attention, attention)
}

/// Returns β𝟙ᵀ + Ω X: the bias added to every column of Ω X.
private func affine(_ weights: Matrix, _ bias: Matrix, _ x: Matrix) -> Matrix {
    let product = weights * x
    return Matrix(rows: product.rows, columns: product.columns) { i, j in product[i, j] + bias[i, 0] }
}
