import CourseKit
import SelfAttention
import SubmissionRuntime

extension Catalogue {
    /// Exercise 15: multi-head self-attention with a causal mask, the heads concatenated and
    /// projected (lesson 6, section 8).
    static let exercise15 = Exercise(
        number: 15, title: "Multi-head self-attention with a causal mask", lesson: 6,
        functions: [
            "func multiHeadAttention(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix, outputWeights: Matrix, outputBias: Matrix, heads: Int, causal: Bool) -> (output: Matrix, attention: [Matrix])",
        ],
        hints: [
            "Section 8 of lessons/lesson6-self-attention.md. Compute Q, K and V (each D×N) once, as in exercise 11; head h then works with rows h·d … h·d + d − 1 of each, with d = D/H: a block of consecutive rows, not every H-th row.",
            "Each head is exercise 11's scaled attention on its own rows: S_h = K_hᵀQ_h / √d, with d = D/H the size of a head (not D), a softmax down each column, and O_h = V_h A_h (d×N).",
            "The causal mask goes on the scores, before the softmax: S_h[m, n] = −∞ (-Double.infinity) for every later input m > n, and the diagonal m = n stays. exp(−∞) is exactly 0, so the softmax shares the whole weight among inputs 0 … n. A large negative number instead of −∞ stops working when the real scores are even more negative.",
            "Subtract each column's largest score before exp (section 6 of the lesson): with scores in the billions exp overflows otherwise. The diagonal is never masked, so every column has a finite maximum.",
            "Stack the heads' outputs in order, head 0 in rows 0 … d − 1, head 1 below it, and so on (D×N), then output = β_o𝟙ᵀ + Ω_o·(the stack): Ω_o on the left, not transposed.",
        ],
        checks: [
            Check("each head's attention is N×N and its columns sum to 1", points: 1) { t in
                for causal in [false, true] {
                    let c = MultiHeadCase.threeHeads
                    try expectProbabilityColumns(t, c, causal: causal, attend(t, c, causal: causal).attention)
                }
            },
            Check("each head uses its block of D/H rows and divides by √(D/H)", points: 2) { t in
                for c in [MultiHeadCase.threeHeads, MultiHeadCase.twoHeads] {
                    try expectAttention(t, c, causal: false, attend(t, c, causal: false).attention)
                }
            },
            Check("output = β_o + Ω_o times the heads stacked in order", points: 2) { t in
                for c in [MultiHeadCase.threeHeads, MultiHeadCase.twoHeads] {
                    try expectOutput(t, c, causal: false, attend(t, c, causal: false))
                }
            },
            Check("H = 1 without the mask is exercise 11's scaled attention", points: 1) { t in
                try expectSingleHead(t)
            },
            Check("causal: no weight on later inputs, some on the input itself", points: 2) { t in
                for c in [MultiHeadCase.threeHeads, MultiHeadCase.twoHeads] {
                    try expectMask(t, c, attend(t, c, causal: true).attention)
                }
            },
            Check("causal: output n stays put when inputs after n change", points: 2) { t in
                try expectNoLookAhead(t, MultiHeadCase.threeHeads)
            },
            Check("causal: each head's attention and the output are right", points: 2) { t in
                for c in [MultiHeadCase.threeHeads, MultiHeadCase.twoHeads] {
                    let result = try attend(t, c, causal: true)
                    try expectAttention(t, c, causal: true, result.attention)
                    try expectOutput(t, c, causal: true, result)
                }
            },
            Check("scores of ±3·10⁹: finite weights, and the mask still holds", points: 2) { t in
                for c in [MultiHeadCase.hugeScores, MultiHeadCase.veryNegativeScores] {
                    try expectExtreme(t, c)
                }
            },
            Check("heads of size 1 (H = D = 4, N = 7) and a single input (N = 1)", points: 1) { t in
                for c in [MultiHeadCase.headsOfOne, MultiHeadCase.singleInput] {
                    for causal in [false, true] {
                        let result = try attend(t, c, causal: causal)
                        try expectAttention(t, c, causal: causal, result.attention)
                        try expectOutput(t, c, causal: causal, result)
                    }
                }
            },
            Check("30 generated blocks, masked and not, against the reference", points: 1) { t in
                try expectGeneratedCases(t)
            },
            // hidden checks: begin (removed by `course export`)
            Check("other shapes and seeds, with and without the mask", points: 2, visibility: .hidden) { t in
                for c in MultiHeadCase.hidden {
                    for causal in [false, true] {
                        let result = try attend(t, c, causal: causal)
                        try expectProbabilityColumns(t, c, causal: causal, result.attention)
                        try expectAttention(t, c, causal: causal, result.attention)
                        try expectOutput(t, c, causal: causal, result)
                    }
                    try expectMask(t, c, attend(t, c, causal: true).attention)
                }
            },
            Check("extreme scores and looking ahead on another shape", points: 2, visibility: .hidden) { t in
                for c in MultiHeadCase.hiddenExtreme { try expectExtreme(t, c) }
                try expectNoLookAhead(t, MultiHeadCase.hidden[0])
            },
            // hidden checks: end
        ])
}

extension Catalogue {
    /// Calls the student's multiHeadAttention.
    private static func attend(_ t: CheckContext, _ c: MultiHeadCase, causal: Bool) throws -> MultiHeadCase.Pass {
        let parts = try t.tuple("multiHeadAttention", count: 2, c.x, c.queryWeights, c.queryBias, c.keyWeights, c.keyBias,
                                c.valueWeights, c.valueBias, c.outputWeights, c.outputBias, c.heads, causal)
        let attention = try t.decode(parts[1], as: [Matrix].self, "the attention list")
        guard attention.count == c.heads else {
            throw CheckAbort("With \(c.description), multiHeadAttention returned \(attention.count) attention matrices; there is one per head, H = \(c.heads).")
        }
        return MultiHeadCase.Pass(output: try t.decode(parts[0], as: Matrix.self, "the output"), attention: attention)
    }

    private static func what(_ c: MultiHeadCase, causal: Bool, _ name: String) -> String {
        "With \(c.description)\(causal ? ", causal" : ""), \(name)"
    }

    /// Expects every head's attention to be N×N with entries in [0, 1] and columns summing to one.
    private static func expectProbabilityColumns(_ t: CheckContext, _ c: MultiHeadCase, causal: Bool, _ attention: [Matrix]) throws {
        let n = c.count
        for (h, a) in attention.enumerated() {
            let name = what(c, causal: causal, "attention[\(h)]")
            guard a.rows == n && a.columns == n else {
                return t.expect(false, "\(name) is \(a.rows)×\(a.columns); it must be N×N = \(n)×\(n): A_h[m, n] is the weight output n gives to input m. A head splits the D rows (the features), not the N columns (the inputs).")
            }
            if let bad = a.scalars.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
                return t.expect(false, "\(name)[\(bad / n), \(bad % n)] is \(formatNumber(a.scalars[bad], digits: 6)): attention weights are softmax values, between 0 and 1.")
            }
            let sums = a.columnSums().scalars
            if let column = sums.firstIndex(where: { abs($0 - 1) > 1e-9 }) {
                return t.expect(false, "\(name): column \(column) sums to \(formatNumber(sums[column], digits: 6)), not 1. The softmax runs over m, down each column, and gives every output weights that sum to one\(causal ? ", the mask included" : "").")
            }
        }
        t.expect(true, "")
    }

    /// Expects each head's attention to be the reference's, naming the typical mistakes that
    /// give every head's weights.
    private static func expectAttention(_ t: CheckContext, _ c: MultiHeadCase, causal: Bool, _ attention: [Matrix],
                                        tolerance: Tolerance? = nil) throws {
        let expected = c.forward(causal: causal).attention
        for (observed, right) in zip(attention, expected) where observed.rows != right.rows || observed.columns != right.columns {
            return t.expect(false, "\(what(c, causal: causal, "each head's attention")) is \(observed.rows)×\(observed.columns); it must be N×N = \(right.rows)×\(right.columns). A head splits the D rows (the features), not the N columns (the inputs).")
        }
        expectMatrices(t, attention, expected, what: what(c, causal: causal, "attention"),
                       labels: attention.indices.map { "[\($0)]" }, tolerance: tolerance,
                       mistakes: attentionMistakes(c, causal: causal).map { ($0.0, $0.1.attention) })
    }

    /// The typical mistakes, each with its explanation and its result.
    private static func attentionMistakes(_ c: MultiHeadCase, causal: Bool) -> [(String, MultiHeadCase.Pass)] {
        typealias V = MultiHeadCase.Variant
        var mistakes: [(String, V)] = []
        if c.heads > 1 && c.headSize > 1 {
            mistakes.append(("Head h takes every H-th row (h, h + H, h + 2H, …): the heads are interleaved. Head h is the block of consecutive rows h·d … h·d + d − 1, with d = D/H = \(c.headSize).",
                             V(split: .interleaved)))
        }
        mistakes.append(("These are the weights of the scores q_mᵀk_n: keys and queries have swapped roles. The score of input m for output n is S_h[m, n] = k_mᵀq_n / √d, S_h = K_hᵀQ_h / √d.",
                         V(swapsKeysAndQueries: true)))
        if c.headSize > 1 {
            mistakes.append(("The scores are not divided by √d = √\(c.headSize), the size of a head: S_h = K_hᵀQ_h / √(D/H).", V(scale: .none)))
        }
        if c.heads > 1 {
            mistakes.append(("The scores are divided by √D = √\(c.dimension), the size of the inputs, instead of √d = √(D/H) = √\(c.headSize), the size of a head.",
                             V(scale: .modelRoot)))
        }
        if causal {
            mistakes += [
                ("The later inputs were set to 0 after the softmax, so the other weights no longer sum to one and still depend on the later scores. Mask the scores before the softmax (−∞ for m > n): the softmax then shares the whole weight among inputs 0 … n.",
                 V(mask: .afterSoftmax)),
                ("The masked scores are −10⁹, not −∞: when the real scores are even more negative, the masked inputs get the weight. Use -Double.infinity, which exp turns into exactly 0 whatever the other scores; a mask with a large negative number is not safe.",
                 V(mask: .largeNegative)),
                ("The mask is transposed: it hides the earlier inputs (m < n) instead of the later ones. The keys index the rows of S_h (S_h[m, n] = k_mᵀq_n / √d), so hide m > n, below the diagonal.",
                 V(mask: .transposed)),
                ("The mask also hides m = n, so output 0 has no input left (its column is NaN). Output n attends to inputs 0 … n, itself included: hide m > n only.",
                 V(mask: .hidesOwnInput)),
            ]
        }
        mistakes.append(("exp overflows: the scores reach \(formatNumber(largestScore(c), digits: 3)) and exp is ∞ above about 709, so ∞/∞ = NaN. Subtract each column's largest score before exp (lesson 6, section 6).",
                         V(shiftsByMaximum: false)))
        return mistakes.map { ($0.0, c.forward(causal: causal, $0.1)) }
    }

    private static func largestScore(_ c: MultiHeadCase) -> Double {
        let q = project(c.x, weights: c.queryWeights, bias: c.queryBias), k = project(c.x, weights: c.keyWeights, bias: c.keyBias)
        return ((k.transposed * q) / Double(c.headSize).squareRoot()).scalars.map(abs).max() ?? 0
    }

    /// Expects the output to be the reference's, naming the typical mistakes of the
    /// concatenation and the projection, and a wrong attention.
    private static func expectOutput(_ t: CheckContext, _ c: MultiHeadCase, causal: Bool, _ result: MultiHeadCase.Pass,
                                     tolerance: Tolerance? = nil) throws {
        let expected = c.forward(causal: causal)
        var mistakes: [Mistake] = []
        if c.heads > 1 {
            mistakes.append(Mistake("The heads are stacked in reverse order: head 0's output goes in rows 0 … d − 1, head 1's below it, and so on, before Ω_o.",
                                    c.forward(causal: causal, .init(reversedConcatenation: true)).output))
        }
        mistakes += [
            Mistake("This is Ω_oᵀ times the stacked heads: the projection is output = β_o𝟙ᵀ + Ω_o·[O_0; …; O_{H−1}], with Ω_o as given.",
                    c.forward(causal: causal, .init(projection: .transposed)).output),
            Mistake("The output bias β_o is missing: output = β_o𝟙ᵀ + Ω_o·[O_0; …; O_{H−1}].",
                    c.forward(causal: causal, .init(projection: .withoutBias)).output),
        ]
        let tolerance = tolerance ?? t.tolerance
        let attentionRight = zip(result.attention, expected.attention).allSatisfy { o, e in
            o.rows == e.rows && o.columns == e.columns && zip(o.scalars, e.scalars).allSatisfy { tolerance.accepts($0, $1) }
        }
        if !attentionRight {
            let known = attentionMistakes(c, causal: causal).filter { _, pass in
                zip(result.attention, pass.attention).allSatisfy { o, e in
                    o.rows == e.rows && o.columns == e.columns
                        && zip(o.scalars, e.scalars).allSatisfy { $0.isNaN && $1.isNaN || tolerance.accepts($0, $1) }
                }
            }
            mistakes.insert(contentsOf: known.map { Mistake("These outputs follow from the mistaken attention weights above.", $0.1.output) }, at: 0)
        }
        t.expect(result.output, equals: expected.output, what(c, causal: causal, "the output"), tolerance: tolerance, mistakes: mistakes)
    }

    /// With one head, Ω_o = I and β_o = 0, the block is exercise 11's scaled self-attention.
    private static func expectSingleHead(_ t: CheckContext) throws {
        var c = MultiHeadCase.threeHeads.with(heads: 1)
        c.outputWeights = Matrix.identity(c.dimension)
        c.outputBias = Matrix(rows: c.dimension, columns: 1)
        let output = try attend(t, c, causal: false).output
        let parameters = AttentionParameters(queryWeights: c.queryWeights, queryBias: c.queryBias, keyWeights: c.keyWeights,
                                             keyBias: c.keyBias, valueWeights: c.valueWeights, valueBias: c.valueBias)
        let single = SelfAttentionPass(x: c.x, parameters: parameters, scaled: true)
        t.expect(output, equals: single.output, "With \(c.description), Ω_o = I and β_o = 0, the output (exercise 11's scaled Sa = V A)", mistakes: [
            Mistake("These are exercise 11's unscaled outputs: with one head, d = D = \(c.dimension), and the scores are still divided by √d.",
                    SelfAttentionPass(x: c.x, parameters: parameters, scaled: false).output),
        ])
    }

    /// Expects the causal attention to put no weight on later inputs and some on the input
    /// itself, naming a transposed mask or one that also hides the input itself when every
    /// head shows it.
    private static func expectMask(_ t: CheckContext, _ c: MultiHeadCase, _ attention: [Matrix]) throws {
        let n = c.count
        guard attention.allSatisfy({ $0.rows == n && $0.columns == n }) else {
            return t.expect(false, "\(what(c, causal: true, "each head's attention")) must be N×N = \(n)×\(n).")
        }
        let later = { (a: Matrix) in (0..<n).flatMap { m in (0..<m).map { a[m, $0] } } }
        let earlier = { (a: Matrix) in (0..<n).flatMap { m in ((m + 1)..<n).map { a[m, $0] } } }
        let zero = { (x: Double) in abs(x) <= 1e-12 }
        for (h, a) in attention.enumerated() {
            let name = what(c, causal: true, "attention[\(h)]")
            if a.scalars.contains(where: \.isNaN) {
                let firstColumnOnly = attention.allSatisfy { a in
                    (0..<n).allSatisfy { m in a[m, 0].isNaN } && (0..<n).allSatisfy { m in (1..<n).allSatisfy { !a[m, $0].isNaN } }
                }
                return t.expect(false, "\(name) (head \(h)) has NaN entries\(firstColumnOnly ? " in column 0 only, in every head" : ""). "
                    + (firstColumnOnly ? "Column 0 is output 0, which has only input 0 to attend to: the mask also hides m = n. Output n attends to inputs 0 … n, itself included: hide m > n only."
                                       : "NaN comes from ∞/∞ (exp of scores above about 709), from −∞ − (−∞), or from 0·∞; set the masked scores to −∞ and subtract the column maximum before exp."))
            }
            if let m = (0..<n).first(where: { m in (0..<m).contains { !zero(a[m, $0]) } }) {
                let column = (0..<m).first { !zero(a[m, $0]) }!
                let transposed = attention.allSatisfy { a in earlier(a).allSatisfy(zero) && !later(a).allSatisfy(zero) }
                return t.expect(false, "\(name)[\(m), \(column)] is \(formatNumber(a[m, column], digits: 6)): output \(column) gives weight to the later input \(m). With the mask every A_h[m, n] with m > n must be exactly 0."
                    + (transposed ? " In every head the weights on earlier inputs (m < n) are 0 instead: the mask is transposed. The keys index the rows of S_h (S_h[m, n] = k_mᵀq_n / √d), so hide m > n, below the diagonal." : ""))
            }
            // The reference's own weight can underflow to 0 when the scores are spread by hundreds.
            let reference = c.forward(causal: true).attention[h]
            if let own = (0..<n).first(where: { !(a[$0, $0] > 0) && reference[$0, $0] > 0 }) {
                let everyDiagonal = n > 1 && attention.allSatisfy { a in (1..<n).allSatisfy { a[$0, $0] == 0 } }
                return t.expect(false, "\(name)[\(own), \(own)] is \(formatNumber(a[own, own], digits: 6)), where the reference gives \(formatNumber(reference[own, own], digits: 6)): output \(own) gives no weight to its own input."
                    + (everyDiagonal ? " In every head, every output after the first does so: the mask also hides m = n. Output n attends to inputs 0 … n, itself included: hide m > n only." : ""))
            }
        }
        t.expect(true, "")
    }

    /// Expects the outputs up to n not to move when the inputs after n change: the student's
    /// own outputs are compared, before and after.
    private static func expectNoLookAhead(_ t: CheckContext, _ c: MultiHeadCase) throws {
        let before = try attend(t, c, causal: true).output
        guard before.scalars.allSatisfy(\.isFinite) else {
            return t.expect(false, "\(what(c, causal: true, "the output")) has NaN or ∞ entries, so whether output n depends on later inputs cannot be told: the checks of the attention say where they come from.")
        }
        var random = SeededGenerator(seed: 15_100 + UInt64(c.count))
        for last in [0, c.count / 2, c.count - 2] {
            var x = c.x
            for column in (last + 1)..<c.count {
                for row in 0..<c.dimension { x[row, column] = random.uniform(in: -3...3) }
            }
            let after = try attend(t, c.with(x: x), causal: true).output
            guard after.rows == before.rows && after.columns == before.columns, before.columns == c.count else {
                return t.expect(false, "\(what(c, causal: true, "the output")) is \(before.rows)×\(before.columns); it must be D×N = \(c.dimension)×\(c.count).")
            }
            let moved = (0..<c.dimension).flatMap { row in (0...last).map { (row, $0) } }
                .filter { !t.tolerance.accepts(after[$0.0, $0.1], before[$0.0, $0.1]) }
            if let (row, column) = moved.first {
                return t.expect(false, "\(what(c, causal: true, "output")) \(column) changes when only the inputs \(last + 1) … \(c.count - 1) change: "
                    + "entry [\(row), \(column)] goes from \(formatNumber(before[row, column], digits: 6)) to \(formatNumber(after[row, column], digits: 6)) "
                    + "(\(moved.count) entries of outputs 0 … \(last) move). Output n may depend on inputs 0 … n only: every later input must get weight exactly 0, "
                    + "and must not enter the softmax's sum either.")
            }
        }
        t.expect(true, "")
    }

    /// Expects finite weights, the mask to hold, and the reference's attention and output
    /// when the scores are in the billions, with and without the mask.
    private static func expectExtreme(_ t: CheckContext, _ c: MultiHeadCase) throws {
        // Scores of 10⁹ carry rounding errors of about 10⁻⁷, which the weights inherit.
        let tolerance = Tolerance(relative: 1e-4, absolute: 1e-9)
        for causal in [false, true] {
            let result = try attend(t, c, causal: causal)
            if let h = result.attention.firstIndex(where: { $0.scalars.contains { !$0.isFinite } }) {
                let known = attentionMistakes(c, causal: causal).first { _, pass in
                    zip(result.attention, pass.attention).allSatisfy { o, e in
                        o.rows == e.rows && o.columns == e.columns
                            && zip(o.scalars, e.scalars).allSatisfy { $0 == $1 || $0.isNaN && $1.isNaN || tolerance.accepts($0, $1) }
                    }
                }
                t.expect(false, "\(what(c, causal: causal, "attention[\(h)]")) (head \(h)) has NaN or ∞ entries. "
                    + (known?.0 ?? "The scores reach \(formatNumber(largestScore(c), digits: 3)): subtract each column's largest score before exp (lesson 6, section 6), and set masked scores to −∞."))
                continue
            }
            if causal { try expectMask(t, c, result.attention) }
            try expectAttention(t, c, causal: causal, result.attention, tolerance: tolerance)
            try expectOutput(t, c, causal: causal, result, tolerance: tolerance)
        }
    }
}

extension Catalogue {
    /// Runs the generated blocks, smallest first, with and without the mask, and reports the
    /// first one where the attention or the output differs from the reference, with every
    /// check of that block.
    private static func expectGeneratedCases(_ t: CheckContext) throws {
        let same = { (a: Matrix, b: Matrix) in
            a.rows == b.rows && a.columns == b.columns && zip(a.scalars, b.scalars).allSatisfy { t.tolerance.accepts($0, $1) }
        }
        for c in MultiHeadCase.generated {
            for causal in [false, true] {
                let result = try attend(t, c, causal: causal)
                let expected = c.forward(causal: causal)
                if same(result.output, expected.output) && zip(result.attention, expected.attention).allSatisfy(same) { continue }
                t.expect(false, "Of \(MultiHeadCase.generated.count) generated blocks, tried from the smallest up with and without the mask, the first where yours differs from the reference is \(c.description)\(causal ? ", causal" : ""):")
                try expectProbabilityColumns(t, c, causal: causal, result.attention)
                if causal { try expectMask(t, c, result.attention) }
                try expectAttention(t, c, causal: causal, result.attention)
                return try expectOutput(t, c, causal: causal, result)
            }
        }
        t.expect(true, "")
    }
}
