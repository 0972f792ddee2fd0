import CourseKit

/// The loss of one unit with weights w and bias b on one point x with target y.
public typealias UnitLoss = (_ weights: [Double], _ bias: Double, _ x: [Double], _ target: Double) -> Double

/// The gradient of a `UnitLoss` with respect to the weights and the bias.
public typealias UnitGradient = (_ weights: [Double], _ bias: Double, _ x: [Double], _ target: Double)
    -> (weights: [Double], bias: Double)

/// Returns the weights, the bias and the mean loss after each epoch of stochastic gradient
/// descent on one unit: every epoch visits the points in the given order and steps on each.
/// ```
/// w ← w − η ∂L/∂w        b ← b − η ∂L/∂b
/// ```
/// `losses[e]` is the mean of L over all points after epoch e; it has `epochs` entries.
/// - Complexity: O(epochs × N × D) for N points of D entries.
public func trainUnit(points: [[Double]], targets: [Double], learningRate η: Double, epochs: Int,
                      initialWeights: [Double], initialBias: Double,
                      loss: UnitLoss, gradient: UnitGradient)
    -> (weights: [Double], bias: Double, losses: [Double]) {
    precondition(points.count == targets.count, "\(points.count) points but \(targets.count) targets")
    var w = initialWeights
    var b = initialBias
    var losses: [Double] = []
    for _ in 0..<max(epochs, 0) {
        for (x, y) in zip(points, targets) {
            let step = gradient(w, b, x, y)
            w = zip(w, step.weights).map { $0 - η * $1 }
            b -= η * step.bias
        }
        let total = zip(points, targets).map { x, y in loss(w, b, x, y) }.reduce(0, +)
        losses.append(total / Double(points.count))
    }
    return (w, b, losses)
}
