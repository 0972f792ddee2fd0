// Exercise 15 — Multi-head self-attention with a causal mask
//
// Read lessons/lesson6-self-attention.md, section 8 (several heads, and a mask that hides the
// future), after sections 1, 2, 5 and 6, which exercise 11 used.
//
// The N inputs x_0 … x_{N−1} ∈ R^D are the columns of X ∈ R^{D×N}. Queries, keys and values
// are made for all heads at once, each D×N:
//
//     Q = β_q𝟙ᵀ + Ω_q X        K = β_k𝟙ᵀ + Ω_k X        V = β_v𝟙ᵀ + Ω_v X
//
// With H heads, each head has d = D/H rows: head h uses rows h·d … h·d + d − 1 of Q, K and
// V (Q_h, K_h, V_h, each d×N) and is exercise 11's scaled attention on them:
//
//     S_h[m, n] = k_mᵀ q_n / √d            (k_m, q_n: column m of K_h, column n of Q_h)
//     causal: S_h[m, n] = −∞ for every later input m > n, BEFORE the softmax
//     A_h[·, n] = softmax of column n of S_h          O_h = V_h A_h        (d×N)
//
// The heads' outputs are stacked in order, head 0 on top, and projected:
//
//     output = β_o𝟙ᵀ + Ω_o [O_0; O_1; …; O_{H−1}]                          (D×N)
//
// Conventions:
// - Ω_q, Ω_k, Ω_v and Ω_o are D×D; β_q, β_k, β_v and β_o are D×1 (columns).
// - `heads` divides D: the grader never calls this function with a D that H does not divide.
// - Return the output (D×N) and the list of the H attention matrices, attention[h] = A_h
//   (N×N, A_h[m, n] = the weight output n gives to input m): every COLUMN sums to one.
// - With `causal`, output n attends to inputs 0 … n only, itself included: A_h[m, n] must be
//   exactly 0 for m > n, and output n must not change when a later input changes. No column
//   is ever fully masked, since the diagonal m = n always stays. Use −∞ (-Double.infinity)
//   for the masked scores, not a large negative number.
// - Scores can be in the billions, positive or negative: no NaN or ∞ in the result.

import CourseKit

/// Returns the output (D×N) and each head's attention matrix (N×N, columns summing to one).
func multiHeadAttention(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                        valueWeights: Matrix, valueBias: Matrix, outputWeights: Matrix, outputBias: Matrix,
                        heads: Int, causal: Bool) -> (output: Matrix, attention: [Matrix]) {
    // TODO: Q, K, V; for each head its block of d = D/H rows, the scaled scores, the mask,
    // a stable softmax down each column and V_h A_h; then stack the heads and project.
    notImplemented()
}
