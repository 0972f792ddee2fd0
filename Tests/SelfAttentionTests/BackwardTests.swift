import CourseTestSupport
import Testing
import CourseKit
import SelfAttention

@Suite struct BackwardTests {
    // All seven gradients of L = Σ G ⊙ Sa (X, Ω_q, Ω_k, Ω_v, β_q, β_k, β_v) agree with
    // central differences, for square and non-square shapes, scaled or not.
    @Test func allSevenGradientsPassTheNumericCheck() {
        var random = SeededGenerator(seed: 611)
        for (D, Dq, Dv, N) in [(4, 4, 4, 3), (3, 2, 5, 4), (2, 5, 3, 6), (1, 1, 1, 2)] {
            let θ = randomParameters(&random, D: D, queryDimension: Dq, valueDimension: Dv)
            let x = random.matrix(rows: D, columns: N, in: -2...2)
            let g = random.matrix(rows: Dv, columns: N, in: -1...1)
            for scaled in [false, true] {
                let checks = Lesson6.gradientChecks(x: x, parameters: θ, outputGradient: g, scaled: scaled)
                #expect(checks.count == 7)
                for check in checks {
                    expectPasses(check.result, "\(check.name) for D=\(D) D_q=\(Dq) D_v=\(Dv) N=\(N) scaled=\(scaled)")
                }
            }
        }
    }

    // ∂L/∂β_k = 0: adding β_kᵀqₙ to every score of column n leaves its softmax unchanged.
    // And ∂L/∂β_v = G 𝟙, because every column of A sums to one.
    @Test func keyBiasGradientVanishesAndValueBiasGradientSumsG() {
        var random = SeededGenerator(seed: 612)
        let θ = randomParameters(&random, D: 3, queryDimension: 2, valueDimension: 4)
        let x = random.matrix(rows: 3, columns: 5, in: -2...2)
        let g = random.matrix(rows: 4, columns: 5, in: -1...1)
        let d = SelfAttentionPass(x: x, parameters: θ).backward(outputGradient: g, parameters: θ)
        #expect(d.keyBias.scalars.allSatisfy { abs($0) < 1e-12 }, "∂L/∂β_k = \(d.keyBias.scalars)")
        expectClose(d.valueBias, g.rowSums(), "∂L/∂β_v")
    }

    // The column-softmax backward applies the Jacobian diag(a) − a aᵀ to each column.
    @Test func softmaxBackwardIsTheJacobianTransposedTimesUpstream() {
        var random = SeededGenerator(seed: 613)
        let s = random.matrix(rows: 4, columns: 3, in: -2...2)
        let up = random.matrix(rows: 4, columns: 3, in: -1...1)
        let a = attentionWeights(scores: s)
        let observed = attentionWeightsGradient(attention: a, upstream: up)
        for n in 0..<3 {
            let jacobian = Matrix(rows: 4, columns: 4) { i, j in (i == j ? a[i, n] : 0) - a[i, n] * a[j, n] }
            let expected = jacobian.transposed * Matrix(column: up.column(n))
            expectClose(observed.column(n), expected.scalars, "column \(n)")
        }
        let check = GradientCheck().check(analytic: observed, of: { (up .* attentionWeights(scores: $0)).sum() }, at: s)
        expectPasses(check, "∂L/∂S")
    }

    // The projection β𝟙ᵀ + Ω X has gradients Ωᵀ U, U Xᵀ and U 𝟙 for upstream U.
    @Test func projectionGradientsPassTheNumericCheck() {
        var random = SeededGenerator(seed: 614)
        let x = random.matrix(rows: 3, columns: 4, in: -1...1)
        let w = random.matrix(rows: 2, columns: 3, in: -1...1), b = random.matrix(rows: 2, columns: 1, in: -1...1)
        let up = random.matrix(rows: 2, columns: 4, in: -1...1)
        let d = projectionGradients(x, weights: w, upstream: up)
        let checker = GradientCheck()
        expectPasses(checker.check(analytic: d.input, of: { (up .* project($0, weights: w, bias: b)).sum() }, at: x), "∂/∂X")
        expectPasses(checker.check(analytic: d.weights, of: { (up .* project(x, weights: $0, bias: b)).sum() }, at: w), "∂/∂Ω")
        expectPasses(checker.check(analytic: d.bias, of: { (up .* project(x, weights: w, bias: $0)).sum() }, at: b), "∂/∂β")
    }
}
