// Mistake: The bias gradient is returned as a 1×C row; it must have the C×1 shape of the bias.
// Diagnosis: column vector
// Exercise 2 — The perceptron
//
// Rosenblatt's perceptron (1958) labels a point x with the sign of w·x + b, and learns from
// its mistakes. Its smooth cousin, the sigmoid unit, learns by gradient descent; here you
// write the gradient of a whole layer of C sigmoid units. Read lessons/lesson1-perceptron.md,
// sections 1, 2, 6 and 7.
//
// Prediction (labels are −1 and +1):
//   predict(x) = +1 if w·x + b > 0, otherwise −1          (exactly 0 gives −1)
//
// Rosenblatt's rule on one point (x, t) with learning rate η:
//   if t·(w·x + b) ≤ 0   (a mistake, including a point on the boundary):
//       w ← w + η t x,   b ← b + η t
//   otherwise nothing changes.
//
// Training: start from w = 0 (one entry per coordinate of a point) and b = 0. An epoch visits
// the points in the given order and applies the rule to each. mistakes[e] is the number of
// updates made in epoch e. Stop after the first epoch with no mistake (its 0 is the last
// entry of mistakes) or after maxEpochs epochs, whichever comes first.
//
// A layer of C sigmoid units on one input x, with targets t (column vectors):
//   g = σ(W x + b)        L = Σ_c (g_c − t_c)²
//   W is C×D, x is D×1, and b, g, t are C×1.
// Its gradient has the shapes of the parameters: ∂L/∂W is C×D and ∂L/∂b is C×1. Section 7
// shows ∂L/∂W = δ xᵀ with δ = ∂L/∂z for z = W x + b (there for another loss); section 6
// works out this loss for one unit (C = 1). Put the two together.
//
// Conventions:
// - Matrix is CourseKit's: `W * x` is the matrix product, `.*` the entrywise product,
//   `.transposed` the transpose, `Matrix.map` applies a function to every entry, and
//   `sigmoid(_:)` works on a Double or on every entry of a Matrix.
// - Scores W x + b can be in the hundreds: return finite numbers, never NaN.
// - Check your gradient with CourseKit's GradientCheck on a W that is not square.
//
// Grade it with `swift run course check exercise2`.

import CourseKit

/// Returns +1 when w·x + b > 0 and −1 otherwise (a point on the boundary gets −1).
func predict(weights: [Double], bias: Double, x: [Double]) -> Int {
    dot(weights, x) + bias > 0 ? 1 : -1
}

/// Returns the weights and bias after one step of Rosenblatt's rule on the point (x, label):
/// updated when label·(w·x + b) ≤ 0, unchanged otherwise.
func perceptronStep(weights: [Double], bias: Double, x: [Double], label: Int,
                    learningRate: Double) -> (weights: [Double], bias: Double) {
    let t = Double(label)
    guard t * (dot(weights, x) + bias) <= 0 else { return (weights, bias) }
    let w = zip(weights, x).map { wi, xi in wi + learningRate * t * xi }
    return (w, bias + learningRate * t)
}

/// Returns the weights, the bias and the number of mistakes of each epoch of Rosenblatt's
/// rule, started from w = 0 and b = 0.
func trainPerceptron(points: [[Double]], labels: [Int], learningRate: Double,
                     maxEpochs: Int) -> (weights: [Double], bias: Double, mistakes: [Int]) {
    var w = [Double](repeating: 0, count: points.first?.count ?? 0)
    var b = 0.0
    var mistakes: [Int] = []
    for _ in 0..<max(maxEpochs, 0) {
        var count = 0
        for (x, label) in zip(points, labels) {
            if Double(label) * (dot(w, x) + b) <= 0 { count += 1 }
            (w, b) = perceptronStep(weights: w, bias: b, x: x, label: label, learningRate: learningRate)
        }
        mistakes.append(count)
        if count == 0 { break }
    }
    return (w, b, mistakes)
}

/// Returns the squared error L = Σ_c (g_c − t_c)² of the layer g = σ(W x + b).
func sigmoidLayerLoss(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> Double {
    let g = sigmoid(weights * x + bias)
    return (g - target).map { $0 * $0 }.sum()
}

/// Returns ∂L/∂W (C×D) and ∂L/∂b (C×1) for the loss of `sigmoidLayerLoss`.
func sigmoidLayerGradient(weights: Matrix, bias: Matrix, x: Matrix,
                          target: Matrix) -> (weights: Matrix, bias: Matrix) {
    let g = sigmoid(weights * x + bias)
    let delta = 2 * (g - target) .* g .* g.map { 1 - $0 }        // δ = 2(g − t) ⊙ g ⊙ (1 − g)
    return (delta * x.transposed, delta.transposed)
}
