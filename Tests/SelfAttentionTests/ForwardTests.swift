import CourseTestSupport
import Testing
import CourseKit
import SelfAttention

/// Random parameters of any shape: Ω_q, Ω_k D_q×D, Ω_v D_v×D.
func randomParameters(_ random: inout SeededGenerator, D: Int, queryDimension: Int, valueDimension: Int) -> AttentionParameters {
    AttentionParameters(queryWeights: random.matrix(rows: queryDimension, columns: D, in: -1...1),
                        queryBias: random.matrix(rows: queryDimension, columns: 1, in: -1...1),
                        keyWeights: random.matrix(rows: queryDimension, columns: D, in: -1...1),
                        keyBias: random.matrix(rows: queryDimension, columns: 1, in: -1...1),
                        valueWeights: random.matrix(rows: valueDimension, columns: D, in: -1...1),
                        valueBias: random.matrix(rows: valueDimension, columns: 1, in: -1...1))
}

@Suite struct ForwardTests {
    /// Self-attention written from the per-vector definitions, with plain arrays:
    /// qₙ = β_q + Ω_q xₙ, kₘ = β_k + Ω_k xₘ, vₘ = β_v + Ω_v xₘ,
    /// a[xₘ, xₙ] = exp(kₘ·qₙ) / Σ exp(k_{m′}·qₙ), saₙ = Σₘ a[xₘ, xₙ] vₘ.
    static func definition(_ x: Matrix, _ θ: AttentionParameters, scale: Double = 1) -> (output: Matrix, attention: Matrix) {
        func affine(_ w: Matrix, _ b: Matrix, _ v: [Double]) -> [Double] {
            (0..<w.rows).map { i in b[i, 0] + (0..<w.columns).reduce(0) { $0 + w[i, $1] * v[$1] } }
        }
        let columns = (0..<x.columns).map { x.column($0) }
        let q = columns.map { affine(θ.queryWeights, θ.queryBias, $0) }
        let k = columns.map { affine(θ.keyWeights, θ.keyBias, $0) }
        let v = columns.map { affine(θ.valueWeights, θ.valueBias, $0) }
        var a = Matrix(rows: x.columns, columns: x.columns)
        for n in q.indices {
            let e = k.map { exp(scale * zip($0, q[n]).map(*).reduce(0, +)) }
            let total = e.reduce(0, +)
            for m in k.indices { a[m, n] = e[m] / total }
        }
        let output = Matrix(rows: θ.valueWeights.rows, columns: x.columns) { i, n in
            k.indices.reduce(0) { $0 + a[$1, n] * v[$1][i] }
        }
        return (output, a)
    }

    // The matrix form (V A with A = column softmax of KᵀQ) equals the per-vector definition,
    // for square and non-square Ω, scaled or not.
    @Test func matrixFormMatchesTheDefinition() {
        var random = SeededGenerator(seed: 601)
        for (D, Dq, Dv, N) in [(4, 4, 4, 3), (4, 4, 4, 5), (3, 2, 5, 4), (2, 5, 3, 6)] {
            let θ = randomParameters(&random, D: D, queryDimension: Dq, valueDimension: Dv)
            let x = random.matrix(rows: D, columns: N, in: -2...2)
            for scaled in [false, true] {
                let pass = SelfAttentionPass(x: x, parameters: θ, scaled: scaled)
                let expected = Self.definition(x, θ, scale: scaled ? 1 / Double(Dq).squareRoot() : 1)
                expectClose(pass.attention, expected.attention, "A for D=\(D) D_q=\(Dq) N=\(N) scaled=\(scaled)")
                expectClose(pass.output, expected.output, "Sa for D=\(D) D_q=\(Dq) N=\(N) scaled=\(scaled)")
            }
        }
    }

    // The attention weights are positive and every column sums to one.
    @Test func attentionColumnsArePositiveAndSumToOne() {
        let pass = SelfAttentionPass(x: Lesson6.inputs, parameters: Lesson6.parameters)
        #expect(pass.attention.scalars.allSatisfy { $0 > 0 })
        expectClose(pass.attention.columnSums().scalars, Array(repeating: 1, count: 5), "column sums")
        #expect(pass.attention.rowSums().scalars.contains { abs($0 - 1) > 0.1 }, "rows should not sum to one here")
    }

    // A[m, n] pairs key m with query n: swapping the roles of keys and queries changes A.
    @Test func keysIndexRowsAndQueriesIndexColumns() {
        let pass = SelfAttentionPass(x: Lesson6.inputs, parameters: Lesson6.parameters)
        let k1 = pass.keys.column(1), q3 = pass.queries.column(3)
        #expect(abs(pass.scores[1, 3] - zip(k1, q3).map(*).reduce(0, +)) < 1e-12)
        #expect(largestDifference(pass.scores, pass.scores.transposed) > 0.1)
    }

    // Scaling divides the scores by √D_q: the same as halving Ω_q and β_q when D_q = 4.
    @Test func scalingDividesScoresByTheRootOfTheQueryDimension() {
        var θ = Lesson6.parameters
        let scaled = SelfAttentionPass(x: Lesson6.inputs, parameters: θ, scaled: true)
        θ.queryWeights = θ.queryWeights / 2
        θ.queryBias = θ.queryBias / 2
        let halved = SelfAttentionPass(x: Lesson6.inputs, parameters: θ)
        expectClose(scaled.output, halved.output, "scaled versus halved queries")
    }

    // 3D² + 3D parameters, whatever N: 60 for D = 4, and the struct counts the same.
    @Test func parameterCountIs3DSquaredPlus3D() {
        #expect(selfAttentionParameterCount(dimension: 4) == 60)
        #expect(selfAttentionParameterCount(dimension: 64) == 12480)
        for D in [1, 2, 4, 7] {
            #expect(AttentionParameters(dimension: D, seed: 1).count == 3 * D * D + 3 * D)
        }
        #expect(selfAttentionMultiplyAdds(inputs: 10, dimension: 64) == 135_680)
    }

    // sa[X P] = sa[X] P and A[X P] = Pᵀ A[X] P for every permutation P of the inputs.
    @Test func permutingInputsPermutesOutputs() {
        var random = SeededGenerator(seed: 602)
        let θ = randomParameters(&random, D: 3, queryDimension: 2, valueDimension: 4)
        let x = random.matrix(rows: 3, columns: 6, in: -2...2)
        let original = SelfAttentionPass(x: x, parameters: θ)
        for _ in 0..<10 {
            let order = random.shuffled(Array(0..<6))
            let permuted = SelfAttentionPass(x: permutingColumns(x, order), parameters: θ)
            expectClose(permuted.output, permutingColumns(original.output, order), "outputs for \(order)")
            expectClose(permuted.attention, permutingRowsAndColumns(original.attention, order), "attention for \(order)")
        }
    }

    // Subtracting the maximum keeps the softmax finite: [1000, 999, 998] gives
    // [0.6652, 0.2447, 0.0900], where the unshifted formula gives NaN.
    @Test func softmaxStaysFiniteOnLargeScores() {
        let stable = attentionWeights(scores: Matrix(column: Lesson6.largeScores)).scalars
        expectClose(stable, [0.6652409557748218, 0.24472847105479764, 0.09003057317038046], "softmax")
        #expect(unshiftedSoftmax(Lesson6.largeScores).allSatisfy { $0.isNaN })
        let loud = SelfAttentionPass(x: Lesson6.inputs * 100, parameters: Lesson6.parameters, scaled: false)
        #expect(loud.scores.scalars.map(abs).max()! > 1000)
        #expect(loud.attention.scalars.allSatisfy { $0.isFinite } && loud.output.scalars.allSatisfy { $0.isFinite })
    }

    // Unscaled scores of random unit-variance queries and keys have a spread near √D_q; scaled
    // ones near 1.
    @Test func unscaledScoresSpreadLikeTheRootOfTheDimension() {
        var random = SeededGenerator(seed: 603)
        let D = 64
        let q = random.normalMatrix(rows: D, columns: 1), k = random.normalMatrix(rows: D, columns: 400)
        let scores = (k.transposed * q).scalars
        let spread = (scores.map { $0 * $0 }.reduce(0, +) / 400).squareRoot()
        #expect(spread > 5 && spread < 11, "spread \(spread), expected near √64 = 8")
    }
}
