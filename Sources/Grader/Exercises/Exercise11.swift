import CourseKit
import SelfAttention

extension Catalogue {
    /// Exercise 11: the forward pass of self-attention, plain and scaled, with a softmax that
    /// stays finite (lesson 6, sections 1, 2, 5 and 6).
    static let exercise11 = Exercise(
        number: 11, title: "Self-attention, forward pass", lesson: 6,
        functions: [
            "func selfAttention(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix, scaled: Bool) -> (output: Matrix, attention: Matrix)",
        ],
        hints: [
            "Sections 1 and 2 of lessons/lesson6-self-attention.md: V = β_v𝟙ᵀ + Ω_v X, Q = β_q𝟙ᵀ + Ω_q X and K = β_k𝟙ᵀ + Ω_k X, one column per input; every bias is added to every column.",
            "The scores are S = KᵀQ, N×N, with S[m, n] = kₘᵀqₙ: the row is the key (the input attended to), the column the query (the output). Swapping them gives QᵀK, which is different as soon as Ω_q ≠ Ω_k.",
            "The softmax runs over m, down each column of S, so that every column of A sums to one (the rows need not). Then Sa = V A: column n of V A is Σₘ A[m, n] vₘ.",
            "With scaled, divide every score by √D_q, the square root of the number of rows of Ω_q (section 5): not D_q, and not √D, the size of the inputs.",
            "Section 6: before exp, subtract the column's largest score from every score of that column. The softmax does not change, every exponent is ≤ 0, and scores in the thousands no longer give ∞/∞ = NaN.",
        ],
        checks: [
            Check("the attention matrix is N×N, non-negative, and each of its columns sums to one", points: 2,
                  hints: ["The softmax runs down each column n of the scores, over the inputs m: divide every exp by the sum of its column, not of its row."]) { t in
                let c = AttentionCase.handMade
                try expectProbabilityColumns(t, c, scaled: false, attention(t, c, scaled: false).attention)
            },
            Check("the attention matrix is the softmax of each column of KᵀQ (D = 3, D_q = 2, D_v = 4, N = 4)", points: 2,
                  hints: ["Entry (m, n) of the scores is kₘᵀ qₙ: key m on the rows, query n on the columns, that is KᵀQ. Every bias is added to every column of its projection."]) { t in
                let c = AttentionCase.handMade
                try expectAttention(t, c, scaled: false, attention(t, c, scaled: false).attention)
            },
            Check("the outputs are Sa = V A", points: 2,
                  hints: ["Output n is Σₘ A[m, n] vₘ, the values weighted by column n of A: the matrix product V A, D_v×N."]) { t in
                let c = AttentionCase.handMade
                try expectOutputs(t, c, scaled: false, attention(t, c, scaled: false))
            },
            Check("scaled: every score is divided by √D_q, here √3 (D = 2, D_v = 5, N = 6)", points: 2,
                  hints: ["D_q is the number of rows of the query weights: divide every score by its square root, before the softmax."]) { t in
                let c = AttentionCase.distinctSizes
                let result = try attention(t, c, scaled: true)
                try expectAttention(t, c, scaled: true, result.attention)
                try expectOutputs(t, c, scaled: true, result)
            },
            Check("scores in the thousands, and a column whose scores are all below −3000, give a finite attention matrix", points: 2) { t in
                for (c, scaledToo) in [(AttentionCase.extremeScores, false), (AttentionCase.handMade.scalingInputs(by: 100), true)] {
                    for scaled in scaledToo ? [false, true] : [false] {
                        let result = try attention(t, c, scaled: scaled)
                        expectFinite(t, c, scaled: scaled, result.attention)
                        try expectAttention(t, c, scaled: scaled, result.attention)
                        try expectOutputs(t, c, scaled: scaled, result)
                    }
                }
            },
            Check("selfAttention agrees with the reference on 100 seeded blocks, one in four with scores in the thousands", points: 1) { t in
                for scaled in [false, true] {
                    let space = InputSpace<AttentionCase>(
                        edges: [AttentionCase.extremeScores, AttentionCase.random(inputDimension: 1, queryDimension: 1, valueDimension: 1, count: 1, seed: 20)],
                        generate: { random in
                            let c = AttentionCase.random(inputDimension: random.integer(in: 1...4), queryDimension: random.integer(in: 1...4),
                                                         valueDimension: random.integer(in: 1...4), count: random.integer(in: 1...5),
                                                         seed: random.next() % 1_000_000)
                            return random.integer(below: 4) == 0 ? c.scalingInputs(by: 40) : c
                        },
                        shrink: { $0.smaller }, describe: { $0.call("selfAttention", scaled: scaled) })
                    try t.expectAgreement("selfAttention\(scaled ? ", scaled," : "")", on: space, count: 50, seed: scaled ? 11_002 : 11_001,
                                          student: { c in try attention(t, c, scaled: scaled) },
                                          reference: { c in
                                              let pass = c.forward(scaled: scaled)
                                              return (pass.output, pass.attention)
                                          },
                                          agree: { o, e in same(o.output, e.output, t.tolerance) && same(o.attention, e.attention, t.tolerance) },
                                          show: { "Sa = \(swiftText($0.output)) and A = \(swiftText($0.attention))" })
                }
            },
            // hidden checks: begin (removed by `course export`)
            Check("other large and very negative scores, plain and scaled", points: 2, visibility: .hidden) { t in
                for c in [AttentionCase.lesson.scalingInputs(by: 40), AttentionCase.extremeScores.scalingInputs(by: -1.5),
                          AttentionCase.distinctSizes.scalingInputs(by: 60)] {
                    for scaled in [false, true] {
                        let result = try attention(t, c, scaled: scaled)
                        expectFinite(t, c, scaled: scaled, result.attention)
                        try expectAttention(t, c, scaled: scaled, result.attention)
                        try expectOutputs(t, c, scaled: scaled, result)
                    }
                }
            },
            Check("other shapes and seeds, plain and scaled, including the lesson's run and a single input", points: 3, visibility: .hidden) { t in
                let cases = [AttentionCase.lesson, AttentionCase.handMade,
                             AttentionCase.random(inputDimension: 5, queryDimension: 3, valueDimension: 2, count: 6, seed: 1),
                             AttentionCase.random(inputDimension: 2, queryDimension: 4, valueDimension: 3, count: 3, seed: 2),
                             AttentionCase.random(inputDimension: 1, queryDimension: 1, valueDimension: 1, count: 2, seed: 3),
                             AttentionCase.random(inputDimension: 3, queryDimension: 2, valueDimension: 2, count: 1, seed: 4)]
                for c in cases {
                    for scaled in [false, true] {
                        let result = try attention(t, c, scaled: scaled)
                        try expectProbabilityColumns(t, c, scaled: scaled, result.attention)
                        try expectAttention(t, c, scaled: scaled, result.attention)
                        try expectOutputs(t, c, scaled: scaled, result)
                    }
                }
            },
            // hidden checks: end
        ])

    /// Whether two matrices have the same shape and agree entry by entry.
    private static func same(_ a: Matrix, _ b: Matrix, _ tolerance: Tolerance) -> Bool {
        a.rows == b.rows && a.columns == b.columns && zip(a.scalars, b.scalars).allSatisfy { tolerance.accepts($0, $1) }
    }

    /// Calls the student's selfAttention.
    private static func attention(_ t: CheckContext, _ c: AttentionCase, scaled: Bool) throws -> (output: Matrix, attention: Matrix) {
        let parts = try t.tuple("selfAttention", count: 2, c.x, c.queryWeights, c.queryBias, c.keyWeights, c.keyBias,
                                c.valueWeights, c.valueBias, scaled)
        return (try t.decode(parts[0], as: Matrix.self, "the outputs"), try t.decode(parts[1], as: Matrix.self, "the attention matrix"))
    }

    private static func what(_ c: AttentionCase, scaled: Bool, _ name: String) -> String {
        "With \(c.description)\(scaled ? ", scaled" : ""), \(name)"
    }

    /// Expects A to be N×N with entries in [0, 1] and columns summing to one, naming a softmax
    /// along the rows when the rows sum to one instead.
    private static func expectProbabilityColumns(_ t: CheckContext, _ c: AttentionCase, scaled: Bool, _ a: Matrix) throws {
        let n = c.x.columns
        let name = what(c, scaled: scaled, "the attention matrix")
        guard a.rows == n && a.columns == n else {
            return t.expect(false, "\(name) is \(a.rows)×\(a.columns); it must be N×N = \(n)×\(n): A[m, n] = a[xₘ, xₙ], one row per input attended to, one column per output.")
        }
        if let bad = a.scalars.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            t.expect(false, "\(name)[\(bad / n), \(bad % n)] is \(formatNumber(a.scalars[bad], digits: 6)): attention weights are softmax values, between 0 and 1.")
        }
        let columnSums = a.columnSums().scalars, rowSums = a.rowSums().scalars
        let one = { (s: Double) in abs(s - 1) <= 1e-9 }
        if let column = columnSums.firstIndex(where: { !one($0) }) {
            let along = rowSums.allSatisfy(one) ? " Its rows sum to one instead: the softmax runs over m, down each column, not along the rows." : " The softmax runs over m, down each column: A[·, n] = softmax of the scores k₁ᵀqₙ … k_Nᵀqₙ."
            t.expect(false, "\(name): column \(column) sums to \(formatNumber(columnSums[column], digits: 6)), not 1.\(along)")
        } else {
            t.expect(true, "")
        }
    }

    /// Expects A to be the reference's, naming the usual ways of getting it wrong.
    private static func expectAttention(_ t: CheckContext, _ c: AttentionCase, scaled: Bool, _ a: Matrix) throws {
        let pass = c.forward(scaled: scaled)
        let q = pass.queries, k = pass.keys
        let dq = Double(q.rows), d = Double(c.x.rows)
        let scoresUnscaled = k.transposed * q
        let weights = { (scores: Matrix) in attentionWeights(scores: scores) }
        var mistakes = [
            Mistake("This is the softmax along each row of the scores: the softmax runs over m, down each column, so that the weights output n gives to the inputs sum to one.",
                    weights(pass.scores.transposed).transposed),
            Mistake("These are the weights of softmaxₘ(qₘᵀkₙ): keys and queries have swapped roles. The score of input m for output n is kₘᵀqₙ, S = KᵀQ.",
                    weights((q.transposed * k) * (scaled ? 1 / dq.squareRoot() : 1))),
        ]
        if scaled {
            mistakes += [
                Mistake("The scores are divided by D_q = \(q.rows) instead of its square root √D_q.", weights(scoresUnscaled / dq)),
                Mistake("The scores are divided by √D = √\(c.x.rows), the size of the inputs, instead of √D_q = √\(q.rows), the size of the queries and keys.",
                        weights(scoresUnscaled / d.squareRoot())),
                Mistake("The scores are divided by D = \(c.x.rows) instead of √D_q = √\(q.rows).", weights(scoresUnscaled / d)),
                Mistake("The scores are divided by √N = √\(c.x.columns), the number of inputs, instead of √D_q = √\(q.rows), the size of the queries and keys.",
                        weights(scoresUnscaled / Double(c.x.columns).squareRoot())),
                Mistake("The scores are divided by √D_v = √\(c.valueWeights.rows), the size of the values, instead of √D_q = √\(q.rows), the size of the queries and keys.",
                        weights(scoresUnscaled / Double(c.valueWeights.rows).squareRoot())),
                Mistake("The scores are multiplied by √D_q instead of divided by it.", weights(scoresUnscaled * dq.squareRoot())),
                Mistake("These are the unscaled weights: with scaled, every score is divided by √D_q = √\(q.rows) first.", weights(scoresUnscaled)),
            ]
        } else {
            mistakes.append(Mistake("The scores are divided by √D_q although scaled is false.", weights(scoresUnscaled / dq.squareRoot())))
        }
        t.expect(a, equals: pass.attention, what(c, scaled: scaled, "the attention matrix"), mistakes: Mistake.merged(mistakes))
    }

    /// Expects the outputs to be the reference's V A, naming a wrong A, a forgotten value bias
    /// and a transposed A.
    private static func expectOutputs(_ t: CheckContext, _ c: AttentionCase, scaled: Bool,
                                      _ result: (output: Matrix, attention: Matrix)) throws {
        let (output, attention) = result
        let pass = c.forward(scaled: scaled)
        var mistakes = [
            Mistake("The value bias β_v is missing: vₘ = β_v + Ω_v xₘ.", (c.valueWeights * c.x) * pass.attention),
            Mistake("These are V Aᵀ: output n must mix the values with column n of A, the weights its own query chose, so Sa = V A.",
                    pass.values * pass.attention.transposed),
        ]
        if attention.rows == pass.attention.rows && attention.columns == pass.attention.columns
            && !zip(attention.scalars, pass.attention.scalars).allSatisfy({ t.tolerance.accepts($0, $1) }) {
            mistakes.insert(Mistake("These are V times your attention matrix, which is wrong: fix A first.", pass.values * attention), at: 0)
        }
        t.expect(output, equals: pass.output, what(c, scaled: scaled, "the outputs Sa"), mistakes: mistakes)
    }

    /// Expects no NaN or ∞ in A, naming the overflow of exp and its cure.
    private static func expectFinite(_ t: CheckContext, _ c: AttentionCase, scaled: Bool, _ a: Matrix) {
        guard let bad = a.scalars.firstIndex(where: { !$0.isFinite }) else { return t.expect(true, "") }
        let largest = c.forward(scaled: scaled).scores.scalars.max() ?? 0
        t.expect(false, "\(what(c, scaled: scaled, "the attention matrix"))[\(bad / a.columns), \(bad % a.columns)] is \(a.scalars[bad].isNaN ? "NaN" : a.scalars[bad] > 0 ? "∞" : "−∞"): "
            + "the scores reach \(formatNumber(largest, digits: 6)) and exp overflows above about 709. Subtract the column maximum from every score of the column before exp: the softmax does not change (section 6).")
    }
}
