import CourseKit

/// A small labelled data set in the plane, with labels −1 and +1.
public struct LabelledPoints: Sendable {
    /// The points, each `[x₁, x₂]`.
    public let points: [[Double]]
    /// The label of each point, −1 or +1.
    public let labels: [Int]

    /// The labels as targets 0 and 1, as the sigmoid unit wants them.
    public var binaryTargets: [Double] { labels.map { $0 > 0 ? 1 : 0 } }

    /// The labels as the numbers −1 and +1, as the linear unit of Algorithm 1 wants them.
    public var signedTargets: [Double] { labels.map(Double.init) }

    /// Returns the points as scatter-plot marks: `+` for label +1 and `o` for label −1.
    public var marks: [TerminalPlot.Point] {
        zip(points, labels).map { x, t in TerminalPlot.Point(x: x[0], y: x[1], mark: t > 0 ? "+" : "o") }
    }

    /// The four corners of the unit square labelled by exclusive or: +1 when exactly one
    /// coordinate is 1 (Minsky and Papert 1969). The two −1 points come first.
    public static let xor = LabelledPoints(points: [[0, 0], [1, 1], [0, 1], [1, 0]], labels: [-1, -1, 1, 1])

    /// The line that generates `separable(count:seed:)`: +1 above `x₂ = ½x₁ + 0.2`.
    /// ```
    /// u·x + c = −0.5 x₁ + x₂ − 0.2
    /// ```
    public static let generatingLine = (weights: [-0.5, 1.0], bias: -0.2)

    /// The distance from `generatingLine` within which no point is drawn.
    public static let gap = 0.15

    /// Returns `count` points drawn uniformly from the square [−1, 1]², labelled by the side
    /// of `generatingLine` they fall on; points closer to the line than `gap` are drawn again,
    /// so the set is linearly separable with a margin.
    public static func separable(count: Int = 30, seed: UInt64 = 17) -> LabelledPoints {
        var random = SeededGenerator(seed: seed)
        let (u, c) = generatingLine
        let norm = dot(u, u).squareRoot()
        var points: [[Double]] = []
        var labels: [Int] = []
        while points.count < count {
            let x = [random.uniform(in: -1...1), random.uniform(in: -1...1)]
            let score = (dot(u, x) + c) / norm
            guard abs(score) >= gap else { continue }
            points.append(x)
            labels.append(score > 0 ? 1 : -1)
        }
        return LabelledPoints(points: points, labels: labels)
    }
}
