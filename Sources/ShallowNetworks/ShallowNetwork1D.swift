import Answers
import CourseKit

/// A shallow ReLU network with one input, D hidden units and one output.
/// ```
/// y = φ₀ + Σ_{d=1}^{D} φ_d a[θ_{d0} + θ_{d1} x]        a[z] = ReLU[z] = max(0, z)
/// ```
/// Unit d has an offset θ_{d0} and a slope θ_{d1} (arrays `theta0` and `theta1`); the
/// output has a bias φ₀ (`phi0`) and one weight φ_d per hidden unit (`phi`).
public struct ShallowNetwork1D: Sendable, Equatable {
    /// The hidden units' offsets θ_{d0}.
    public var theta0: [Double]
    /// The hidden units' slopes θ_{d1}.
    public var theta1: [Double]
    /// The output bias φ₀.
    public var phi0: Double
    /// The output weights φ_d, one per hidden unit.
    public var phi: [Double]

    /// Creates a network; the three arrays must have one entry per hidden unit.
    public init(theta0: [Double], theta1: [Double], phi0: Double, phi: [Double]) {
        precondition(theta0.count == theta1.count && theta1.count == phi.count,
                     "θ₀, θ₁ and φ need one entry per hidden unit: \(theta0.count), \(theta1.count), \(phi.count)")
        self.theta0 = theta0
        self.theta1 = theta1
        self.phi0 = phi0
        self.phi = phi
    }

    /// The number of hidden units D.
    public var hiddenUnitCount: Int { phi.count }

    /// The number of parameters, `3D + 1` (the lesson's example with D = 3 has 10).
    public var parameterCount: Int { ShallowNetworks.parameterCount(inputs: 1, hidden: hiddenUnitCount, outputs: 1) }

    /// Returns the pre-activations `θ_{d0} + θ_{d1} x`, one per hidden unit.
    public func preActivations(at x: Double) -> [Double] {
        zip(theta0, theta1).map { θ0, θ1 in θ0 + θ1 * x }
    }

    /// Returns the hidden units `h_d = a[θ_{d0} + θ_{d1} x]`.
    public func hiddenUnits(at x: Double) -> [Double] {
        preActivations(at: x).map(relu)
    }

    /// Returns which hidden units are active at x (pre-activation strictly positive).
    public func activationPattern(at x: Double) -> [Bool] {
        preActivations(at: x).map { $0 > 0 }
    }

    /// Returns the output `y = φ₀ + Σ_d φ_d h_d`.
    public func callAsFunction(_ x: Double) -> Double {
        phi0 + dot(phi, hiddenUnits(at: x))
    }

    /// The sorted positions of the joints, where a unit switches on or off.
    public var joints: [Double] { ShallowNetworks.joints(theta0: theta0, theta1: theta1) }
}

/// Returns the output of a 1-input shallow ReLU network at x.
/// ```
/// y = φ₀ + Σ_{d=1}^{D} φ_d a[θ_{d0} + θ_{d1} x]
/// ```
/// - Complexity: O(D).
public func shallowNetwork1D(x: Double, theta0: [Double], theta1: [Double], phi0: Double, phi: [Double]) -> Double {
    AnswerKeys.answer("ShallowNetworks.shallowNetwork1D", [x, theta0, theta1, phi0, phi]) {
        // answer: exercise3 begin
        ShallowNetwork1D(theta0: theta0, theta1: theta1, phi0: phi0, phi: phi)(x)
        // answer: exercise3 end
    }
}

/// Returns the sorted x positions of the joints of a 1-input shallow ReLU network.
/// ```
/// θ_{d0} + θ_{d1} x = 0   ⇔   x = −θ_{d0} / θ_{d1}        (a unit with θ_{d1} = 0 has no joint)
/// ```
/// - Complexity: O(D log D).
public func joints(theta0: [Double], theta1: [Double]) -> [Double] {
    AnswerKeys.answer("ShallowNetworks.joints", [theta0, theta1]) {
        // answer: exercise3 begin
        precondition(theta0.count == theta1.count, "θ₀ and θ₁ need one entry per hidden unit")
        return zip(theta0, theta1).compactMap { θ0, θ1 in θ1 == 0 ? nil : -θ0 / θ1 }.sorted()
        // answer: exercise3 end
    }
}
