import CourseKit

/// Returns the "tent" network with two hidden units, which folds [0, 1] onto itself.
/// ```
/// t(x) = 2 a[x] − 4 a[x − ½]        t(0) = 0,  t(½) = 1,  t(1) = 0
/// ```
/// Both halves of [0, 1] are mapped onto the whole of [0, 1], so whatever a second network
/// does to its input, it does twice: once on each half.
public func tentNetwork() -> ShallowNetwork1D {
    ShallowNetwork1D(theta0: [0, -0.5], theta1: [1, 1], phi0: 0, phi: [2, -4])
}

/// Returns the output of shallow networks applied one after the other, `f_L(… f₂(f₁(x)))`.
///
/// The composition is a deep network: the output layer of f_k and the hidden layer of
/// f_{k+1} merge into one layer with weights `Ω = θ_{k+1,·1} φ_kᵀ` (an outer product).
/// - Complexity: O(total hidden units).
public func composition(_ networks: [ShallowNetwork1D], at x: Double) -> Double {
    networks.reduce(x) { input, network in network(input) }
}

/// Returns the activation pattern of every hidden unit of a composition at x, layer by layer.
public func compositionPattern(_ networks: [ShallowNetwork1D], at x: Double) -> [Bool] {
    var input = x
    var pattern: [Bool] = []
    for network in networks {
        pattern += network.activationPattern(at: input)
        input = network(input)
    }
    return pattern
}

/// Returns the number of linear regions of a composition on an interval: the number of
/// distinct activation patterns at the midpoints of `samples` equal cells.
///
/// Given the pattern of every unit, each layer is affine in x, so a pattern's set of inputs
/// is convex (an interval): distinct patterns are distinct pieces. Pieces narrower than a
/// cell may be missed.
/// - Complexity: O(samples · total hidden units).
public func regionCount(of networks: [ShallowNetwork1D], on interval: ClosedRange<Double>,
                        samples: Int = 4096) -> Int {
    let (a, b) = (interval.lowerBound, interval.upperBound)
    var patterns = Set<[Bool]>()
    for m in 0..<samples {
        patterns.insert(compositionPattern(networks, at: a + (b - a) * (Double(m) + 0.5) / Double(samples)))
    }
    return patterns.count
}

/// Returns Montúfar et al.'s (2014) lower bound on the most linear regions that a ReLU
/// network with d inputs and l hidden layers of n units each (n ≥ d) can have.
/// ```
///  max regions  ≥  ⌊n/d⌋^{d(l−1)} · Σ_{j=0}^{d} C(n, j)
/// ```
/// Each of the first l − 1 layers can fold the input space ⌊n/d⌋ times along each of d
/// directions, and the last layer cuts every fold as a shallow layer of n units would. The
/// bound is exponential in l. One of the lecture documents writes `O(C(n, d)^{d(l−1)} n^d)`,
/// a slip: the result is a lower bound on the maximum, with ⌊n/d⌋ where C(n, d) stands there.
public func deepRegionLowerBound(inputs d: Int, unitsPerLayer n: Int, layers l: Int) -> BigUnsigned {
    precondition(d >= 1 && n >= d && l >= 1, "the bound needs n ≥ d ≥ 1 and at least one layer")
    return BigUnsigned.power(BigUnsigned(n / d), d * (l - 1)) * exactZaslavskyCount(hyperplanes: n, dimensions: d)
}

/// Returns a simple upper bound on the linear regions of a ReLU network with d inputs and
/// l hidden layers of n units each.
/// ```
///  regions  ≤  ( Σ_{j=0}^{d} C(n, j) )^l
/// ```
/// On one region of the first k layers the pre-activations of layer k + 1 are affine in the
/// input: n hyperplanes, which cut that region into at most Zaslavsky's count of pieces.
public func deepRegionUpperBound(inputs d: Int, unitsPerLayer n: Int, layers l: Int) -> BigUnsigned {
    precondition(d >= 1 && n >= 0 && l >= 1, "the bound needs at least one input and one layer")
    return BigUnsigned.power(exactZaslavskyCount(hyperplanes: n, dimensions: d), l)
}
