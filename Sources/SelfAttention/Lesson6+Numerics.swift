import CourseKit

extension Lesson6 {
    /// The scores of the stable-softmax example.
    public static let largeScores: [Double] = [1000, 999, 998]

    static func showScaling(on console: LessonConsole) {
        console.heading("5. Scaled dot products")
        console.text("For random queries and keys with entries of variance 1, kₘᵀqₙ has variance D_q: "
                     + "the softmax saturates (one weight near 1) unless the scores are divided by √D_q.")
        var table = TextTable(header: ["D_q", "sd of kᵀq", "mean largest weight", "sd of kᵀq/√D_q",
                                       "same, scaled"])
        for D in [1, 4, 16, 64, 256] {
            let (spread, largest) = saturation(queryDimension: D, scaled: false)
            let (scaledSpread, scaledLargest) = saturation(queryDimension: D, scaled: true)
            table.append(["\(D)", formatNumber(spread, digits: 2), formatNumber(largest, digits: 3),
                          formatNumber(scaledSpread, digits: 2), formatNumber(scaledLargest, digits: 3)])
        }
        console.block(table)
        console.text("(N = 8 inputs, averaged over 200 seeded draws.)")
    }

    /// Returns the standard deviation of the scores and the mean largest attention weight of a
    /// column, for random standard-normal queries and keys of size D_q and N = 8.
    static func saturation(queryDimension D: Int, scaled: Bool) -> (spread: Double, largest: Double) {
        var random = SeededGenerator(seed: 60)
        var squares = 0.0, largest = 0.0, count = 0
        let draws = 200, N = 8
        for _ in 0..<draws {
            let q = random.normalMatrix(rows: D, columns: 1)
            let keys = random.normalMatrix(rows: D, columns: N)
            let scores = (keys.transposed * q) * SelfAttentionPass.scale(D, scaled)
            squares += scores.scalars.map { $0 * $0 }.reduce(0, +)
            count += N
            largest += attentionWeights(scores: scores).scalars.max()!
        }
        return ((squares / Double(count)).squareRoot(), largest / Double(draws))
    }

    static func showStableSoftmax(on console: LessonConsole) {
        console.heading("6. A softmax that stays finite")
        let naive = unshiftedSoftmax(largeScores)
        let stable = softmax(largeScores)
        console.text("scores z = \(formatList(largeScores))")
        console.text("e^z / Σ e^z straight away       = \(formatList(naive))   (e¹⁰⁰⁰ = ∞, ∞/∞ = NaN)")
        console.text("e^(z − max z) / Σ e^(z − max z) = \(formatList(stable))")
        console.text()
        let loud = inputs * 40
        let pass = SelfAttentionPass(x: loud, parameters: parameters)
        let biggest = pass.scores.scalars.map(abs).max()!
        let sums = pass.attention.columnSums().scalars
        console.text("Inputs 40 times larger: scores up to \(formatNumber(biggest, digits: 1)), yet every attention "
                     + "weight is finite (\(pass.attention.scalars.allSatisfy(\.isFinite) ? "yes" : "no")) and the columns sum to "
                     + "\(formatList(sums)).")
    }

    static func showBackwardPass(on console: LessonConsole) {
        console.heading("7. The backward pass")
        console.text("L = Σ G ⊙ Sa for a fixed random G, so ∂L/∂Sa = G. Each analytic gradient against "
                     + "central differences:")
        var random = SeededGenerator(seed: 61)
        let g = random.matrix(rows: 4, columns: inputs.columns, in: -1...1)
        var table = TextTable(header: ["gradient", "shape", "largest |entry|", "max rel. error", "same, scaled", "agrees"])
        let plain = gradientChecks(x: inputs, parameters: parameters, outputGradient: g, scaled: false)
        let scaled = gradientChecks(x: inputs, parameters: parameters, outputGradient: g, scaled: true)
        for ((name, shape, a), (_, _, b)) in zip(plain, scaled) {
            let largest = a.entries.map { abs($0.analytic) }.max() ?? 0
            table.append([name, shape, formatNumber(largest, digits: 2), formatNumber(a.maxRelativeError, digits: 2),
                          formatNumber(b.maxRelativeError, digits: 2), a.passed && b.passed ? "yes" : "NO"])
        }
        console.block(table)
        console.text("∂L/∂β_k is zero (to rounding): β_kᵀqₙ adds the same amount to every score of column n, "
                     + "and a softmax ignores what is added to all its inputs. Its relative error compares "
                     + "two rounding errors; the check accepts it through the absolute floor.")
    }

    /// Checks the seven gradients of L = Σ G ⊙ Sa against central differences.
    public static func gradientChecks(x: Matrix, parameters θ: AttentionParameters, outputGradient g: Matrix,
                                      scaled: Bool) -> [(name: String, shape: String, result: GradientCheck.Result)] {
        let d = SelfAttentionPass(x: x, parameters: θ, scaled: scaled).backward(outputGradient: g, parameters: θ)
        func loss(_ x: Matrix, _ θ: AttentionParameters) -> Double {
            (g .* SelfAttentionPass(x: x, parameters: θ, scaled: scaled).output).sum()
        }
        let checker = GradientCheck()
        func check(_ name: String, _ analytic: Matrix, _ path: WritableKeyPath<AttentionParameters, Matrix>)
            -> (String, String, GradientCheck.Result) {
            let result = checker.check(analytic: analytic, of: { value in
                var changed = θ
                changed[keyPath: path] = value
                return loss(x, changed)
            }, at: θ[keyPath: path])
            return (name, "\(analytic.rows)×\(analytic.columns)", result)
        }
        return [
            ("∂L/∂X", "\(x.rows)×\(x.columns)", checker.check(analytic: d.input, of: { loss($0, θ) }, at: x)),
            check("∂L/∂Ω_q", d.queryWeights, \.queryWeights),
            check("∂L/∂Ω_k", d.keyWeights, \.keyWeights),
            check("∂L/∂Ω_v", d.valueWeights, \.valueWeights),
            check("∂L/∂β_q", d.queryBias, \.queryBias),
            check("∂L/∂β_k", d.keyBias, \.keyBias),
            check("∂L/∂β_v", d.valueBias, \.valueBias),
        ]
    }

    private static func formatList(_ v: [Double]) -> String {
        "[" + v.map { formatNumber($0) }.joined(separator: ", ") + "]"
    }
}
