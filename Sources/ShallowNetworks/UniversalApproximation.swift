import CourseKit

/// Returns a shallow ReLU network with D hidden units that joins the values of `target` at
/// D + 1 evenly spaced knots t₀ = a < t₁ < … < t_D = b by straight segments.
/// ```
/// y = f(t₀) + Σ_{d=1}^{D} φ_d a[x − t_{d−1}]        θ_{d0} = −t_{d−1}, θ_{d1} = 1
/// φ₁ = s₁,   φ_d = s_d − s_{d−1}                     s_d = (f(t_d) − f(t_{d−1})) / (t_d − t_{d−1})
/// ```
/// Unit d switches on at knot t_{d−1} and bends the line by the change of slope there, so
/// on [a, b] the network is the piecewise-linear interpolant of the target: a constructive
/// instance of universal approximation in one dimension.
/// - Complexity: O(D) evaluations of the target.
public func interpolatingNetwork(for target: (Double) -> Double, on interval: ClosedRange<Double>,
                                 hiddenUnits: Int) -> ShallowNetwork1D {
    precondition(hiddenUnits >= 1, "the network needs at least one hidden unit")
    let (a, b) = (interval.lowerBound, interval.upperBound)
    let width = (b - a) / Double(hiddenUnits)
    let knots: [Double] = (0...hiddenUnits).map { k in a + width * Double(k) }
    let values: [Double] = knots.map(target)
    var slopes: [Double] = []
    for d in 1...hiddenUnits {
        let rise: Double = values[d] - values[d - 1]
        slopes.append(rise / width)
    }
    var phi: [Double] = [slopes[0]]
    for d in 1..<hiddenUnits { phi.append(slopes[d] - slopes[d - 1]) }
    return ShallowNetwork1D(theta0: knots.dropLast().map { -$0 }, theta1: Array(repeating: 1, count: hiddenUnits),
                            phi0: values[0], phi: phi)
}

/// How far a network is from its target on an interval, measured on evenly spaced points.
public struct ApproximationError: Sendable, Equatable {
    /// The largest absolute difference, `max_x |f(x) − y(x)|`.
    public var maximum: Double
    /// The mean squared difference, `(1/M) Σ_m (f(x_m) − y(x_m))²`, which estimates the
    /// integrated squared error of the bound `∫ (f − f_n)² μ(dx) ≤ c/n` for the uniform μ.
    public var meanSquared: Double
}

/// Returns the error of `network` against `target` on `samples` evenly spaced points.
/// - Complexity: O(samples · D).
public func approximationError(of network: ShallowNetwork1D, to target: (Double) -> Double,
                               on interval: ClosedRange<Double>, samples: Int = 1001) -> ApproximationError {
    precondition(samples >= 2, "the error needs at least two sample points")
    let (a, b) = (interval.lowerBound, interval.upperBound)
    var maximum = 0.0, squares = 0.0
    for m in 0..<samples {
        let x = a + (b - a) * Double(m) / Double(samples - 1)
        let difference = target(x) - network(x)
        maximum = max(maximum, abs(difference))
        squares += difference * difference
    }
    return ApproximationError(maximum: maximum, meanSquared: squares / Double(samples))
}
