import CourseKit

/// An activation function and its derivative, written next to each other.
public enum Activation: String, Sendable {
    /// σ(z) = 1/(1 + e^(−z)),  σ′(z) = σ(z)(1 − σ(z)).
    case sigmoid
    /// a(z) = max(0, z),  a′(z) = 1 if z > 0, else 0 (0 at the kink).
    case relu
    /// o(z) = z,  o′(z) = 1.
    case identity

    /// Returns the activation of z.
    public func callAsFunction(_ z: Double) -> Double {
        switch self {
        case .sigmoid: CourseKit.sigmoid(z)
        case .relu: CourseKit.relu(z)
        case .identity: z
        }
    }

    /// Returns the derivative at the pre-activation z, given the activation a = g(z).
    public func derivative(at z: Double, value a: Double) -> Double {
        switch self {
        case .sigmoid: a * (1 - a)
        case .relu: z > 0 ? 1 : 0
        case .identity: 1
        }
    }
}

/// A loss over a batch of N outputs.
public enum Loss: String, Sendable {
    /// L = (1/N) Σ_n (ŷ_n − y_n)², Basili and Croce's squared error, averaged.
    case squaredError
    /// L = −(1/N) Σ_n [y_n log ŷ_n + (1 − y_n) log(1 − ŷ_n)], for a sigmoid output.
    case crossEntropy
}

/// The values a forward pass keeps for the backward pass, one column per input.
public struct ForwardPass: Sendable {
    /// Z₁ = W X + b𝟙ᵀ, the hidden pre-activations.
    public var hiddenPreActivations: Matrix
    /// H = g(Z₁), the hidden representation.
    public var hidden: Matrix
    /// z₂ = W′H + c, the output pre-activations (a row).
    public var outputPreActivations: Matrix
    /// ŷ = o(z₂), the outputs (a row).
    public var outputs: Matrix
}

/// A network with one hidden layer, trained by gradient descent on the whole batch.
/// ```
/// H = g(W X + b𝟙ᵀ)        ŷ = o(W′H + c𝟙ᵀ)
/// ```
public struct TwoLayerNetwork: Sendable {
    /// The hidden activation g.
    public var hidden: Activation
    /// The output activation o.
    public var output: Activation
    /// The loss minimised.
    public var loss: Loss

    /// Creates a network; cross-entropy needs a sigmoid output.
    public init(hidden: Activation, output: Activation, loss: Loss) {
        precondition(loss == .squaredError || output == .sigmoid, "cross-entropy needs a sigmoid output")
        self.hidden = hidden
        self.output = output
        self.loss = loss
    }

    /// Basili and Croce's Keras network `y = σ(W′σ(Wx + b) + c)` with the squared error.
    public static let sigmoidSquaredError = TwoLayerNetwork(hidden: .sigmoid, output: .sigmoid, loss: .squaredError)
    /// The same network with the cross-entropy (exercise 5).
    public static let sigmoidCrossEntropy = TwoLayerNetwork(hidden: .sigmoid, output: .sigmoid, loss: .crossEntropy)
    /// Goodfellow et al.'s ReLU network with a linear output and the squared error.
    public static let reluSquaredError = TwoLayerNetwork(hidden: .relu, output: .identity, loss: .squaredError)

    /// Runs the network on the columns of `inputs` and keeps every intermediate value.
    public func forward(_ p: TwoLayerParameters, inputs: Matrix) -> ForwardPass {
        let sweep = evaluate(p.scalars, hiddenUnits: p.hiddenWeights.rows, inputs: inputs, targets: nil)
        let (d, n) = (p.hiddenWeights.rows, inputs.columns)
        return ForwardPass(hiddenPreActivations: Matrix(rows: d, columns: n, scalars: sweep.z1),
                           hidden: Matrix(rows: d, columns: n, scalars: sweep.h),
                           outputPreActivations: Matrix(row: sweep.z2), outputs: Matrix(row: sweep.outputs))
    }

    /// Returns the outputs ŷ for the columns of `inputs`.
    public func outputs(_ p: TwoLayerParameters, inputs: Matrix) -> [Double] {
        evaluate(p.scalars, hiddenUnits: p.hiddenWeights.rows, inputs: inputs, targets: nil).outputs
    }

    /// Returns the loss on the batch.
    public func loss(_ p: TwoLayerParameters, inputs: Matrix, targets: [Double]) -> Double {
        evaluate(p.scalars, hiddenUnits: p.hiddenWeights.rows, inputs: inputs, targets: targets).loss
    }

    /// Returns ∂L/∂θ for every parameter, by the backward pass.
    public func gradient(_ p: TwoLayerParameters, inputs: Matrix, targets: [Double]) -> TwoLayerParameters {
        let sweep = evaluate(p.scalars, hiddenUnits: p.hiddenWeights.rows, inputs: inputs, targets: targets)
        return TwoLayerParameters(scalars: sweep.gradient, shapedLike: p)
    }

    /// Returns the parameters after `steps` steps of gradient descent, `θ ← θ − η ∂L/∂θ` with
    /// every parameter updated from the gradient at the same point, and the loss before each step.
    /// - Complexity: O(steps · N · D · D_i).
    public func train(_ start: TwoLayerParameters, inputs: Matrix, targets: [Double], learningRate: Double,
                      steps: Int) -> (parameters: TwoLayerParameters, losses: [Double]) {
        var θ = start.scalars
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        for _ in 0..<steps {
            let sweep = evaluate(θ, hiddenUnits: start.hiddenWeights.rows, inputs: inputs, targets: targets)
            losses.append(sweep.loss)
            for k in θ.indices { θ[k] -= learningRate * sweep.gradient[k] }
        }
        return (TwoLayerParameters(scalars: θ, shapedLike: start), losses)
    }

    /// What one sweep over the batch computes: every intermediate value, one entry per unit
    /// and input (unit-major, like the rows of Z₁), then the loss and its gradient.
    struct Sweep {
        var z1: [Double], h: [Double], z2: [Double], outputs: [Double]
        var loss = 0.0
        var gradient: [Double]
    }

    /// Runs the forward pass over every input and, when targets are given, the backward pass,
    /// on the flat parameters θ = [W row by row, b, W′, c].
    /// ```
    /// forward, input n:   z₁ = W x + b,  h = g(z₁),  z₂ = W′h + c,  ŷ = o(z₂)
    /// backward:           δ₂ = ∂L/∂z₂ = (2/N)(ŷ − y) o′(z₂)    squared error
    ///                              or (1/N)(ŷ − y)              cross-entropy with σ
    ///                     ∂L/∂c += δ₂,   ∂L/∂W′ += δ₂ hᵀ
    ///                     δ₁ = (W′ᵀ δ₂) ⊙ g′(z₁)
    ///                     ∂L/∂b += δ₁,   ∂L/∂W += δ₁ xᵀ
    /// ```
    /// The cross-entropy is computed from z₂ so that it stays finite:
    /// −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) + log(1 + e^(−|z|)) − y z.
    func evaluate(_ θ: [Double], hiddenUnits d: Int, inputs: Matrix, targets: [Double]?) -> Sweep {
        let (i, n) = (inputs.rows, inputs.columns)
        precondition(θ.count == d * i + 2 * d + 1, "\(θ.count) parameters for \(d) units and \(i) inputs")
        precondition(targets.map { $0.count == n } ?? true, "\(n) inputs for \(targets?.count ?? 0) targets")
        let x = inputs.scalars
        let (b, wPrime, c) = (d * i, d * i + d, d * i + 2 * d)
        var sweep = Sweep(z1: Array(repeating: 0, count: d * n), h: Array(repeating: 0, count: d * n),
                          z2: Array(repeating: 0, count: n), outputs: Array(repeating: 0, count: n),
                          gradient: Array(repeating: 0, count: θ.count))
        let count = Double(n)
        for k in 0..<n {
            var z2 = θ[c]
            for u in 0..<d {
                var z1 = θ[b + u]
                for j in 0..<i { z1 += θ[u * i + j] * x[j * n + k] }
                sweep.z1[u * n + k] = z1
                sweep.h[u * n + k] = hidden(z1)
                z2 += θ[wPrime + u] * sweep.h[u * n + k]
            }
            let yHat = output(z2)
            sweep.z2[k] = z2
            sweep.outputs[k] = yHat
            guard let y = targets?[k] else { continue }
            let delta2: Double
            switch loss {
            case .squaredError:
                sweep.loss += (yHat - y) * (yHat - y) / count
                delta2 = 2 / count * (yHat - y) * output.derivative(at: z2, value: yHat)
            case .crossEntropy:
                sweep.loss += (max(z2, 0) + log1p(exp(-abs(z2))) - y * z2) / count
                delta2 = (yHat - y) / count
            }
            sweep.gradient[c] += delta2
            for u in 0..<d {
                let h = sweep.h[u * n + k]
                sweep.gradient[wPrime + u] += delta2 * h
                let delta1 = θ[wPrime + u] * delta2 * hidden.derivative(at: sweep.z1[u * n + k], value: h)
                sweep.gradient[b + u] += delta1
                for j in 0..<i { sweep.gradient[u * i + j] += delta1 * x[j * n + k] }
            }
        }
        return sweep
    }
}
