import Answers
import CourseKit

// Exercise 7: the same classifier written with column vectors (the samples are the columns
// of X) and with a hidden bias b₁ added.
//
//     F = W₁ X + b₁ 𝟙ᵀ       X ∈ R^(D×N), W₁ ∈ R^(H×D), b₁ ∈ R^(H×1)
//     H = ReLU(F)
//     z = w₂ H + b₂ 𝟙ᵀ       w₂ ∈ R^(1×H), b₂ ∈ R,       z ∈ R^(1×N)
//     ŷ = σ(z)
//     L = (1/N) Σₙ BCE(ŷₙ, yₙ)

/// Returns the probabilities ŷ = σ(w₂ ReLU(W₁X + b₁𝟙ᵀ) + b₂𝟙ᵀ), a 1×N row, for the samples
/// stored as the columns of `x`.
public func classifierForward(x: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Matrix {
    AnswerKeys.answer("Backpropagation.classifierForward", [x, w1, b1, w2, b2]) {
        // answer: exercise7 begin
        sigmoid(columnClassifierPass(x: x, w1: w1, b1: b1, w2: w2, b2: b2).z)
        // answer: exercise7 end
    }
}

/// Returns the mean binary cross-entropy of the classifier on the labels (a 1×N row of 0s
/// and 1s), computed from the logits z so that it stays finite when σ(z) rounds to 0 or 1.
/// ```
/// L = (1/N) Σₙ [max(zₙ, 0) − yₙ zₙ + log(1 + e^(−|zₙ|))]
/// ```
public func classifierLoss(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Double {
    AnswerKeys.answer("Backpropagation.classifierLoss", [x, labels, w1, b1, w2, b2]) {
        // answer: exercise7 begin
        let pass = columnClassifierPass(x: x, w1: w1, b1: b1, w2: w2, b2: b2)
        return meanBinaryCrossEntropy(logits: pass.z.scalars, labels: labels.scalars)
        // answer: exercise7 end
    }
}

/// Returns the gradient of the mean binary cross-entropy with respect to W₁, b₁, w₂, b₂.
/// ```
/// δ      = ∂L/∂z = (ŷ − y) / N              (1×N)
/// ∂L/∂w₂ = δ Hᵀ                             (1×H)
/// ∂L/∂b₂ = δ 𝟙                              (a number)
/// ∂L/∂F  = 𝟙[F > 0] ⊙ (w₂ᵀ δ)                (H×N)
/// ∂L/∂W₁ = ∂L/∂F Xᵀ                         (H×D)
/// ∂L/∂b₁ = ∂L/∂F 𝟙                          (H×1)
/// ```
public func classifierGradients(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double)
    -> (w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) {
    AnswerKeys.answer("Backpropagation.classifierGradients", [x, labels, w1, b1, w2, b2]) {
        // answer: exercise7 begin
        let pass = columnClassifierPass(x: x, w1: w1, b1: b1, w2: w2, b2: b2)
        let n = Double(x.columns)
        let δ = (sigmoid(pass.z) - labels) / n
        let dF = pass.f.map(step) .* (w2.transposed * δ)
        return (dF * x.transposed, dF.rowSums(), δ * pass.h.transposed, δ.sum())
        // answer: exercise7 end
    }
}

/// The forward pass of the column-vector classifier: pre-activations F, activations H and
/// logits z.
private func columnClassifierPass(x: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double)
    -> (f: Matrix, h: Matrix, z: Matrix) {
    precondition(w1.columns == x.rows, "W₁ must have one column per input feature (a row of X)")
    precondition(b1.columns == 1 && b1.rows == w1.rows, "b₁ must be a column with one entry per hidden unit")
    precondition(w2.rows == 1 && w2.columns == w1.rows, "w₂ must be a row with one entry per hidden unit")
    let f = (w1 * x).addingToEachColumn(b1)
    let h = relu(f)
    let z = (w2 * h).map { $0 + b2 }
    return (f, h, z)
}
