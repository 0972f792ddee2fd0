import CourseKit

/// Gradient descent on the straight line Φ₀ + Φ₁x fitted by mean squared error, the model
/// with which Spinelli's notes introduce the learning rate.
/// ```
/// L(Φ) = (1/N) Σᵢ (Φ₀ + Φ₁xᵢ − yᵢ)²
/// ∂L/∂Φ₀ = (2/N) Σᵢ rᵢ      ∂L/∂Φ₁ = (2/N) Σᵢ rᵢ xᵢ       rᵢ = Φ₀ + Φ₁xᵢ − yᵢ
/// Φ ← Φ − α ∇L(Φ)
/// ```
public struct LineFit: Sendable {
    /// The inputs.
    public let x: [Double]
    /// The targets.
    public let y: [Double]

    /// Creates the problem from its data.
    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty, "one target per input")
        self.x = x
        self.y = y
    }

    /// Returns the loss at Φ = (Φ₀, Φ₁).
    public func loss(_ phi: [Double]) -> Double {
        meanSquaredError(x.map { phi[0] + phi[1] * $0 }, y)
    }

    /// Returns the gradient at Φ = (Φ₀, Φ₁).
    public func gradient(_ phi: [Double]) -> [Double] {
        let n = Double(x.count)
        let r = zip(x, y).map { phi[0] + phi[1] * $0 - $1 }
        return [2 / n * r.reduce(0, +), 2 / n * dot(r, x)]
    }

    /// The least-squares line, where the gradient is zero, and the loss there: the minimum
    /// that gradient descent approaches.
    /// ```
    /// Φ₁ = cov(x, y) / var(x),    Φ₀ = ȳ − Φ₁ x̄
    /// ```
    public var minimum: (phi: [Double], loss: Double) {
        let n = Double(x.count)
        let (meanX, meanY) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let slope = covariance / variance
        let phi = [meanY - slope * meanX, slope]
        return (phi, loss(phi))
    }

    /// The largest learning rate for which gradient descent does not diverge, 2/λ_max.
    ///
    /// The loss is quadratic with Hessian H = 2 [[1, x̄], [x̄, x²̄]] (x̄ and x²̄ the means of x
    /// and x²). Along H's eigenvector of eigenvalue λ, one step multiplies the error by
    /// 1 − αλ, so the iteration shrinks every direction exactly when α < 2/λ_max.
    public var divergenceThreshold: Double {
        let n = Double(x.count)
        let (a, b, c) = (2.0, 2 * x.reduce(0, +) / n, 2 * dot(x, x) / n)
        let largest = (a + c) / 2 + (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        return 2 / largest
    }

    /// One run of gradient descent: the loss before each step and where it blew up, if it did.
    public struct Run: Sendable {
        /// The learning rate α.
        public let learningRate: Double
        /// The loss at the start and after each step, up to the step that blew up.
        public let losses: [Double]
        /// The step after which the loss exceeded the blow-up limit, or `nil`.
        public let divergedAt: Int?
    }

    /// Runs gradient descent from `start`, stopping early once the loss exceeds `limit`.
    public func descend(from start: [Double], learningRate α: Double, steps: Int, limit: Double = 1e6) -> Run {
        var phi = start
        var losses = [loss(phi)]
        for t in 1...max(steps, 1) {
            phi = zip(phi, gradient(phi)).map { $0 - α * $1 }
            losses.append(loss(phi))
            if !(losses[t] <= limit) { return Run(learningRate: α, losses: losses, divergedAt: t) }
        }
        return Run(learningRate: α, losses: losses, divergedAt: nil)
    }
}
