import Answers
import CourseKit
import SelfAttention

extension Catalogue {
    /// Exercise 12: the backward pass of self-attention, the gradients for the inputs, the
    /// three weight matrices and the three biases (lesson 6, section 7).
    ///
    /// The student does not write the forward pass here, so every gradient is compared with
    /// central differences of L = Σ G ⊙ Sa computed by the reference forward pass, and with
    /// the reference gradient.
    static let exercise12 = Exercise(
        number: 12, title: "Self-attention, backward pass", lesson: 6,
        functions: [
            "func selfAttentionGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix, scaled: Bool, outputGradient: Matrix) -> (input: Matrix, queryWeights: Matrix, keyWeights: Matrix, valueWeights: Matrix)",
            "func selfAttentionBiasGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix, scaled: Bool, outputGradient: Matrix) -> (queryBias: Matrix, keyBias: Matrix, valueBias: Matrix)",
        ],
        hints: [
            "Section 7 of lessons/lesson6-self-attention.md goes back through the forward pass one line at a time. Redo the forward pass first (exercise 11) and keep V, Q, K and A.",
            "Through Sa = V A: ∂L/∂V = G Aᵀ and ∂L/∂A = Vᵀ G (N×N, entry (m, n) pairs value vₘ with the gradient of output n).",
            "Through the softmax of column n: ∂L/∂S[m, n] = aₘ(γₘ − Σ_{m′} a_{m′}γ_{m′}) with a = A[·, n] and γ = ∂L/∂A[·, n]; then multiply by c = 1/√D_q when scaled. Every column of ∂L/∂S sums to zero, which is why ∂L/∂β_k = 0.",
            "Through S = c·KᵀQ: ∂L/∂Q = K ∂L/∂S and ∂L/∂K = Q (∂L/∂S)ᵀ (the keys index the rows of S). Through each projection P = β𝟙ᵀ + Ω X: ∂L/∂Ω = ∂L/∂P Xᵀ and ∂L/∂β = the row sums of ∂L/∂P.",
            "X feeds all three projections: ∂L/∂X = Ω_qᵀ ∂L/∂Q + Ω_kᵀ ∂L/∂K + Ω_vᵀ ∂L/∂V. Check yourself: ∂L/∂β_v is the row sums of G, and ∂L/∂β_k is 0 to rounding.",
        ],
        checks: [
            Check("∂L/∂X agrees with central differences of L = Σ G ⊙ Sa and with the reference", points: 2,
                  hints: ["X is used three times, by the values, the queries and the keys: ∂L/∂X adds the three paths. Get the forward pass of exercise 11 right first: the central differences come from it."]) { t in
                try expectWeightGradients(t, AttentionCase.handMade, scaled: false, seed: 1, only: [.input])
            },
            Check("∂L/∂Ω_q, ∂L/∂Ω_k and ∂L/∂Ω_v agree with central differences and with the reference", points: 3,
                  hints: ["Go back one step at a time: through Sa = V A to ∂L/∂V and ∂L/∂A, through each column's softmax to the scores, through S = KᵀQ to ∂L/∂Q and ∂L/∂K, then through each projection to its weights."]) { t in
                try expectWeightGradients(t, AttentionCase.handMade, scaled: false, seed: 1,
                                          only: [.queryWeights, .keyWeights, .valueWeights])
            },
            Check("∂L/∂β_q, ∂L/∂β_k = 0 and ∂L/∂β_v = G𝟙", points: 2,
                  hints: ["Each bias is added to every column of its projection, so its gradient is the sum over the columns (the row sums) of that projection's gradient."]) { t in
                try expectBiasGradients(t, AttentionCase.handMade, scaled: false, seed: 1)
            },
            Check("scaled: every gradient carries the factor 1/√D_q of the scores, here √3 (D = 2, D_v = 5, N = 6)", points: 2,
                  hints: ["With scaled, the scores are c·KᵀQ with c = 1/√D_q: the backward pass multiplies by the same c on its way from the scores to Q and K."]) { t in
                try expectWeightGradients(t, AttentionCase.distinctSizes, scaled: true, seed: 2, only: Gradient.allCases)
                try expectBiasGradients(t, AttentionCase.distinctSizes, scaled: true, seed: 2)
            },
            Check("inputs 100 times larger (scores in the thousands) and a single input (N = 1) give the right, finite gradients", points: 2) { t in
                let large = AttentionCase.handMade.scalingInputs(by: 100)
                try expectWeightGradients(t, large, scaled: false, seed: 3, only: Gradient.allCases, numeric: false)
                try expectBiasGradients(t, large, scaled: false, seed: 3, numeric: false)
                let single = AttentionCase.random(inputDimension: 3, queryDimension: 2, valueDimension: 2, count: 1, seed: 13)
                try expectWeightGradients(t, single, scaled: true, seed: 4, only: Gradient.allCases)
                try expectBiasGradients(t, single, scaled: true, seed: 4)
            },
            Check("selfAttentionGradients agrees with the reference on 60 seeded blocks, plain and scaled", points: 1) { t in
                for scaled in [false, true] {
                    let space = InputSpace<AttentionCase>(
                        edges: [AttentionCase.random(inputDimension: 1, queryDimension: 1, valueDimension: 1, count: 1, seed: 21)],
                        generate: { random in
                            AttentionCase.random(inputDimension: random.integer(in: 1...3), queryDimension: random.integer(in: 1...3),
                                                 valueDimension: random.integer(in: 1...3), count: random.integer(in: 1...4),
                                                 seed: random.next() % 1_000_000)
                        },
                        shrink: { $0.smaller },
                        describe: { c in
                            c.call("selfAttentionGradients", scaled: scaled).dropLast() + ", outputGradient: \(swiftText(upstream(c, seed: 30))))"
                        })
                    try t.expectAgreement("selfAttentionGradients\(scaled ? ", scaled," : "")", on: space, count: 30, seed: scaled ? 12_002 : 12_001,
                                          student: { c in
                                              try t.tuple("selfAttentionGradients", count: 4, c.x, c.queryWeights, c.queryBias, c.keyWeights,
                                                          c.keyBias, c.valueWeights, c.valueBias, scaled, upstream(c, seed: 30))
                                                  .map { try t.decode($0, as: Matrix.self, "a gradient") }
                                          },
                                          reference: { c in
                                              let d = c.forward(scaled: scaled).backward(outputGradient: upstream(c, seed: 30), parameters: c.parameters)
                                              return [d.input, d.queryWeights, d.keyWeights, d.valueWeights]
                                          },
                                          agree: { agree($0, $1, t.tolerance) },
                                          show: { swiftText(zip(["∂L/∂X", "∂L/∂Ω_q", "∂L/∂Ω_k", "∂L/∂Ω_v"], $0).map { ($0, $1) }) })
                }
            },
            // hidden checks: begin (removed by `course export`)
            Check("other large scores, plain and scaled", points: 2, visibility: .hidden) { t in
                for c in [AttentionCase.handMade.scalingInputs(by: 100), AttentionCase.extremeScores, AttentionCase.lesson.scalingInputs(by: 40)] {
                    for scaled in [false, true] {
                        try expectWeightGradients(t, c, scaled: scaled, seed: 5, only: Gradient.allCases, numeric: false)
                        try expectBiasGradients(t, c, scaled: scaled, seed: 5, numeric: false)
                    }
                }
            },
            Check("other shapes and seeds, plain and scaled, including the lesson's run and a single input", points: 3, visibility: .hidden) { t in
                let cases = [AttentionCase.lesson, AttentionCase.handMade,
                             AttentionCase.random(inputDimension: 5, queryDimension: 3, valueDimension: 2, count: 6, seed: 11),
                             AttentionCase.random(inputDimension: 2, queryDimension: 4, valueDimension: 3, count: 3, seed: 12),
                             AttentionCase.random(inputDimension: 4, queryDimension: 3, valueDimension: 1, count: 1, seed: 14)]
                for (index, c) in cases.enumerated() {
                    for scaled in [false, true] {
                        try expectWeightGradients(t, c, scaled: scaled, seed: 10 + UInt64(index), only: Gradient.allCases)
                        try expectBiasGradients(t, c, scaled: scaled, seed: 10 + UInt64(index))
                    }
                }
            },
            // hidden checks: end
        ])

    /// The upstream gradient G = ∂L/∂Sa, D_v×N, seeded.
    private static func upstream(_ c: AttentionCase, seed: UInt64) -> Matrix {
        var random = SeededGenerator(seed: 12_000 + seed)
        return random.matrix(rows: c.valueWeights.rows, columns: c.x.columns, in: -1.5...1.5)
    }

    private static func what(_ c: AttentionCase, scaled: Bool) -> String {
        "With \(c.description)\(scaled ? ", scaled" : ""),"
    }

    private static func expectWeightGradients(_ t: CheckContext, _ c: AttentionCase, scaled: Bool, seed: UInt64,
                                              only wanted: [Gradient], numeric: Bool = true) throws {
        let g = upstream(c, seed: seed)
        let parts = try t.tuple("selfAttentionGradients", count: 4, c.x, c.queryWeights, c.queryBias, c.keyWeights, c.keyBias,
                                c.valueWeights, c.valueBias, scaled, g)
        for (gradient, part) in zip([Gradient.input, .queryWeights, .keyWeights, .valueWeights], parts) where wanted.contains(gradient) {
            let observed = try t.decode(part, as: Matrix.self, "the gradient \(gradient.symbol)")
            try expect(t, gradient, observed, c, scaled: scaled, g: g, numeric: numeric)
        }
    }

    private static func expectBiasGradients(_ t: CheckContext, _ c: AttentionCase, scaled: Bool, seed: UInt64,
                                            numeric: Bool = true) throws {
        let g = upstream(c, seed: seed)
        let parts = try t.tuple("selfAttentionBiasGradients", count: 3, c.x, c.queryWeights, c.queryBias, c.keyWeights, c.keyBias,
                                c.valueWeights, c.valueBias, scaled, g)
        for (gradient, part) in zip([Gradient.queryBias, .keyBias, .valueBias], parts) {
            let observed = try t.decode(part, as: Matrix.self, "the gradient \(gradient.symbol)")
            try expect(t, gradient, observed, c, scaled: scaled, g: g, numeric: numeric)
        }
    }

    /// Expects one gradient to agree with central differences of the reference forward pass
    /// and with the reference gradient, naming the usual mistakes of the backward pass.
    private static func expect(_ t: CheckContext, _ gradient: Gradient, _ observed: Matrix, _ c: AttentionCase,
                               scaled: Bool, g: Matrix, numeric: Bool) throws {
        let name = "\(what(c, scaled: scaled)) \(gradient.symbol)"
        let reference = gradient.of(c.forward(scaled: scaled).backward(outputGradient: g, parameters: c.parameters))
        guard observed.rows == reference.rows && observed.columns == reference.columns else {
            return t.expect(observed, equals: reference, "\(name) (the shape of \(gradient.parameter))")
        }
        if !observed.scalars.allSatisfy(\.isFinite) {
            t.expect(false, "\(name) has NaN or ∞ entries: redo the forward pass with a softmax that subtracts the column maximum before exp (exercise 11), so that scores in the thousands stay finite.")
        }
        if numeric {
            let point = c[keyPath: gradient.keyPath]
            let checker = GradientCheck()
            let differences = checker.numericGradient(of: { scalars in
                var moved = c
                moved[keyPath: gradient.keyPath] = Matrix(rows: point.rows, columns: point.columns, scalars: scalars)
                return (moved.forward(scaled: scaled).output .* g).sum()
            }, at: point.scalars)
            // Central differences of the reference forward pass agree with the reference
            // gradient, so a disagreement here is the same finding as the comparison below:
            // it counts, and the comparison's message says it once.
            let numericTolerance = Tolerance(relative: checker.relativeTolerance, absolute: checker.absoluteTolerance)
            t.expect(zip(observed.scalars, differences).allSatisfy { numericTolerance.accepts($0, $1) }, "")
        }
        let mistakes = BackwardMistake.allCases.compactMap { mistake -> Mistake? in
            guard mistake != .scaleForgotten || scaled else { return nil }
            return Mistake(mistake.explanation, gradient.of(AttentionBackward(c, scaled: scaled, g: g, mistake: mistake).gradients))
        }
        if gradient == .keyBias {
            let known = mistakes.first { m in zip(observed.scalars, m.value.scalars).allSatisfy { t.tolerance.accepts($0, $1) } }
            let fine = zip(observed.scalars, reference.scalars).allSatisfy { t.tolerance.accepts($0, $1) }
            return t.expect(fine, "\(name) must be 0 (to rounding) and is not, e.g. [0, 0] = \(formatNumber(observed.scalars[0], digits: 6)). "
                + (known?.explanation ?? "β_k adds β_kᵀqₙ to every score of column n, and the softmax ignores a shift shared by a whole column: the columns of ∂L/∂S sum to zero, so ∂L/∂β_k = Q (∂L/∂S)ᵀ𝟙 = 0. Check the step through the softmax and the key gradient."))
        }
        t.expect(observed, equals: reference, name, mistakes: mistakes)
    }
}

/// The seven gradients of exercise 12, with their symbols and the parameter each belongs to.
private enum Gradient: CaseIterable {
    case input, queryWeights, keyWeights, valueWeights, queryBias, keyBias, valueBias

    var symbol: String {
        switch self {
        case .input: "∂L/∂X"
        case .queryWeights: "∂L/∂Ω_q"
        case .keyWeights: "∂L/∂Ω_k"
        case .valueWeights: "∂L/∂Ω_v"
        case .queryBias: "∂L/∂β_q"
        case .keyBias: "∂L/∂β_k"
        case .valueBias: "∂L/∂β_v"
        }
    }

    var parameter: String {
        switch self {
        case .input: "X, D×N"
        case .queryWeights: "Ω_q, D_q×D"
        case .keyWeights: "Ω_k, D_q×D"
        case .valueWeights: "Ω_v, D_v×D"
        case .queryBias: "β_q, a D_q×1 column"
        case .keyBias: "β_k, a D_q×1 column"
        case .valueBias: "β_v, a D_v×1 column"
        }
    }

    var keyPath: WritableKeyPath<AttentionCase, Matrix> {
        switch self {
        case .input: \.x
        case .queryWeights: \.queryWeights
        case .keyWeights: \.keyWeights
        case .valueWeights: \.valueWeights
        case .queryBias: \.queryBias
        case .keyBias: \.keyBias
        case .valueBias: \.valueBias
        }
    }

    func of(_ d: AttentionGradients) -> Matrix {
        switch self {
        case .input: d.input
        case .queryWeights: d.queryWeights
        case .keyWeights: d.keyWeights
        case .valueWeights: d.valueWeights
        case .queryBias: d.queryBias
        case .keyBias: d.keyBias
        case .valueBias: d.valueBias
        }
    }
}

/// The typical mistakes of the backward pass, each with what to tell a student who made it.
private enum BackwardMistake: CaseIterable {
    case softmaxWithoutSubtraction, attentionGradientTransposed, keyGradientNotTransposed, valueGradientNotTransposed
    case inputMissesValuePath, inputMissesKeyPath, inputMissesQueryPath, scaleForgotten, biasAveraged

    var explanation: String {
        switch self {
        case .softmaxWithoutSubtraction:
            "The step through the softmax misses the subtracted term: ∂L/∂S[m, n] = aₘ(γₘ − Σ_{m′} a_{m′}γ_{m′}), not aₘγₘ; the normalisation of each column makes every weight depend on every score."
        case .attentionGradientTransposed:
            "∂L/∂A is transposed: it is Vᵀ G, whose entry (m, n) pairs value vₘ with the gradient of output n, not Gᵀ V."
        case .keyGradientNotTransposed:
            "This uses ∂L/∂K = Q ∂L/∂S, but S = KᵀQ puts the keys on the rows of S: ∂L/∂K = Q (∂L/∂S)ᵀ."
        case .valueGradientNotTransposed:
            "This uses ∂L/∂V = G A, but Sa = V A puts A on the right: ∂L/∂V = G Aᵀ, whose column m collects what value m gave every output."
        case .inputMissesValuePath:
            "∂L/∂X misses the path through the values: X feeds V, Q and K, so ∂L/∂X = Ω_qᵀ ∂L/∂Q + Ω_kᵀ ∂L/∂K + Ω_vᵀ ∂L/∂V."
        case .inputMissesKeyPath:
            "∂L/∂X misses the path through the keys: X feeds V, Q and K, so ∂L/∂X = Ω_qᵀ ∂L/∂Q + Ω_kᵀ ∂L/∂K + Ω_vᵀ ∂L/∂V."
        case .inputMissesQueryPath:
            "∂L/∂X misses the path through the queries: X feeds V, Q and K, so ∂L/∂X = Ω_qᵀ ∂L/∂Q + Ω_kᵀ ∂L/∂K + Ω_vᵀ ∂L/∂V."
        case .scaleForgotten:
            "The factor 1/√D_q of the scaled scores is missing from the backward pass: S = c·KᵀQ, so ∂L/∂S carries c = 1/√D_q too."
        case .biasAveraged:
            "This is the mean over the N columns, not the sum: each bias is added to every column, so ∂L/∂β = ∂L/∂P 𝟙, the row sums."
        }
    }
}

/// The backward pass of self-attention, right or with one typical mistake, for naming what a
/// wrong gradient matches.
private struct AttentionBackward {
    let gradients: AttentionGradients

    init(_ c: AttentionCase, scaled: Bool, g: Matrix, mistake: BackwardMistake? = nil) {
        let code = mistake.map { BackwardMistake.allCases.firstIndex(of: $0)! } ?? -1
        gradients = AnswerKeys.answer("Grader.AttentionBackward", [c.x, scaled, g, code] + c.parameters.answerArguments) {
            // answer: exercise12 begin
            let pass = c.forward(scaled: scaled)
            let factor = scaled && mistake != .scaleForgotten ? 1 / Double(c.queryWeights.rows).squareRoot() : 1
            let dValues = mistake == .valueGradientNotTransposed ? g * pass.attention : g * pass.attention.transposed
            let dAttention = mistake == .attentionGradientTransposed ? g.transposed * pass.values : pass.values.transposed * g
            let dScores = (mistake == .softmaxWithoutSubtraction
                ? pass.attention .* dAttention
                : attentionWeightsGradient(attention: pass.attention, upstream: dAttention)) * factor
            let dQueries = pass.keys * dScores
            let dKeys = pass.queries * (mistake == .keyGradientNotTransposed ? dScores : dScores.transposed)
            let q = projectionGradients(c.x, weights: c.queryWeights, upstream: dQueries)
            let k = projectionGradients(c.x, weights: c.keyWeights, upstream: dKeys)
            let v = projectionGradients(c.x, weights: c.valueWeights, upstream: dValues)
            let n = mistake == .biasAveraged ? Double(c.x.columns) : 1
            let input = (mistake == .inputMissesQueryPath ? q.input * 0 : q.input) + (mistake == .inputMissesKeyPath ? k.input * 0 : k.input)
                + (mistake == .inputMissesValuePath ? v.input * 0 : v.input)
            return AttentionGradients(input: input,
                                      queryWeights: q.weights, queryBias: q.bias / n, keyWeights: k.weights, keyBias: k.bias / n,
                                      valueWeights: v.weights, valueBias: v.bias / n)
            // answer: exercise12 end
        }
    }
}
