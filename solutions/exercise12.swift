// Exercise 12 — Self-attention, backward pass
//
// Read lessons/lesson6-self-attention.md, section 7 (the backward pass), after exercise 11.
//
// The forward pass, with the shapes of exercise 11 (X is D×N, Ω_q and Ω_k are D_q×D, Ω_v is
// D_v×D, the biases are columns, 𝟙 is a column of N ones):
//
//     V = β_v𝟙ᵀ + Ω_v X      Q = β_q𝟙ᵀ + Ω_q X      K = β_k𝟙ᵀ + Ω_k X
//     S = c · KᵀQ            (S[m, n] = c · kₘᵀqₙ;  c = 1/√D_q when scaled, otherwise 1)
//     A = softmax of each column of S
//     Sa = V A
//
// You are given G = ∂L/∂Sa (D_v×N) for some loss L. Go back through the four lines with the
// chain rule. The step through the softmax is, for each column n with a = A[·, n] and
// γ = ∂L/∂A[·, n]:
//
//     ∂L/∂S[m, n] = aₘ (γₘ − Σ_{m′} a_{m′} γ_{m′})
//
// X is used three times (values, queries, keys): its gradient is the sum of three terms. Each
// bias is added to all N columns: its gradient sums over the columns. Every gradient has the
// shape of what it is the gradient for.
//
// Scores can be in the thousands, as in exercise 11: no gradient may be NaN or ∞. N may be 1.
//
// Hint on checking yourself: ∂L/∂β_k is always zero (to rounding). Why?

import CourseKit

/// Returns ∂L/∂X (D×N), ∂L/∂Ω_q (D_q×D), ∂L/∂Ω_k (D_q×D) and ∂L/∂Ω_v (D_v×D), given
/// `outputGradient` = ∂L/∂Sa.
func selfAttentionGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                            valueWeights: Matrix, valueBias: Matrix, scaled: Bool,
                            outputGradient: Matrix) -> (input: Matrix, queryWeights: Matrix, keyWeights: Matrix, valueWeights: Matrix) {
    let d = backward(x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, scaled, outputGradient)
    let input = queryWeights.transposed * d.queries + keyWeights.transposed * d.keys
        + valueWeights.transposed * d.values
    let xTransposed = x.transposed
    return (input, d.queries * xTransposed, d.keys * xTransposed, d.values * xTransposed)
}

/// Returns ∂L/∂β_q (D_q×1), ∂L/∂β_k (D_q×1) and ∂L/∂β_v (D_v×1), given `outputGradient` = ∂L/∂Sa.
func selfAttentionBiasGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                                valueWeights: Matrix, valueBias: Matrix, scaled: Bool,
                                outputGradient: Matrix) -> (queryBias: Matrix, keyBias: Matrix, valueBias: Matrix) {
    let d = backward(x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, scaled, outputGradient)
    return (d.queries.rowSums(), d.keys.rowSums(), d.values.rowSums())
}

/// The gradients of the loss for the queries, keys and values (each with its matrix's shape).
private struct ProjectionGradients {
    var queries: Matrix
    var keys: Matrix
    var values: Matrix
}

/// Runs the forward pass, then the chain rule back to ∂L/∂Q, ∂L/∂K and ∂L/∂V.
private func backward(_ x: Matrix, _ queryWeights: Matrix, _ queryBias: Matrix, _ keyWeights: Matrix,
                      _ keyBias: Matrix, _ valueWeights: Matrix, _ valueBias: Matrix, _ scaled: Bool,
                      _ g: Matrix) -> ProjectionGradients {
    let values = affine(valueWeights, valueBias, x)
    let queries = affine(queryWeights, queryBias, x)
    let keys = affine(keyWeights, keyBias, x)
    let c = scaled ? 1 / Double(queries.rows).squareRoot() : 1
    let attention = columnSoftmax(keys.transposed * queries * c)

    let dValues = g * attention.transposed
    let dAttention = values.transposed * g
    var dScores = Matrix(rows: attention.rows, columns: attention.columns)
    for n in 0..<attention.columns {
        var mean = 0.0
        for m in 0..<attention.rows { mean += attention[m, n] * dAttention[m, n] }
        for m in 0..<attention.rows { dScores[m, n] = c * attention[m, n] * (dAttention[m, n] - mean) }
    }
    return ProjectionGradients(queries: keys * dScores, keys: queries * dScores.transposed, values: dValues)
}

/// Returns β𝟙ᵀ + Ω X: the bias added to every column of Ω X.
private func affine(_ weights: Matrix, _ bias: Matrix, _ x: Matrix) -> Matrix {
    let product = weights * x
    return Matrix(rows: product.rows, columns: product.columns) { i, j in product[i, j] + bias[i, 0] }
}

/// Returns the softmax of every column, each shifted by its maximum so that nothing overflows.
private func columnSoftmax(_ s: Matrix) -> Matrix {
    var result = s
    for n in 0..<s.columns {
        let largest = s.column(n).max()!
        let exponentials = s.column(n).map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        for m in 0..<s.rows { result[m, n] = exponentials[m] / total }
    }
    return result
}
