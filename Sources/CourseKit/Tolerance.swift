/// Returns the relative error of two numbers, as the gradient checks report it.
/// ```
///                 |a − b|
/// error(a, b) = --------------------------
///               max(|a|, |b|, 1e−300)
/// ```
/// NaN or an infinity on either side gives an infinite error.
public func relativeError(_ a: Double, _ b: Double) -> Double {
    guard a.isFinite, b.isFinite else { return .infinity }
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b), 1e-300)
}

/// A relative-plus-absolute tolerance: `observed` is accepted when
/// ```
/// |observed − expected| ≤ absolute + relative · |expected|
/// ```
/// and both are finite. NaN and ±∞ are never accepted.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// The relative part, a fraction of the expected value's magnitude.
    public var relative: Double
    /// The absolute floor, so that values that should be 0 are not judged relatively.
    public var absolute: Double

    /// Creates a tolerance.
    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    /// The tolerance for values computed by the same formula in a different order.
    public static let standard = Tolerance(relative: 1e-6, absolute: 1e-9)

    /// Returns whether `observed` is close enough to `expected`.
    public func accepts(_ observed: Double, _ expected: Double) -> Bool {
        guard observed.isFinite, expected.isFinite else { return false }
        return abs(observed - expected) <= absolute + relative * abs(expected)
    }

    /// The rule in words, as reports state it.
    public var description: String {
        "|observed − expected| ≤ \(formatNumber(absolute, digits: 12)) + \(formatNumber(relative, digits: 12))·|expected|"
    }
}
