import CourseKit

// The figures of section 8: the masked attention of one head and of two, and what reordering
// the inputs does to a masked block.
extension Lesson6 {
    /// The names of the inputs, x₁ … x_N.
    private static func names(_ count: Int) -> [String] { (1...count).map { "x\(subscriptDigits($0))" } }

    /// Returns the masked attention of the one-head block of section 2 beside the masked
    /// attention of each of its heads of size d, the masked cells hatched.
    static func maskedHeadsFigure(one: Matrix, heads: [Matrix], headSize d: Int) -> SVGDocument {
        let labels = names(one.rows)
        let panel = { (a: Matrix, title: String) in
            SVGPlot.HeatMapPanel(a, title: title, rowLabels: labels, columnLabels: labels, rowTitle: "key",
                                 columnTitle: "query", isMasked: { m, n in m > n })
        }
        let titles = heads.indices.map { "head \($0): rows \($0 * d)–\($0 * d + d - 1), ÷ √\(d)" }
        return SVGPlot.heatMaps([panel(one, "one head, unscaled (section 2)")] + zip(heads, titles).map(panel),
                                title: "With the causal mask every column n gives weight only to inputs 1 … n",
                                cell: 46, note: "Each column sums to 1; each heat map has its own colour scale.",
                                maskLegend: "masked: a later input (m > n), weight exactly 0")
    }

    /// Returns, for a masked block, the attention moved with the inputs, Pᵀ A[X] P, beside the
    /// attention computed from the reordered inputs, A[X P]: the mask stays below the diagonal
    /// of the second but not of the first.
    static func maskedPermutationFigure(moved: Matrix, recomputed: Matrix, order: [Int]) -> SVGDocument {
        let labels = order.map { names(moved.rows)[$0] }
        return SVGPlot.heatMaps([
            SVGPlot.HeatMapPanel(moved, title: "Pᵀ A[X] P", rowLabels: labels, columnLabels: labels, rowTitle: "key",
                                 columnTitle: "query", isMasked: { m, n in order[m] > order[n] }),
            SVGPlot.HeatMapPanel(recomputed, title: "A[X P]", rowLabels: labels, columnLabels: labels, rowTitle: "key",
                                 columnTitle: "query", isMasked: { m, n in m > n }),
        ], title: "With the mask, reordering the inputs no longer just reorders the attention",
        cell: 46, note: "Left: the masked weights, moved with their inputs. Right: masked in the new order.",
        maskLegend: "masked: the key comes later than the query (left: in x₁ … x₅; right: in the new order)")
    }
}
