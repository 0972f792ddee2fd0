import CourseKit

// Section 6 of the lesson: the sigmoid perceptron, g = σ(θ·x + b), is the model of logistic
// regression. Trained with the squared error (g − y)², the chain rule gives
//
//     Δθᵢ = 2(g − y) g(1 − g) xᵢ        Δb = 2(g − y) g(1 − g)
//
// Logistic regression proper minimises the cross-entropy, whose gradient is simpler.

/// Returns the squared error of one sigmoid unit on one point.
/// ```
/// g = σ(θ·x + b)        J = (g − y)²
/// ```
public func sigmoidUnitLoss(weights: [Double], bias: Double, x: [Double], target y: Double) -> Double {
    let g = sigmoid(preactivation(weights: weights, bias: bias, x: x))
    return (g - y) * (g - y)
}

/// Returns the gradient of `sigmoidUnitLoss`, one coordinate at a time.
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
