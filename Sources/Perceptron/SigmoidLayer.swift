import Answers
import CourseKit

// Section 7 of the lesson: C sigmoid units side by side share the input x, with weights
// W ∈ ℝ^{C×D}. Each unit answers its own yes/no question, and the gradient of any loss
// L(g) with respect to the parameters has the same form:
//
//     z = W x + b      g = σ(z)      δ = ∂L/∂z  (C×1)      ∂L/∂W = δ xᵀ  (C×D)      ∂L/∂b = δ

/// Returns the squared error of a layer of C sigmoid units on one input.
/// ```
/// g = σ(W x + b)        L = Σ_c (g_c − t_c)²
/// W ∈ ℝ^{C×D},  x ∈ ℝ^{D×1},  b, g, t ∈ ℝ^{C×1}
/// ```
/// The sigmoid is CourseKit's, which never overflows: a score of 800 gives g = 1, not NaN.
public func sigmoidLayerLoss(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> Double {
    AnswerKeys.answer("Perceptron.sigmoidLayerLoss", [weights, bias, x, target]) {
        // answer: exercise2 begin
        let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
        precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
        return (g - target).map { $0 * $0 }.sum()
        // answer: exercise2 end
    }
}

/// Returns the gradient of `sigmoidLayerLoss` with respect to W (C×D) and b (C×1).
/// ```
/// δ = ∂L/∂b = 2(g − t) ⊙ g ⊙ (1 − g)        (C×1)
/// ∂L/∂W = δ xᵀ                                (C×D)
/// ```
/// With C = 1 the entries are section 6's `Δθᵢ = 2(g − y) g(1 − g) xᵢ` and `Δb`.
public func sigmoidLayerGradient(weights: Matrix, bias: Matrix, x: Matrix,
                                 target: Matrix) -> (weights: Matrix, bias: Matrix) {
    AnswerKeys.answer("Perceptron.sigmoidLayerGradient", [weights, bias, x, target]) {
        // answer: exercise2 begin
        let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
        precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
        let δ = 2 * (g - target) .* g .* g.map { 1 - $0 }
        return (δ * x.transposed, δ)
        // answer: exercise2 end
    }
}

/// Returns the cross-entropy of a layer of C sigmoid units, one yes/no question per unit
/// (targets 0 or 1).
/// ```
/// g = σ(W x + b)        L = −Σ_c [t_c log g_c + (1 − t_c) log(1 − g_c)]
/// ```
public func sigmoidLayerCrossEntropy(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> Double {
    let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
    precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
    return zip(g.scalars, target.scalars).map(binaryCrossEntropy).reduce(0, +)
}

/// Returns the gradient of `sigmoidLayerCrossEntropy` with respect to W (C×D) and b (C×1).
/// ```
/// δ = ∂L/∂b = g − t        ∂L/∂W = δ xᵀ
/// ```
public func sigmoidLayerCrossEntropyGradient(weights: Matrix, bias: Matrix, x: Matrix,
                                             target: Matrix) -> (weights: Matrix, bias: Matrix) {
    let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
    precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
    let δ = g - target
    return (δ * x.transposed, δ)
}

/// Returns the outputs `σ(W x + b)` of a layer of sigmoid units.
func sigmoidLayerOutput(weights: Matrix, bias: Matrix, x: Matrix) -> Matrix {
    precondition(x.columns == 1 && x.rows == weights.columns,
                 "x must be a \(weights.columns)×1 column, not \(x.rows)×\(x.columns)")
    precondition(bias.columns == 1 && bias.rows == weights.rows,
                 "the bias must be a \(weights.rows)×1 column, not \(bias.rows)×\(bias.columns)")
    return sigmoid(weights * x + bias)
}
