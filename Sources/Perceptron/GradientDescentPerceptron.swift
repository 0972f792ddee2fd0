import CourseKit

// Section 3 of the lesson: the gradient-descent perceptron (Algorithm 1).
// The unit is linear, ŷ = w·x + b, and each point in turn pays a squared error:
//
//     L = ½ (ŷ − y)²      ∂L/∂w = (ŷ − y) x      ∂L/∂b = ŷ − y
//     w ← w − η ∂L/∂w     b ← b − η ∂L/∂b

/// Returns the squared-error loss of a linear unit on one point.
/// ```
/// ŷ = w·x + b        L = ½ (ŷ − y)²
/// ```
public func linearUnitLoss(weights: [Double], bias: Double, x: [Double], target y: Double) -> Double {
    let ŷ = preactivation(weights: weights, bias: bias, x: x)
    return 0.5 * (ŷ - y) * (ŷ - y)
}

/// Returns the gradient of `linearUnitLoss` with respect to the weights and the bias.
/// ```
/// ∂L/∂w = (ŷ − y) x        ∂L/∂b = ŷ − y
/// ```
public func linearUnitGradient(weights: [Double], bias: Double, x: [Double],
                               target y: Double) -> (weights: [Double], bias: Double) {
    let ŷ = preactivation(weights: weights, bias: bias, x: x)
    let error = ŷ - y
    return (x.map { error * $0 }, error)
}

/// Returns the weights, the bias and the mean loss of each epoch of Algorithm 1: stochastic
/// gradient descent on `L = ½(ŷ − y)²`, one point at a time, in the given order.
///
/// `losses[e]` is the mean of L over all points after epoch e; `losses` has `epochs` entries.
/// - Complexity: O(epochs × N × D).
public func trainLinearUnit(points: [[Double]], targets: [Double], learningRate: Double,
                            epochs: Int, initialWeights: [Double], initialBias: Double)
    -> (weights: [Double], bias: Double, losses: [Double]) {
    trainUnit(points: points, targets: targets, learningRate: learningRate, epochs: epochs,
              initialWeights: initialWeights, initialBias: initialBias,
              loss: linearUnitLoss, gradient: linearUnitGradient)
}
