// Mistake: ∂J/∂f_K is 2(f_K − y)/N, the derivative of the squared error without the ½ that the cost J has, so the error part of every gradient is doubled.
// Diagnosis: without a factor 2
// Exercise 8 — Backpropagation through K ReLU layers, with weight decay, and one SGD step
//
// Lesson 4, section 5 (lessons/lesson4-backpropagation.md) backpropagates through a deep
// ReLU network for the summed squared error; section 4 adds weight decay and averages over
// the batch. This exercise puts the two together for a network of any depth and width:
//
//     h₀ = x
//     fₖ = βₖ + Ωₖ hₖ            k = 0, …, K        (Ωₖ = weights[k], βₖ = biases[k])
//     hₖ₊₁ = ReLU(fₖ)            k = 0, …, K − 1    (the last layer f_K has no ReLU)
//
//     J = (1/N) Σₙ ½ |f_K(xₙ) − yₙ|²  +  (λ/2) Σₖ Σᵢⱼ (Ωₖ)ᵢⱼ²
//
// The backward pass starts from ∂J/∂f_K and alternates two moves: multiply by a transposed
// weight matrix, then keep only the entries whose pre-activation was positive. The weight
// decay adds λΩₖ to each weight gradient.
//
// Conventions
// - Column vectors: x is D₀×N and y is D_out×N, sample n in column n.
// - weights[k] is D₍ₖ₊₁₎×Dₖ, biases[k] is D₍ₖ₊₁₎×1; there are K + 1 of each (K ≥ 0 hidden
//   layers). The checks use several depths and non-square layers.
// - weightDecay is λ. Only the weights are decayed, never the biases.
// - The ReLU's derivative is 𝟙[f > 0]: 0 at f = 0 exactly.
// - Gradients have the shapes of their parameters, in the same order.
// - sgdStep takes one step of gradient descent on J for the batch it is given, with the
//   learning rate α: Ωₖ ← Ωₖ − α ∂J/∂Ωₖ and βₖ ← βₖ − α ∂J/∂βₖ.
// - Your gradients are also compared with central differences of your own cost.

import CourseKit

/// Returns the network's output f_K (D_out×N) for the samples stored as the columns of x.
func networkForward(x: Matrix, weights: [Matrix], biases: [Matrix]) -> Matrix {
    forwardPass(x: x, weights: weights, biases: biases).f.last!
}

/// Returns the cost J: half the squared error averaged over the N samples, plus weight decay.
func networkCost(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double) -> Double {
    let residual = networkForward(x: x, weights: weights, biases: biases) - y
    let error = 0.5 * (residual .* residual).sum() / Double(x.columns)
    let decay = weights.map { ($0 .* $0).sum() }.reduce(0, +)
    return error + weightDecay / 2 * decay
}

/// Returns the gradient of J with respect to every weight matrix and every bias column.
func networkGradients(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double)
    -> (weights: [Matrix], biases: [Matrix]) {
    let (f, h) = forwardPass(x: x, weights: weights, biases: biases)
    let last = weights.count - 1
    var dWeights = weights, dBiases = biases
    var df = 2 * (f[last] - y) / Double(x.columns)
    for k in stride(from: last, through: 0, by: -1) {
        dWeights[k] = df * h[k].transposed + weightDecay * weights[k] // ∂J/∂Ωₖ = ∂J/∂fₖ hₖᵀ + λΩₖ
        dBiases[k] = df.rowSums()                                  // ∂J/∂βₖ = ∂J/∂fₖ 𝟙
        if k > 0 {
            df = f[k - 1].map(step) .* (weights[k].transposed * df)  // ∂J/∂fₖ₋₁
        }
    }
    return (dWeights, dBiases)
}

/// Returns the weights and biases after one step of gradient descent on J for this batch.
func sgdStep(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], learningRate: Double,
             weightDecay: Double) -> (weights: [Matrix], biases: [Matrix]) {
    let gradient = networkGradients(x: x, y: y, weights: weights, biases: biases, weightDecay: weightDecay)
    let newWeights = zip(weights, gradient.weights).map { $0 - learningRate * $1 }
    let newBiases = zip(biases, gradient.biases).map { $0 - learningRate * $1 }
    return (newWeights, newBiases)
}

/// The forward pass, storing the pre-activations f₀, …, f_K and the inputs h₀ = x, …, h_K of
/// each layer.
private func forwardPass(x: Matrix, weights: [Matrix], biases: [Matrix]) -> (f: [Matrix], h: [Matrix]) {
    var f: [Matrix] = []
    var h = [x]
    for k in weights.indices {
        f.append((weights[k] * h[k]).addingToEachColumn(biases[k]))
        if k < weights.count - 1 { h.append(relu(f[k])) }
    }
    return (f, h)
}
