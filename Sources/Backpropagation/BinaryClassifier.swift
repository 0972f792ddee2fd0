import CourseKit

/// The minimal binary classifier of Spinelli's slides (after Prince), with the samples as
/// the rows of X, as the slides write it.
///
/// ```
/// h = ReLU(X w₁)          X ∈ R^(N×2), w₁ ∈ R^(2×3), h ∈ R^(N×3)
/// z = h w₂ + 𝟙 b          w₂ ∈ R^(3×1), b ∈ R,       z ∈ R^(N×1)
/// ŷ = σ(z)
/// L = (1/N) Σᵢ −[yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)]
/// ```
public struct BinaryClassifier: Sendable {
    /// The hidden layer's weights w₁, one column per hidden unit.
    public var w1: Matrix
    /// The output weights w₂, a column.
    public var w2: Matrix
    /// The output bias b, broadcast over the batch.
    public var b: Double

    /// Creates the classifier from its parameters.
    public init(w1: Matrix, w2: Matrix, b: Double) {
        precondition(w2.columns == 1 && w2.rows == w1.columns, "w₂ must be a column with one entry per hidden unit")
        self.w1 = w1
        self.w2 = w2
        self.b = b
    }

    /// Everything the forward pass computes, kept for the backward pass.
    public struct ForwardPass: Sendable {
        /// The inputs X, one sample per row.
        public let x: Matrix
        /// The pre-activations X w₁.
        public let preActivation: Matrix
        /// The hidden activations h = ReLU(X w₁).
        public let h: Matrix
        /// The logits z = h w₂ + 𝟙 b.
        public let z: Matrix
        /// The probabilities ŷ = σ(z).
        public let yHat: Matrix
    }

    /// Runs the forward pass on a batch whose samples are the rows of `x`.
    public func forward(_ x: Matrix) -> ForwardPass {
        let preActivation = x * w1
        let h = relu(preActivation)
        let z = (h * w2).map { $0 + b }
        return ForwardPass(x: x, preActivation: preActivation, h: h, z: z, yHat: sigmoid(z))
    }

    /// Returns the mean binary cross-entropy, computed from the logits so that it stays
    /// exact when σ(z) rounds to 0 or 1.
    public func loss(_ pass: ForwardPass, labels y: Matrix) -> Double {
        meanBinaryCrossEntropy(logits: pass.z.scalars, labels: y.scalars)
    }

    /// The gradient of the loss with respect to each parameter.
    public struct Gradients: Sendable {
        /// ∂L/∂w₁, the shape of w₁.
        public let w1: Matrix
        /// ∂L/∂w₂, the shape of w₂.
        public let w2: Matrix
        /// ∂L/∂b.
        public let b: Double
    }

    /// Returns the gradients by the chain rule, from the output back to w₁.
    /// ```
    /// δ       = ∂L/∂z = (ŷ − y) / N                      (N×1)
    /// ∂L/∂w₂  = hᵀ δ                                     (3×1)
    /// ∂L/∂b   = 𝟙ᵀ δ
    /// ∂L/∂h   = δ w₂ᵀ                                    (N×3)
    /// ∂L/∂w₁  = Xᵀ (𝟙[X w₁ > 0] ⊙ ∂L/∂h)                (2×3)
    /// ```
    public func gradients(_ pass: ForwardPass, labels y: Matrix) -> Gradients {
        let n = Double(pass.x.rows)
        let δ = (pass.yHat - y) / n
        let dH = δ * w2.transposed
        let dPreActivation = pass.preActivation.map(step) .* dH
        return Gradients(w1: pass.x.transposed * dPreActivation, w2: pass.h.transposed * δ, b: δ.sum())
    }

    /// The two factors of ∂L/∂z that cancel, for each sample.
    /// ```
    /// ∂L/∂ŷᵢ = (ŷᵢ − yᵢ) / (N ŷᵢ(1 − ŷᵢ))       ∂ŷᵢ/∂zᵢ = ŷᵢ(1 − ŷᵢ)
    /// ∂L/∂zᵢ = ∂L/∂ŷᵢ · ∂ŷᵢ/∂zᵢ = (ŷᵢ − yᵢ) / N
    /// ```
    /// Taken literally, the first factor divides by zero once ŷ rounds to 0 or 1.
    public func cancellingFactors(_ pass: ForwardPass, labels y: Matrix)
        -> [(dLossByYHat: Double, dYHatByZ: Double)] {
        let n = Double(pass.x.rows)
        return zip(pass.yHat.scalars, y.scalars).map { p, label in
            ((p - label) / (n * p * (1 - p)), p * (1 - p))
        }
    }
}

/// Returns the binary cross-entropy of σ(z) for a label y, from the logit z.
/// ```
/// −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − y z + log(1 + e^(−|z|))
/// ```
func binaryCrossEntropy(logit z: Double, label y: Double) -> Double {
    max(z, 0) - y * z + log1p(exp(-abs(z)))
}

/// Returns the mean binary cross-entropy of a batch of logits.
func meanBinaryCrossEntropy(logits: [Double], labels: [Double]) -> Double {
    precondition(logits.count == labels.count && !labels.isEmpty, "one label per logit")
    let total = zip(logits, labels).map { binaryCrossEntropy(logit: $0, label: $1) }.reduce(0, +)
    return total / Double(labels.count)
}
