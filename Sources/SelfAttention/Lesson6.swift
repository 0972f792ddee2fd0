import CourseKit

/// Lesson 6 live: queries, keys and values, the attention matrix, parameter count and cost,
/// permutation equivariance, scaling, a stable softmax and the backward pass.
public enum Lesson6: LiveLesson {
    /// The lesson's number.
    public static let number = 6
    /// The lesson's title, as in its text.
    public static let title = "Self-attention"

    /// The worked example's inputs: N = 5 columns of size D = 4.
    public static let inputs = Matrix([
        [1, 0, 2, -1, 0.5],
        [0, 1, -1, 2, 1],
        [1, 1, 0, 0, -1],
        [-1, 0, 1, 1, 0],
    ])
    /// The worked example's parameters, drawn from a seeded generator.
    public static let parameters = AttentionParameters(dimension: 4, seed: 11)

    /// Runs the lesson's sections in the order of the text.
    public static func run(on console: LessonConsole) {
        console.title(self)
        let pass = SelfAttentionPass(x: inputs, parameters: parameters)
        showQueriesKeysValues(pass, on: console)
        showAttention(pass, on: console)
        showParametersAndCost(on: console)
        showPermutationEquivariance(on: console)
        showScaling(on: console)
        showStableSoftmax(on: console)
        showBackwardPass(on: console)
        showHeadsAndMask(on: console)
    }

    static func showQueriesKeysValues(_ pass: SelfAttentionPass, on console: LessonConsole) {
        console.heading("1. Queries, keys and values")
        console.text("N = 5 inputs of size D = 4, the columns of X:")
        console.block(inputs)
        console.text()
        console.text("values  vₘ = β_v + Ω_v xₘ   (the columns of V)")
        console.block(pass.values)
        console.text("queries qₙ = β_q + Ω_q xₙ   (the columns of Q)")
        console.block(pass.queries)
        console.text("keys    kₘ = β_k + Ω_k xₘ   (the columns of K)")
        console.block(pass.keys)
        console.figure("queries-keys-values") { projectionsFigure(pass, inputs: inputs) }
    }

    static func showAttention(_ pass: SelfAttentionPass, on console: LessonConsole) {
        console.heading("2. The attention matrix")
        console.text("scores S[m, n] = kₘᵀ qₙ   (S = KᵀQ)")
        console.block(pass.scores)
        console.text()
        console.text("attention A[m, n] = a[xₘ, xₙ] = softmaxₘ(S[·, n]): column n = the weights of output n")
        console.block(pass.attention)
        let labels = (1...inputs.columns).map { "x\(subscriptDigits($0))" }
        console.block(TerminalPlot.heatMap(pass.attention, rowLabels: labels.map { "m=\($0)" },
                                           columnLabels: labels.map { "n=\($0)" }, cellWidth: 6))
        console.text("column sums: \(formatRow(pass.attention.columnSums()))")
        console.figure("attention") {
            SVGPlot.heatMap(pass.attention, title: "The attention matrix A: column n holds the weights of output n",
                            rowLabels: labels.map { "m = \($0)" }, columnLabels: labels.map { "n = \($0)" },
                            rowTitle: "key", columnTitle: "query (each column sums to 1)")
        }
        console.text()
        console.text("outputs saₙ = Σₘ a[xₘ, xₙ] vₘ   (Sa = V A)")
        console.block(pass.output)
    }

    static func showParametersAndCost(on console: LessonConsole) {
        console.heading("3. Parameters and cost")
        console.text("3D² + 3D parameters, whatever the number N of inputs:")
        var table = TextTable(header: ["D", "3D² + 3D", "counted in Ω_q, Ω_k, Ω_v, β_q, β_k, β_v"])
        for D in [1, 4, 8, 64, 256] {
            let counted = AttentionParameters(dimension: D, seed: 1).count
            table.append(["\(D)", formatCount(selfAttentionParameterCount(dimension: D)), formatCount(counted)])
        }
        console.block(table)
        console.text()
        var cost = TextTable(header: ["N", "D", "3ND² (projections)", "2N²D (attention)", "total"])
        for N in [10, 100, 1000, 10000] {
            let D = 64
            cost.append([formatCount(N), "\(D)", formatCount(3 * N * D * D), formatCount(2 * N * N * D),
                         formatCount(selfAttentionMultiplyAdds(inputs: N, dimension: D))])
        }
        console.text("Multiply-adds: ten times more inputs, a hundred times more attention work: O(N²D).")
        console.block(cost)
    }

    static func showPermutationEquivariance(on console: LessonConsole) {
        console.heading("4. Permutation equivariance")
        let order = [2, 0, 4, 1, 3]
        let original = SelfAttentionPass(x: inputs, parameters: parameters)
        let permuted = SelfAttentionPass(x: permutingColumns(inputs, order), parameters: parameters)
        console.text("Reorder the inputs: X P takes the columns in the order \(order.map { "x\(subscriptDigits($0 + 1))" }.joined(separator: ", ")).")
        let outputs = largestDifference(permuted.output, permutingColumns(original.output, order))
        let attention = largestDifference(permuted.attention, permutingRowsAndColumns(original.attention, order))
        console.text("largest |sa[X P] − sa[X] P|   = \(formatNumber(outputs, digits: 3))")
        console.text("largest |A[X P] − Pᵀ A[X] P| = \(formatNumber(attention, digits: 3))")
        console.text("The outputs move with their inputs: self-attention does not see the order.")
        console.figure("attention-permuted") {
            let names = (1...inputs.columns).map { "x\(subscriptDigits($0))" }, reordered = order.map { names[$0] }
            return SVGPlot.heatMaps([
                SVGPlot.HeatMapPanel(original.attention, title: "A[X]", rowLabels: names, columnLabels: names,
                                     rowTitle: "key", columnTitle: "query"),
                SVGPlot.HeatMapPanel(permuted.attention, title: "A[X P]", rowLabels: reordered, columnLabels: reordered,
                                     rowTitle: "key", columnTitle: "query"),
            ], title: "Reordering the inputs reorders the attention: A[X P] = Pᵀ A[X] P",
            note: "Every pair of inputs keeps its weight: find x₃ and x₁ in both.")
        }
    }
}

/// Returns a 1×n matrix written on one line.
func formatRow(_ m: Matrix) -> String {
    "[" + m.scalars.map { formatNumber($0) }.joined(separator: ", ") + "]"
}
