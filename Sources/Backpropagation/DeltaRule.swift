import CourseKit

/// A network of sigmoid units trained by the δ-rule, as in Basili and Croce's notes: the
/// squared error of each example, averaged over the batch, plus weight decay on the weights.
///
/// ```
/// z⁽ˡ⁺¹⁾ = W⁽ˡ⁾ h⁽ˡ⁾ + b⁽ˡ⁾        h⁽ˡ⁺¹⁾ = g(z⁽ˡ⁺¹⁾)        h⁽¹⁾ = x,  g = σ
///
/// J(W, b) = (1/m) Σᵢ ½ |h_W,b(x⁽ⁱ⁾) − y⁽ⁱ⁾|²  +  (λ/2) Σₗ Σᵢⱼ (W⁽ˡ⁾ᵢⱼ)²
/// ```
/// The biases are not decayed.
public struct DeltaRuleNetwork: Sendable {
    /// The weight matrices W⁽¹⁾, W⁽²⁾, …; W⁽ˡ⁾ has one row per unit of layer l + 1.
    public var weights: [Matrix]
    /// The bias columns b⁽¹⁾, b⁽²⁾, ….
    public var biases: [Matrix]

    /// Creates the network from its parameters.
    public init(weights: [Matrix], biases: [Matrix]) {
        precondition(weights.count == biases.count && !weights.isEmpty, "one bias column per weight matrix")
        self.weights = weights
        self.biases = biases
    }

    /// Returns the activations h⁽¹⁾ = x, h⁽²⁾, …, h⁽ⁿˡ⁾ of one example, as columns.
    public func activations(_ x: [Double]) -> [Matrix] {
        var h = [Matrix(column: x)]
        for (w, b) in zip(weights, biases) {
            h.append(sigmoid(w * h.last! + b))
        }
        return h
    }

    /// Returns the error terms δ⁽²⁾, …, δ⁽ⁿˡ⁾ of one example, from the output backwards.
    ///
    /// g′ is read from the cached activations, not recomputed from z:
    /// ```
    /// g′(z⁽ˡ⁾) = g(z⁽ˡ⁾)(1 − g(z⁽ˡ⁾)) = h⁽ˡ⁾ (1 − h⁽ˡ⁾)
    ///
    /// δ⁽ⁿˡ⁾ = −(y − h⁽ⁿˡ⁾) ⊙ g′(z⁽ⁿˡ⁾)
    /// δ⁽ˡ⁾  = ((W⁽ˡ⁾)ᵀ δ⁽ˡ⁺¹⁾) ⊙ g′(z⁽ˡ⁾)          l = nₗ − 1, …, 2
    /// ```
    /// Entry l of the result belongs to layer l + 2 (the layer that `weights[l]` feeds).
    public func deltas(activations h: [Matrix], target y: [Double]) -> [Matrix] {
        func gPrime(_ h: Matrix) -> Matrix { h.map { $0 * (1 - $0) } }
        var δ = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: weights.count)
        δ[weights.count - 1] = -(Matrix(column: y) - h.last!) .* gPrime(h.last!)
        for l in stride(from: weights.count - 2, through: 0, by: -1) {
            δ[l] = (weights[l + 1].transposed * δ[l + 1]) .* gPrime(h[l + 1])
        }
        return δ
    }

    /// Returns the sums over the batch, ΔW⁽ˡ⁾ = Σᵢ δ⁽ˡ⁺¹⁾ (h⁽ˡ⁾)ᵀ and Δb⁽ˡ⁾ = Σᵢ δ⁽ˡ⁺¹⁾.
    /// - Complexity: one forward and one backward pass per example.
    public func accumulated(inputs: [[Double]], targets: [[Double]]) -> (weights: [Matrix], biases: [Matrix]) {
        var dW = weights.map { Matrix(rows: $0.rows, columns: $0.columns) }
        var dB = biases.map { Matrix(rows: $0.rows, columns: 1) }
        for (x, y) in zip(inputs, targets) {
            let h = activations(x)
            for (l, δ) in deltas(activations: h, target: y).enumerated() {
                dW[l] += δ * h[l].transposed
                dB[l] += δ
            }
        }
        return (dW, dB)
    }

    /// Returns the cost J(W, b) on a batch.
    public func cost(inputs: [[Double]], targets: [[Double]], weightDecay λ: Double) -> Double {
        let m = Double(inputs.count)
        var error = 0.0
        for (x, y) in zip(inputs, targets) {
            let residual = activations(x).last! - Matrix(column: y)
            error += 0.5 * (residual .* residual).sum()
        }
        let decay = weights.map { ($0 .* $0).sum() }.reduce(0, +)
        return error / m + λ / 2 * decay
    }

    /// Returns the gradient of J: ∂J/∂W⁽ˡ⁾ = (1/m) ΔW⁽ˡ⁾ + λ W⁽ˡ⁾ and ∂J/∂b⁽ˡ⁾ = (1/m) Δb⁽ˡ⁾.
    public func gradient(inputs: [[Double]], targets: [[Double]], weightDecay λ: Double)
        -> (weights: [Matrix], biases: [Matrix]) {
        let m = Double(inputs.count)
        let (dW, dB) = accumulated(inputs: inputs, targets: targets)
        return (zip(dW, weights).map { $0 / m + λ * $1 }, dB.map { $0 / m })
    }

    /// Returns the network after one batch update.
    /// ```
    /// W⁽ˡ⁾ ← W⁽ˡ⁾ − α [(1/m) ΔW⁽ˡ⁾ + λ W⁽ˡ⁾]        b⁽ˡ⁾ ← b⁽ˡ⁾ − α (1/m) Δb⁽ˡ⁾
    /// ```
    public func updated(inputs: [[Double]], targets: [[Double]], learningRate α: Double,
                        weightDecay λ: Double) -> DeltaRuleNetwork {
        let (gW, gB) = gradient(inputs: inputs, targets: targets, weightDecay: λ)
        return DeltaRuleNetwork(weights: zip(weights, gW).map { $0 - α * $1 },
                                biases: zip(biases, gB).map { $0 - α * $1 })
    }
}
