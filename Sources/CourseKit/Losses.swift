/// Returns the squared error `(ŷ − y)²` of one prediction.
public func squaredError(_ prediction: Double, _ target: Double) -> Double {
    (prediction - target) * (prediction - target)
}

/// Returns the mean squared error `(1/n) Σᵢ (ŷᵢ − yᵢ)²`.
public func meanSquaredError(_ predictions: [Double], _ targets: [Double]) -> Double {
    require(predictions.count == targets.count && !targets.isEmpty,
                 "mean squared error needs two non-empty arrays of the same length")
    return zip(predictions, targets).map(squaredError).reduce(0, +) / Double(targets.count)
}

/// Returns the binary cross-entropy of a probability `p` for a label `y ∈ {0, 1}`.
/// ```
/// BCE(p, y) = −[y log p + (1 − y) log(1 − p)]
/// ```
/// `p` is clamped to `[1e−12, 1 − 1e−12]` so that a confident mistake costs a large but
/// finite amount.
public func binaryCrossEntropy(_ p: Double, _ y: Double) -> Double {
    let q = min(max(p, 1e-12), 1 - 1e-12)
    return -(y * log(q) + (1 - y) * log(1 - q))
}

/// Returns the mean binary cross-entropy over a batch.
public func meanBinaryCrossEntropy(_ probabilities: [Double], _ labels: [Double]) -> Double {
    require(probabilities.count == labels.count && !labels.isEmpty,
                 "cross-entropy needs two non-empty arrays of the same length")
    return zip(probabilities, labels).map(binaryCrossEntropy).reduce(0, +) / Double(labels.count)
}

/// Returns the cross-entropy `−log softmax(z)_c` of scores `z` for the true class `c`,
/// computed from the scores so that it stays finite (log-sum-exp).
public func softmaxCrossEntropy(_ scores: [Double], trueClass c: Int) -> Double {
    require(scores.indices.contains(c), "class \(c) is not among \(scores.count) scores")
    let m = scores.max()!
    let logSum = m + log(scores.map { exp($0 - m) }.reduce(0, +))
    return logSum - scores[c]
}
