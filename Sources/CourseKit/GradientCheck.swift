/// Numeric gradient checking by central differences, in `Double`.
///
/// For each coordinate i of the point x, with a small step h:
/// ```
///           f(x + h eᵢ) − f(x − h eᵢ)
///  nᵢ  =  ---------------------------            error O(h²)
///                     2h
/// ```
/// The analytic value aᵢ agrees with nᵢ when their relative error is small or their
/// difference is below an absolute floor. Near a kink (ReLU at 0, the step at 0) the central
/// difference is meaningless; such a coordinate is recognised because the one-sided slopes
/// `(f(x + h eᵢ) − f(x))/h` and `(f(x) − f(x − h eᵢ))/h` disagree, and it is skipped.
public struct GradientCheck: Sendable {
    /// The finite-difference step h.
    public var step: Double
    /// The largest relative error that still counts as agreement.
    public var relativeTolerance: Double
    /// Differences below this count as agreement whatever their relative error.
    public var absoluteTolerance: Double

    /// Creates a checker; the defaults suit functions of order-one values and slopes.
    public init(step: Double = 1e-5, relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-7) {
        self.step = step
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// The three values of f a coordinate's check needs: at x, and a step either side.
    public struct Probe: Sendable, Equatable {
        public var center: Double
        public var plus: Double
        public var minus: Double
        public init(center: Double, plus: Double, minus: Double) {
            self.center = center
            self.plus = plus
            self.minus = minus
        }
    }

    /// How one coordinate's analytic and numeric values compare.
    public enum Status: String, Sendable, Equatable {
        case agrees, disagrees
        /// Within a step of a kink, where the central difference is not a derivative.
        case nearKink
    }

    /// One coordinate's comparison.
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var analytic: Double
        public var numeric: Double
        public var relativeError: Double
        public var status: Status
    }

    /// The outcome of a whole check.
    public struct Result: Sendable, Equatable {
        public var entries: [Entry]
        /// Whether every coordinate away from a kink agrees.
        public var passed: Bool { entries.allSatisfy { $0.status != .disagrees } }
        /// The largest relative error among the coordinates that were compared.
        public var maxRelativeError: Double {
            entries.filter { $0.status != .nearKink }.map(\.relativeError).max() ?? 0
        }
        /// The coordinates that disagree.
        public var failures: [Entry] { entries.filter { $0.status == .disagrees } }
    }

    /// Returns the points where f must be evaluated for coordinate `index`: x + h eᵢ, x − h eᵢ.
    public func probePoints(around x: [Double], index: Int) -> (plus: [Double], minus: [Double]) {
        var plus = x, minus = x
        plus[index] += step
        minus[index] -= step
        return (plus, minus)
    }

    /// Returns the central difference of one coordinate, or `nil` when the one-sided slopes
    /// show a kink within the step.
    public func numericDerivative(_ probe: Probe) -> (value: Double, nearKink: Bool) {
        let central = (probe.plus - probe.minus) / (2 * step)
        let forward = (probe.plus - probe.center) / step
        let backward = (probe.center - probe.minus) / step
        let scale = max(abs(forward), abs(backward), 1)
        return (central, abs(forward - backward) > 1e-3 * scale)
    }

    /// Compares one analytic value with its probe.
    public func compare(index: Int, analytic: Double, probe: Probe) -> Entry {
        let (numeric, nearKink) = numericDerivative(probe)
        let error = relativeError(analytic, numeric)
        let status: Status
        if nearKink && analytic.isFinite {
            status = .nearKink
        } else if analytic.isFinite && numeric.isFinite
                    && (abs(analytic - numeric) <= absoluteTolerance || error <= relativeTolerance) {
            status = .agrees
        } else {
            status = .disagrees
        }
        return Entry(index: index, analytic: analytic, numeric: numeric, relativeError: error, status: status)
    }

    /// Checks the analytic gradient of f at x against central differences.
    ///
    /// - Complexity: 2n + 1 evaluations of f for n coordinates.
    public func check(analytic: [Double], of f: ([Double]) -> Double, at x: [Double]) -> Result {
        require(analytic.count == x.count,
                     "the gradient has \(analytic.count) entries but the point has \(x.count)")
        let center = f(x)
        return Result(entries: x.indices.map { i in
            let (plus, minus) = probePoints(around: x, index: i)
            return compare(index: i, analytic: analytic[i],
                           probe: Probe(center: center, plus: f(plus), minus: f(minus)))
        })
    }

    /// Checks the analytic gradient of f with respect to a matrix, entry by entry.
    public func check(analytic: Matrix, of f: (Matrix) -> Double, at x: Matrix) -> Result {
        require(analytic.rows == x.rows && analytic.columns == x.columns,
                     "the gradient is \(analytic.rows)×\(analytic.columns) but the point is \(x.rows)×\(x.columns)")
        return check(analytic: analytic.scalars,
                     of: { f(Matrix(rows: x.rows, columns: x.columns, scalars: $0)) },
                     at: x.scalars)
    }

    /// Returns the central-difference gradient of f at x, without any comparison.
    public func numericGradient(of f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        x.indices.map { i in
            let (plus, minus) = probePoints(around: x, index: i)
            return (f(plus) - f(minus)) / (2 * step)
        }
    }
}
