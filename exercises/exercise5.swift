// Exercise 5 — The XOR network
//
// Read lessons/lesson3-xor.md, sections 3 to 7 (`swift run course run lesson3` shows the same
// networks live).
//
// Part 1. Goodfellow et al.'s network, with the inputs as COLUMNS (the lesson prints the rows
// form XW + c of the lecture; here it is the column form):
//
//     f(x) = wᵀ max{0, Wᵀx + c} + b        W ∈ R^{2×D},  c ∈ R^{D×1},  w ∈ R^{D×1},  b ∈ R
//
//   Column d of W holds the two input weights of hidden unit d. `inputs` is 2×N (one input
//   per column); return the 1×N row of outputs.
//
// Part 2. A weight set of your own, with D = 2 hidden units, for which f computes XOR on
//   (0,0), (0,1), (1,0), (1,1): f(x) > 0.5 exactly for (0,1) and (1,0). Any correct set passes;
//   it is evaluated with the course's own forward pass.
//
// Part 3. Training the 2-layer sigmoid network of Basili and Croce's Keras example,
//
//     h = σ(W x + b)        W ∈ R^{D×2} (row d feeds unit d),  b ∈ R^{D×1}
//     ŷ = σ(W′h + c)        W′ ∈ R^{1×D},  c ∈ R,              σ(z) = 1/(1 + e^(−z))
//
//   by plain gradient descent on the MEAN CROSS-ENTROPY over the N columns of `inputs`
//   (the lesson uses the squared error; this is the variant):
//
//     L = −(1/N) Σ_n [y_n log ŷ_n + (1 − y_n) log(1 − ŷ_n)]
//
//   For this loss and a sigmoid output, ∂L/∂z₂ = (ŷ_n − y_n)/N for input n, where
//   z₂ = W′h + c; the rest of the backward pass is the one of lesson 3, section 6.
//   One step: compute ∂L/∂W, ∂L/∂b, ∂L/∂W′, ∂L/∂c over the whole batch at the current
//   parameters, then update all four at once, θ ← θ − η ∂L/∂θ. Return the parameters after
//   `steps` steps (`steps` = 0 returns the start).
//
// CourseKit has `Matrix`, `sigmoid(_:)`, `relu(_:)`, `.transposed`, `*`, `.*`,
// `addingToEachColumn(_:)`, `rowSums()`, `sum()`.

import CourseKit

/// Returns the 1×N outputs f(x) = wᵀ max{0, Wᵀx + c} + b for the N columns of `inputs`.
func xorNetwork(inputs: Matrix, weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double) -> Matrix {
    // TODO: compute the hidden units max{0, Wᵀx + c} for every column, then wᵀh + b.
    notImplemented()
}

/// Returns your own weights (W 2×2, c 2×1, w 2×1, b) with which `xorNetwork` computes XOR.
func xorWeights() -> (weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double) {
    // TODO: choose two hidden units and an output that give 0, 1, 1, 0 on the four inputs.
    notImplemented()
}

/// Returns W, b, W′ and c after `steps` steps of gradient descent with learning rate
/// `learningRate` on the mean cross-entropy of y = σ(W′σ(Wx + b) + c), starting from the
/// given parameters. `inputs` is 2×N and `targets` has N entries in [0, 1].
func trainSigmoidXOR(inputs: Matrix, targets: [Double], hiddenWeights: Matrix, hiddenBias: Matrix,
                     outputWeights: Matrix, outputBias: Double, learningRate: Double, steps: Int)
    -> (hiddenWeights: Matrix, hiddenBias: Matrix, outputWeights: Matrix, outputBias: Double) {
    // TODO: repeat `steps` times: forward pass, backward pass, update all four parameters.
    notImplemented()
}
