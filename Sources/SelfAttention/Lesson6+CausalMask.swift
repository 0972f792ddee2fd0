import CourseKit

extension Lesson6 {
    /// Section 8: several heads, and the causal mask: what it hides, what it buys (outputs
    /// that ignore later inputs) and what it costs (permutation equivariance).
    static func showHeadsAndMask(on console: LessonConsole) {
        console.heading("8. Several heads, and a causal mask")
        console.text("H heads of size d = D/H share the work; Ω_o mixes their stacked outputs.")
        var table = TextTable(header: ["D", "H", "d = D/H", "parameters 4D² + 4D"])
        for (D, H) in [(4, 1), (4, 2), (64, 8), (512, 8)] {
            table.append(["\(D)", "\(H)", "\(D / H)", "\(multiHeadParameterCount(dimension: D))"])
        }
        console.block(table)
        console.text()
        let pass = SelfAttentionPass(x: inputs, parameters: parameters)
        let masked = attentionWeights(scores: causallyMasked(pass.scores))
        console.text("The causal mask sets S[m, n] = −∞ for every later input m > n, before the softmax:")
        console.block(masked)
        console.text("column sums: \(formatRow(masked.columnSums()))   (output 1 can only take v₁)")
        console.text()
        let heads = (0..<2).map { headAttention(pass, head: $0, of: 2, causal: true) }
        console.text("Two heads of d = 2: head 0 takes rows 0 and 1 of Q and K, head 1 rows 2 and 3; each scales "
                     + "its scores by 1/√2 and is masked in the same places:")
        for (h, a) in heads.enumerated() {
            console.text("head \(h)")
            console.block(a)
        }
        console.figure("attention-heads-masked") { maskedHeadsFigure(one: masked, heads: heads, headSize: 2) }
        console.text()
        let causalOutput = { (x: Matrix) -> Matrix in
            let pass = SelfAttentionPass(x: x, parameters: parameters)
            return pass.values * attentionWeights(scores: causallyMasked(pass.scores))
        }
        var changed = inputs
        for row in 0..<changed.rows { changed[row, 4] = -changed[row, 4] + 1 }
        let firstFour = { (m: Matrix) in Matrix(rows: m.rows, columns: 4) { i, n in m[i, n] } }
        let plainMoved = largestDifference(firstFour(SelfAttentionPass(x: changed, parameters: parameters).output),
                                           firstFour(pass.output))
        let causalMoved = largestDifference(firstFour(causalOutput(changed)), firstFour(causalOutput(inputs)))
        console.text("Change x5 only. Largest change of outputs 1 … 4:")
        console.text("  without the mask \(formatNumber(plainMoved, digits: 4))      with the mask \(formatNumber(causalMoved, digits: 4))")
        console.text()
        let order = [2, 0, 4, 1, 3]
        let plainOrder = largestDifference(SelfAttentionPass(x: permutingColumns(inputs, order), parameters: parameters).output,
                                           permutingColumns(pass.output, order))
        let causalOrder = largestDifference(causalOutput(permutingColumns(inputs, order)),
                                            permutingColumns(causalOutput(inputs), order))
        console.text("Reorder the inputs as in section 4. Largest |sa[X P] − sa[X] P|:")
        console.text("  without the mask \(formatNumber(plainOrder, digits: 3))   with the mask \(formatNumber(causalOrder, digits: 4))")
        console.figure("attention-permuted-masked") {
            let permuted = SelfAttentionPass(x: permutingColumns(inputs, order), parameters: parameters)
            return maskedPermutationFigure(moved: permutingRowsAndColumns(masked, order),
                                           recomputed: attentionWeights(scores: causallyMasked(permuted.scores)),
                                           order: order)
        }
        console.text()
        // Two inputs whose scores for output 1 are −2·10⁹ (input 1) and −3·10⁹ (input 2, masked).
        let scores = Matrix([[-2e9, -2e9], [-3e9, -3e9]])
        let right = attentionWeights(scores: causallyMasked(scores))
        let leaky = attentionWeights(scores: causallyMasked(scores, fill: -1e9))
        console.text("Scores −2·10⁹ (input 1) and −3·10⁹ (input 2, later, masked) for output 1:")
        console.text("  mask −∞   → weights \(formatRow(Matrix(row: right.column(0))))")
        console.text("  mask −10⁹ → weights \(formatRow(Matrix(row: leaky.column(0))))")
    }

    /// Returns the attention of head `h` of `heads`: the scaled softmax of its slice of the
    /// queries and keys, rows h·d … h·d + d − 1, masked when `causal`.
    /// ```
    ///   S_h = K_hᵀ Q_h / √d          A_h = softmax of each column of S_h
    /// ```
    static func headAttention(_ pass: SelfAttentionPass, head h: Int, of heads: Int, causal: Bool) -> Matrix {
        let d = pass.queries.rows / heads
        let slice = { (m: Matrix) in Matrix(rows: d, columns: m.columns) { i, n in m[h * d + i, n] } }
        let scores = (slice(pass.keys).transposed * slice(pass.queries)) * (1 / Double(d).squareRoot())
        return attentionWeights(scores: causal ? causallyMasked(scores) : scores)
    }
}
