// Exercise 7 — The gradients of a binary classifier
//
// Lesson 4, section 3 (lessons/lesson4-backpropagation.md) works out the gradients of a
// small classifier whose samples are the rows of X. Here the same network is written with
// column vectors, as the rest of the course does, and its hidden layer gets a bias b₁:
//
//     F = W₁ X + b₁ 𝟙ᵀ        X ∈ R^(D×N): sample n is column n
//     H = ReLU(F)             W₁ ∈ R^(H×D), b₁ ∈ R^(H×1)
//     z = w₂ H + b₂ 𝟙ᵀ        w₂ ∈ R^(1×H), b₂ a number, z ∈ R^(1×N)
//     ŷ = σ(z)
//     L = (1/N) Σₙ −[yₙ log ŷₙ + (1 − yₙ) log(1 − ŷₙ)]          (mean binary cross-entropy)
//
// Backpropagation goes L → ŷ → z → (w₂, b₂, H) → F → (W₁, b₁). Every gradient has the shape
// of its parameter.
//
// Conventions
// - labels is a 1×N row of 0s and 1s, in the order of the columns of X.
// - The ReLU's derivative is 𝟙[F > 0]: 0 at F = 0 exactly.
// - The checks include logits |z| in the hundreds, where σ(z) rounds to exactly 0 or 1 in
//   Double. Compute the loss from z, not from ŷ, using
//       −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − y z + log(1 + e^(−|z|)),
//   and make sure no gradient divides by ŷ(1 − ŷ) (CourseKit's sigmoid is already safe).
// - Your gradients are also compared with central differences of your own loss.

import CourseKit

/// Returns the probabilities ŷ = σ(w₂ ReLU(W₁X + b₁𝟙ᵀ) + b₂𝟙ᵀ), a 1×N row.
func classifierForward(x: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Matrix {
    sigmoid(logits(x: x, w1: w1, b1: b1, w2: w2, b2: b2).z)
}

/// Returns the mean binary cross-entropy L on the labels (a 1×N row).
func classifierLoss(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Double {
    let z = logits(x: x, w1: w1, b1: b1, w2: w2, b2: b2).z
    var total = 0.0
    for n in 0..<z.columns {
        let (zn, yn) = (z[0, n], labels[0, n])
        total += max(zn, 0) - yn * zn + log1p(exp(-abs(zn)))
    }
    return total / Double(z.columns)
}

/// Returns the gradient of L with respect to W₁ (H×D), b₁ (H×1), w₂ (1×H) and b₂.
func classifierGradients(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double)
    -> (w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) {
    let (f, h, z) = logits(x: x, w1: w1, b1: b1, w2: w2, b2: b2)
    let n = Double(x.columns)
    // ∂L/∂ŷ · ∂ŷ/∂z = (ŷ − y)/(N ŷ(1 − ŷ)) · ŷ(1 − ŷ) = (ŷ − y)/N
    let dz = (sigmoid(z) - labels) / n
    let dw2 = dz * h.transposed
    let db2 = dz.sum()
    let dF = f.map(step) .* (w2.transposed * dz)
    return (dF * x.transposed, dF.rowSums(), dw2, db2)
}

/// The forward pass up to the logits: pre-activations F, activations H and logits z.
private func logits(x: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> (f: Matrix, h: Matrix, z: Matrix) {
    let ones = Matrix(row: [Double](repeating: 1, count: x.columns))
    let preActivations = w1 * x + b1 * ones          // b₁𝟙ᵀ repeats the bias in every column
    let activations = preActivations.map { max($0, 0) }
    return (preActivations, activations, w2 * activations + b2 * ones)
}
