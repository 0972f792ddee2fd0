import CourseKit

/// The small graph that Fournier Montgieu's slides (2024) use to show that a derivative sums over paths.
///
/// ```
///        a ──→ c = a + b ──┐
///            ↗              ↘
///        b                   e = c · d
///            ↘              ↗
///              d = b + 1 ──┘
///
/// ∂e/∂b = ∂e/∂c · ∂c/∂b + ∂e/∂d · ∂d/∂b = d · 1 + c · 1
/// ```
/// With a = 2 and b = 1: c = 3, d = 2, e = 6 and ∂e/∂b = 2·1 + 3·1 = 5.
public struct PathSumGraph: Sendable {
    /// The graph with its values and local derivatives.
    public let graph: ComputationalGraph
    /// The indices of the nodes a, b, c, d, e in `graph`.
    public let a, b, c, d, e: Int

    /// Builds the graph at the given inputs (by default the slides' a = 2, b = 1).
    public init(a aValue: Double = 2, b bValue: Double = 1) {
        var g = ComputationalGraph()
        a = g.input("a", aValue)
        b = g.input("b", bValue)
        c = g.add(a, b, name: "c")
        d = g.add(b, constant: 1, name: "d")
        e = g.multiply(c, d, name: "e")
        graph = g
    }

    /// The terms of ∂e/∂b, one per path from b to e, each as the local derivatives along it
    /// from e back to b: `[[∂e/∂c, ∂c/∂b], [∂e/∂d, ∂d/∂b]]`.
    public var pathTermsForB: [[Double]] { graph.paths(from: b, to: e) }

    /// ∂e/∂b as the sum over paths of the products along each path.
    public var derivativeBySummingPaths: Double {
        pathTermsForB.map { $0.reduce(1, *) }.reduce(0, +)
    }
}

/// The cost of summing over paths, against factoring, on a graph X → Y → Z whose two stages
/// have parallel edges (α, β, γ from X to Y; δ, ε, ζ from Y to Z).
/// ```
/// ∂Z/∂X = αδ + αε + αζ + βδ + βε + βζ + γδ + γε + γζ     9 products, 8 sums
///       = (α + β + γ)(δ + ε + ζ)                           1 product, 4 sums
/// ```
public struct FactoredPaths: Sendable {
    /// The local derivatives of the first stage.
    public let first: [Double]
    /// The local derivatives of the second stage.
    public let second: [Double]

    /// Creates the two stages.
    public init(first: [Double], second: [Double]) {
        self.first = first
        self.second = second
    }

    /// ∂Z/∂X summed path by path, with the multiplications and additions it took.
    public var summedOverPaths: (value: Double, multiplications: Int, additions: Int) {
        var total = 0.0, multiplications = 0, additions = -1
        for u in first {
            for v in second {
                total += u * v
                multiplications += 1
                additions += 1
            }
        }
        return (total, multiplications, additions)
    }

    /// ∂Z/∂X factored stage by stage, with the multiplications and additions it took.
    public var factored: (value: Double, multiplications: Int, additions: Int) {
        (first.reduce(0, +) * second.reduce(0, +), 1, first.count - 1 + second.count - 1)
    }
}

/// Counts multiplications for the gradient of a fully connected network's loss with respect
/// to all its weights, per example, in forward and in reverse mode.
/// ```
/// forward pass      M = Σₖ D₍ₖ₊₁₎ Dₖ
/// reverse mode      Σₖ D₍ₖ₊₁₎Dₖ for ∂ℓ/∂Ωₖ = δₖ hₖᵀ  +  Σ₍ₖ≥₁₎ D₍ₖ₊₁₎Dₖ for Ωₖᵀ δₖ  =  2M − D₁D₀
/// forward mode      one pass of M per weight  =  P · M
/// ```
public struct ModeCost: Sendable {
    /// The layer widths D₀ (inputs), D₁, …, D_K (outputs).
    public let layerSizes: [Int]

    /// Creates the count for the given layer widths.
    public init(layerSizes: [Int]) {
        precondition(layerSizes.count >= 2, "a network needs an input and an output layer")
        self.layerSizes = layerSizes
    }

    /// The number of weights P (entries of all Ωₖ; the biases add no multiplications).
    public var weightCount: Int { zip(layerSizes, layerSizes.dropFirst()).map { $0 * $1 }.reduce(0, +) }

    /// The multiplications of one forward pass, M.
    public var forwardPass: Int { weightCount }

    /// The multiplications of one backward sweep giving every ∂ℓ/∂Ωₖ.
    public var reverseMode: Int { 2 * forwardPass - layerSizes[0] * layerSizes[1] }

    /// The multiplications of forward mode: one tangent pass through the network per weight.
    public var forwardMode: Int { weightCount * forwardPass }
}
