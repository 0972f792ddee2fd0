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
    // TODO: redo the forward pass, then go back: ∂L/∂V and ∂L/∂A, ∂L/∂S, ∂L/∂Q and ∂L/∂K, then X and the Ω.
    notImplemented()
}

/// Returns ∂L/∂β_q (D_q×1), ∂L/∂β_k (D_q×1) and ∂L/∂β_v (D_v×1), given `outputGradient` = ∂L/∂Sa.
func selfAttentionBiasGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                                valueWeights: Matrix, valueBias: Matrix, scaled: Bool,
                                outputGradient: Matrix) -> (queryBias: Matrix, keyBias: Matrix, valueBias: Matrix) {
    // TODO: the same backward pass as above, then sum ∂L/∂Q, ∂L/∂K and ∂L/∂V over their columns.
    notImplemented()
}
