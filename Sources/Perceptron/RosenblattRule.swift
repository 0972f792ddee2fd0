import Answers
import CourseKit

// Section 2 of the lesson: Rosenblatt's learning rule (1958) for labels t ∈ {−1, +1}.
// A point is a mistake when t·(w·x + b) ≤ 0; the rule then moves the boundary towards it:
//
//     w ← w + η t x        b ← b + η t

/// Returns whether the point counts as a mistake for Rosenblatt's rule.
/// ```
/// mistake  ⇔  t·(w·x + b) ≤ 0       (a point on the boundary is a mistake)
/// ```
public func isMistake(weights: [Double], bias: Double, x: [Double], label: Int) -> Bool {
    Double(label) * preactivation(weights: weights, bias: bias, x: x) <= 0
}

/// Returns the weights and bias after one step of Rosenblatt's rule on one labelled point.
/// ```
/// if t·(w·x + b) ≤ 0:   w ← w + η t x,   b ← b + η t
/// otherwise:            unchanged
/// ```
/// This is gradient descent on the perceptron loss `L = −t(w·x + b)` of a misclassified
/// point, whose gradient is `∇_w L = −t x` and `∂L/∂b = −t`.
public func perceptronStep(weights: [Double], bias: Double, x: [Double], label: Int,
                           learningRate: Double) -> (weights: [Double], bias: Double) {
    AnswerKeys.answer("Perceptron.perceptronStep", [weights, bias, x, label, learningRate]) {
        // answer: exercise2 begin
        guard isMistake(weights: weights, bias: bias, x: x, label: label) else { return (weights, bias) }
        let t = Double(label)
        let w = zip(weights, x).map { wᵢ, xᵢ in wᵢ + learningRate * t * xᵢ }
        let b = bias + learningRate * t
        return (w, b)
        // answer: exercise2 end
    }
}

/// Returns the weights, the bias and the mistakes of each epoch of Rosenblatt's rule,
/// started from `w = 0`, `b = 0`.
///
/// Each epoch visits the points in the given order and applies `perceptronStep`;
/// `mistakes[e]` counts the updates made in epoch e. Training stops after the first epoch
/// without a mistake (so a final 0 means the data are separated) or after `maxEpochs`.
/// - Complexity: O(maxEpochs × N × D) for N points of D entries.
public func trainPerceptron(points: [[Double]], labels: [Int], learningRate: Double,
                            maxEpochs: Int) -> (weights: [Double], bias: Double, mistakes: [Int]) {
    AnswerKeys.answer("Perceptron.trainPerceptron", [points, labels, learningRate, maxEpochs]) {
        // answer: exercise2 begin
        precondition(points.count == labels.count, "\(points.count) points but \(labels.count) labels")
        var w = [Double](repeating: 0, count: points.first?.count ?? 0)
        var b = 0.0
        var mistakes: [Int] = []
        for _ in 0..<max(maxEpochs, 0) {
            var count = 0
            for (x, t) in zip(points, labels) {
                if isMistake(weights: w, bias: b, x: x, label: t) { count += 1 }
                (w, b) = perceptronStep(weights: w, bias: b, x: x, label: t, learningRate: learningRate)
            }
            mistakes.append(count)
            if count == 0 { break }
        }
        return (w, b, mistakes)
        // answer: exercise2 end
    }
}

/// Returns how many points `predict` labels correctly.
public func correctCount(weights: [Double], bias: Double, points: [[Double]], labels: [Int]) -> Int {
    zip(points, labels).filter { x, t in predict(weights: weights, bias: bias, x: x) == t }.count
}

/// Returns how many points lie strictly on their own side of the line, t(w·x + b) > 0: the
/// points on which Rosenblatt's rule makes no update. A point on the line (z = 0) does not
/// count, as the rule counts it as a mistake, though `predict` labels it −1.
public func strictlyCorrectCount(weights: [Double], bias: Double, points: [[Double]], labels: [Int]) -> Int {
    zip(points, labels).filter { x, t in Double(t) * preactivation(weights: weights, bias: bias, x: x) > 0 }.count
}

/// Returns how many points are strictly on their own side (`strictlyCorrectCount`) after each
/// step of Rosenblatt's rule, replaying the training of `trainPerceptron` for exactly
/// `epochs` epochs.
///
/// Entry `e × N + i` is the count after the step on point i of epoch e (N points), so the
/// entries `N − 1, 2N − 1, …` are the counts at the end of each epoch. Unlike
/// `trainPerceptron` it does not stop after an epoch without mistakes.
/// - Complexity: O(epochs × N² × D).
public func correctCountAfterEachStep(points: [[Double]], labels: [Int], learningRate: Double,
                                      epochs: Int) -> [Int] {
    var w = [Double](repeating: 0, count: points.first?.count ?? 0)
    var b = 0.0
    var counts: [Int] = []
    for _ in 0..<max(epochs, 0) {
        for (x, t) in zip(points, labels) {
            (w, b) = perceptronStep(weights: w, bias: b, x: x, label: t, learningRate: learningRate)
            counts.append(strictlyCorrectCount(weights: w, bias: b, points: points, labels: labels))
        }
    }
    return counts
}
