import CourseKit

// Section 6 of the lesson: the sigmoid perceptron, g = σ(θ·x + b), is the model of logistic
// regression. Seed 002 trains it with the squared error (g − y)² and finds
//
//     Δθᵢ = 2(g − y) g(1 − g) xᵢ        Δb = 2(g − y) g(1 − g)
//
// With C sigmoid units side by side (W ∈ ℝ^{C×D}) the same computation is a column vector δ.

/// Returns the squared error of one sigmoid unit on one point (seed 002).
/// ```
/// g = σ(θ·x + b)        J = (g − y)²
/// ```
public func sigmoidUnitLoss(weights: [Double], bias: Double, x: [Double], target y: Double) -> Double {
    let g = sigmoid(preactivation(weights: weights, bias: bias, x: x))
    return (g - y) * (g - y)
}

/// Returns seed 002's gradient of `sigmoidUnitLoss`, one coordinate at a time.
/// ```
/// Δθᵢ = 2(g − y) g(1 − g) xᵢ        Δb = 2(g − y) g(1 − g)
/// ```
public func sigmoidUnitGradient(weights: [Double], bias: Double, x: [Double],
                                target y: Double) -> (weights: [Double], bias: Double) {
    let g = sigmoid(preactivation(weights: weights, bias: bias, x: x))
    let δ = 2 * (g - y) * g * (1 - g)
    return (x.map { δ * $0 }, δ)
}

/// Returns the binary cross-entropy of one sigmoid unit on one point, the loss that makes it
/// logistic regression (targets 0 or 1).
/// ```
/// g = σ(θ·x + b)        J = −[y log g + (1 − y) log(1 − g)]
/// ```
public func logisticLoss(weights: [Double], bias: Double, x: [Double], target y: Double) -> Double {
    binaryCrossEntropy(sigmoid(preactivation(weights: weights, bias: bias, x: x)), y)
}

/// Returns the gradient of `logisticLoss`: the factor g(1 − g) of the sigmoid cancels.
/// ```
/// ∂J/∂θᵢ = (g − y) xᵢ        ∂J/∂b = g − y
/// ```
public func logisticGradient(weights: [Double], bias: Double, x: [Double],
                             target y: Double) -> (weights: [Double], bias: Double) {
    let g = sigmoid(preactivation(weights: weights, bias: bias, x: x))
    return (x.map { (g - y) * $0 }, g - y)
}

/// Returns the squared error of a layer of C sigmoid units on one input.
/// ```
/// g = σ(W x + b)        L = Σ_c (g_c − t_c)²
/// W ∈ ℝ^{C×D},  x ∈ ℝ^{D×1},  b, g, t ∈ ℝ^{C×1}
/// ```
/// The sigmoid is CourseKit's, which never overflows: a score of 800 gives g = 1, not NaN.
public func sigmoidLayerLoss(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> Double {
    let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
    precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
    return (g - target).map { $0 * $0 }.sum()
}

/// Returns the gradient of `sigmoidLayerLoss` with respect to W (C×D) and b (C×1).
/// ```
/// δ = ∂L/∂b = 2(g − t) ⊙ g ⊙ (1 − g)        (C×1)
/// ∂L/∂W = δ xᵀ                                (C×D)
/// ```
/// With C = 1 the entries are seed 002's `Δθᵢ = 2(g − y) g(1 − g) xᵢ` and `Δb`.
public func sigmoidLayerGradient(weights: Matrix, bias: Matrix, x: Matrix,
                                 target: Matrix) -> (weights: Matrix, bias: Matrix) {
    let g = sigmoidLayerOutput(weights: weights, bias: bias, x: x)
    precondition(target.shape == g.shape, "the target must be \(g.rows)×1, not \(target.rows)×\(target.columns)")
    let δ = 2 * (g - target) .* g .* g.map { 1 - $0 }
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
