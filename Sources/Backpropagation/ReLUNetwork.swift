import CourseKit

/// A deep network with K hidden ReLU layers and a linear output, in Prince's notation (as
/// Spinelli's notes of Ansuini's course write it).
///
/// ```
/// f₀ = β₀ + Ω₀ x
/// hₖ = ReLU(fₖ₋₁)         fₖ = βₖ + Ωₖ hₖ          k = 1, …, K
/// ```
/// The output is f_K. A batch is stored as the columns of x; each column goes through the
/// network on its own, so the same formulas hold with matrices in place of vectors.
public struct ReLUNetwork: Sendable {
    /// The weights Ω₀, …, Ω_K; Ωₖ maps layer k (width Dₖ) to layer k + 1 and is D₍ₖ₊₁₎×Dₖ.
    public var weights: [Matrix]
    /// The biases β₀, …, β_K, as columns.
    public var biases: [Matrix]

    /// Creates the network from its parameters, checking that their shapes chain.
    public init(weights: [Matrix], biases: [Matrix]) {
        precondition(weights.count == biases.count && !weights.isEmpty, "one bias column per weight matrix")
        for k in weights.indices {
            precondition(biases[k].columns == 1 && biases[k].rows == weights[k].rows,
                         "β\(k) must be a column with one entry per row of Ω\(k)")
            precondition(k == 0 || weights[k].columns == weights[k - 1].rows,
                         "Ω\(k) must have one column per row of Ω\(k - 1)")
        }
        self.weights = weights
        self.biases = biases
    }

    /// Creates a network with the given widths D₀, …, D₍K+1₎, its weights drawn from
    /// N(0, 2/Dₖ) (He initialisation, which keeps ReLU activations at a steady scale) and its
    /// biases set to zero.
    public init(layerSizes: [Int], random: inout SeededGenerator) {
        precondition(layerSizes.count >= 2, "a network needs an input and an output layer")
        let pairs = Array(zip(layerSizes, layerSizes.dropFirst()))
        self.init(weights: pairs.map { d, next in
                      random.normalMatrix(rows: next, columns: d, standardDeviation: (2 / Double(d)).squareRoot())
                  },
                  biases: pairs.map { _, next in Matrix(rows: next, columns: 1) })
    }

    /// The layer widths D₀, D₁, …, D₍K+1₎.
    public var layerSizes: [Int] { [weights[0].columns] + weights.map(\.rows) }

    /// The number of parameters, weights and biases together.
    public var parameterCount: Int { zip(weights, biases).map { $0.count + $1.count }.reduce(0, +) }

    /// The quantities the forward pass stores for the backward pass.
    public struct ForwardPass: Sendable {
        /// The pre-activations f₀, …, f_K; the last is the output.
        public let f: [Matrix]
        /// The activations h₀ = x, h₁, …, h_K, each the input of the matching Ωₖ.
        public let h: [Matrix]
        /// The network's output f_K.
        public var output: Matrix { f.last! }
    }

    /// Runs the forward pass, storing every fₖ and hₖ.
    /// ```
    /// h₀ = x      fₖ = βₖ + Ωₖ hₖ      hₖ₊₁ = ReLU(fₖ)
    /// ```
    public func forward(_ x: Matrix) -> ForwardPass {
        precondition(x.rows == weights[0].columns, "x must have one row per column of Ω₀")
        var f: [Matrix] = []
        var h = [x]
        for k in weights.indices {
            f.append((weights[k] * h[k]).addingToEachColumn(biases[k]))
            if k < weights.count - 1 { h.append(relu(f[k])) }
        }
        return ForwardPass(f: f, h: h)
    }

    /// The derivatives the backward pass produces.
    public struct Gradients: Sendable {
        /// ∂ℓ/∂Ωₖ for k = 0, …, K.
        public let weights: [Matrix]
        /// ∂ℓ/∂βₖ for k = 0, …, K.
        public let biases: [Matrix]
        /// ∂ℓ/∂fₖ for k = 0, …, K, in the order of the layers.
        public let preActivations: [Matrix]
    }

    /// Runs the backward pass from ∂ℓ/∂f_K (the loss's derivative at the output).
    /// ```
    /// ∂ℓ/∂βₖ   = ∂ℓ/∂fₖ                                   (summed over the batch)
    /// ∂ℓ/∂Ωₖ   = ∂ℓ/∂fₖ hₖᵀ
    /// ∂ℓ/∂fₖ₋₁ = 𝟙[fₖ₋₁ > 0] ⊙ (Ωₖᵀ ∂ℓ/∂fₖ)              k = K, …, 1
    /// ```
    /// The ReLU's derivative at 0 is taken to be 0.
    public func backward(_ pass: ForwardPass, outputGradient: Matrix) -> Gradients {
        let last = weights.count - 1
        var dF = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: weights.count)
        var dOmega = dF, dBeta = dF
        dF[last] = outputGradient
        for k in stride(from: last, through: 0, by: -1) {
            dBeta[k] = dF[k].rowSums()
            dOmega[k] = dF[k] * pass.h[k].transposed
            if k > 0 { dF[k - 1] = pass.f[k - 1].map(step) .* (weights[k].transposed * dF[k]) }
        }
        return Gradients(weights: dOmega, biases: dBeta, preActivations: dF)
    }

    /// Returns the loss the lesson uses for this network, the squared error summed over the
    /// batch, and its derivative at the output.
    /// ```
    /// ℓ = Σᵢ |f_K(xᵢ) − yᵢ|²          ∂ℓ/∂f_K = 2 (f_K − y)
    /// ```
    public static func squaredError(output: Matrix, targets y: Matrix) -> (loss: Double, outputGradient: Matrix) {
        let residual = output - y
        return ((residual .* residual).sum(), 2 * residual)
    }
}
