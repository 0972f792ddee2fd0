import CourseKit
import Convolution
import SubmissionRuntime

extension Catalogue {
    /// Exercise 9: the multi-channel 1D convolution with stride, dilation and padding, forward
    /// and backward (lesson 5, sections 1 and 3).
    static let exercise9 = Exercise(
        number: 9, title: "A multi-channel 1D convolution, forward and backward", lesson: 5,
        functions: [
            "func convolve(x: Matrix, kernels: [Matrix], bias: [Double], stride: Int, dilation: Int, padding: Int) -> Matrix",
            "func convolutionGradients(x: Matrix, kernels: [Matrix], stride: Int, dilation: Int, padding: Int, outputGradient: Matrix) -> (input: Matrix, kernels: [Matrix], bias: [Double])",
        ],
        hints: [
            "Sections 1 and 3 of lessons/lesson5-convolution.md: output i of channel o reads x[c, s·i + d·j − p] for every input channel c and tap j, and that position is 0 when it falls outside 0 ..< L (the padding).",
            "Compute L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 first, and return 0 columns when d(K − 1) + 1 > L + 2p. Forgetting the −1 gives one output too many. The stride moves the start, s·i; the dilation only spaces the taps, d·j.",
            "kernels[o] is the C_i×K matrix of output channel o: kernels[o][c, j] is Ω[c, o, j]. The result is C_o×L_out, one row per output channel, and z[o, i] starts from bias[o].",
            "For the backward pass, loop over (o, i, c, j) exactly as the forward pass does, with the same position t = s·i + d·j − p, skip t outside 0 ..< L, and add: ∂β[o] += g[o, i], ∂Ω[o][c, j] += g[o, i]·x[c, t], ∂x[c, t] += g[o, i]·Ω[o][c, j].",
            "Every gradient is a sum over the places where its quantity was used: += everywhere, never =, and never divided by L_out. Each gradient has the shape of what it is the gradient for (∂Ω[o] is C_i×K like kernels[o]).",
        ],
        checks: [
            Check("convolve reproduces the lesson's run, with a second output channel (K = 3, s = d = p = 1)", points: 2,
                  hints: ["z[o, i] starts from bias[o] and adds kernels[o][c, j] · x[c, s·i + d·j − p] over every input channel c and tap j; a position outside 0 ..< L reads 0. The result has one row per output channel."]) { t in
                try expectConvolution(t, ConvolutionCase.lesson)
            },
            Check("convolve with 2 input and 3 output channels, K = 3, stride 2, dilation 2, padding 2, L = 7", points: 2,
                  hints: ["With a stride, a dilation and padding, compute L_out first, and read position s·i + d·j − p: the stride moves the outputs apart, the dilation spaces the taps, and the padding takes p off every position read."]) { t in
                try expectConvolution(t, ConvolutionCase.strided)
            },
            Check("∂L/∂β sums the output gradient over positions", points: 1,
                  hints: ["β_o is added to every output of channel o, so ∂L/∂β_o is the sum of row o of the output gradient: a sum, not a mean."]) { t in
                try expectBiasGradient(t, ConvolutionCase.backward)
            },
            Check("∂L/∂Ω agrees with central differences of your convolve and with the reference", points: 2,
                  hints: ["Ω[c, o, j] multiplies x[c, s·i + d·j − p] in every output i of channel o: add g[o, i] times that input over every i, skipping the positions outside the signal, exactly where convolve reads 0."]) { t in
                try expectKernelGradients(t, ConvolutionCase.backward)
            },
            Check("∂L/∂x agrees with central differences of your convolve and with the reference", points: 2,
                  hints: ["Loop as convolve does, over (o, i, c, j), and add g[o, i] · kernels[o][c, j] to ∂L/∂x[c, t] at t = s·i + d·j − p when t is inside the signal. An input read by several outputs gets the sum."]) { t in
                try expectInputGradient(t, ConvolutionCase.backward)
            },
            Check("convolve and its gradients when the dilated kernel does not fit (L_out = 0), when it fits exactly once, and with one channel in and out", points: 2) { t in
                for c in ConvolutionCase.degenerate {
                    try expectConvolution(t, c)
                    try expectBiasGradient(t, c)
                    try expectKernelGradients(t, c)
                    try expectInputGradient(t, c)
                }
            },
            Check("convolve agrees with the reference on 100 seeded layers, with small whole numbers", points: 1) { t in
                try t.expectAgreement("convolve", on: convolutionLayerSpace, count: 100, seed: 9_001,
                                      student: { l in try t.matrix("convolve", l.x, l.kernels, l.bias, l.stride, l.dilation, l.padding) },
                                      reference: { l in Convolution.convolve(x: l.x, kernels: l.kernels, bias: l.bias, stride: l.stride,
                                                                             dilation: l.dilation, padding: l.padding) },
                                      agree: { o, e in o.rows == e.rows && o.columns == e.columns
                                          && zip(o.scalars, e.scalars).allSatisfy { t.tolerance.accepts($0, $1) } },
                                      show: swiftText)
            },
            // hidden checks: begin (removed by `course export`)
            Check("convolve with an even kernel, stride 3, a kernel wider than the signal, and one that does not fit", points: 2, visibility: .hidden) { t in
                for c in ConvolutionCase.hidden { try expectConvolution(t, c) }
            },
            Check("all three gradients on other strides, dilations, paddings and kernel sizes", points: 3, visibility: .hidden) { t in
                for c in [ConvolutionCase.strided] + ConvolutionCase.hidden {
                    try expectBiasGradient(t, c)
                    try expectKernelGradients(t, c)
                    try expectInputGradient(t, c)
                }
            },
            // hidden checks: end
        ])

    // MARK: Forward

    private static func expectConvolution(_ t: CheckContext, _ c: ConvolutionCase) throws {
        let observed = try t.matrix("convolve", c.x, c.kernels, c.bias, c.stride, c.dilation, c.padding)
        let expected = Convolution.convolve(x: c.x, kernels: c.kernels, bias: c.bias,
                                            stride: c.stride, dilation: c.dilation, padding: c.padding)
        let what = "With \(c.description), convolve"
        if let advice = shapeAdvice(observed, expected, c) {
            return t.expect(false, "\(what): expected a \(expected.rows)×\(expected.columns) matrix (C_o×L_out), "
                + "got \(observed.rows)×\(observed.columns). \(advice)")
        }
        var mistakes = [
            Mistake("These are the taps d·(s·i + j) − p: the dilation multiplies the stride too. Only the taps of one placement are d apart; output i reads x[c, s·i + d·j − p].",
                    c.forward { i, j in c.dilation * (c.stride * i + j) - c.padding }),
            Mistake("This is the kernel flipped (Ω[c, o, K − 1 − j] at tap j): deep learning's convolution does not flip the kernel.",
                    c.forward { i, j in c.stride * i + c.dilation * (c.kernelSize - 1 - j) - c.padding }),
            Mistake("The taps are read at s·i + d·j without the −p: the padding shifts every tap p places to the left.",
                    c.forward { i, j in c.stride * i + c.dilation * j }),
            Mistake("The bias is missing: z[o, i] starts from β_o = bias[o].", c.forward(bias: false) { i, j in c.tap(i, j) }),
        ]
        if c.stride > 1 {
            mistakes.append(Mistake("These are the taps i + d·j − p: the stride is missing; output i starts s·i places along.",
                                    c.forward { i, j in i + c.dilation * j - c.padding }))
        }
        t.expect(observed, equals: expected, what, mistakes: mistakes)
    }

    /// Explains a result of the wrong shape, or returns nil when the shape is right or a
    /// transpose (which the usual diagnosis explains).
    private static func shapeAdvice(_ observed: Matrix, _ expected: Matrix, _ c: ConvolutionCase) -> String? {
        if observed.rows == expected.rows && observed.columns == expected.columns { return nil }
        if observed.rows == expected.columns && observed.columns == expected.rows && expected.rows != expected.columns { return nil }
        if observed.rows != expected.rows {
            return "There is one row per output channel: C_o = kernels.count = \(c.kernels.count)."
        }
        let padded = c.x.columns + 2 * c.padding
        let withoutMinusOne = c.span - 1 > padded ? 0 : (padded - c.span + 1) / c.stride + 1
        let unclamped = (padded - c.span) / c.stride + 1
        let missingMinusOne = "the −1 is missing from L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 = \(expected.columns) (the dilated kernel is d(K − 1) + 1 wide)"
        let notClamped = "the dilated kernel, d(K − 1) + 1 = \(c.span) wide, does not fit in the padded signal of L + 2p = \(padded), so L_out = 0, but Swift's / rounds the negative (L + 2p − d(K − 1) − 1) / s towards zero"
        switch (observed.columns == withoutMinusOne, observed.columns == unclamped && expected.columns == 0) {
        case (true, true):
            return "Two mistakes give \(observed.columns) output\(observed.columns == 1 ? "" : "s") here: \(missingMinusOne); or \(notClamped)."
        case (true, false):
            return "That is one output too many: \(missingMinusOne)."
        case (false, true):
            return "There is no output at all: \(notClamped)."
        default:
            return "L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 = \(expected.columns) here\(expected.columns == 0 ? " (0 because the dilated kernel does not fit)" : "")."
        }
    }

    // MARK: Backward

    /// Calls the student's backward pass, explaining a read past the end of the output gradient.
    private static func studentGradients(_ t: CheckContext, _ c: ConvolutionCase) throws -> (input: Matrix, kernels: [Matrix], bias: [Double]) {
        let parts: [WireValue]
        do {
            parts = try t.tuple("convolutionGradients", count: 3, c.x, c.kernels, c.stride, c.dilation, c.padding, c.outputGradient)
        } catch SubmissionFailure.crashed(let signal, let message) {
            throw SubmissionFailure.crashed(signal: signal, message: (message.map { $0 + ". " } ?? "") + crashAdvice(t, c))
        }
        let kernels = try t.decode(parts[1], as: [Matrix].self, "the kernel gradients")
        guard kernels.count == c.kernels.count else {
            throw CheckAbort("convolutionGradients returned \(kernels.count) kernel gradients; there must be one per output channel, \(c.kernels.count).")
        }
        return (try t.decode(parts[0], as: Matrix.self, "the input gradient"), kernels,
                try t.decode(parts[2], as: [Double].self, "the bias gradient"))
    }

    /// Explains a crash of the backward pass: when the student's convolve has one output too
    /// many, the backward pass loops over as many and reads past the end of the output gradient.
    private static func crashAdvice(_ t: CheckContext, _ c: ConvolutionCase) -> String {
        let g = c.outputGradient
        let given = "convolutionGradients was given an output gradient of exactly C_o×L_out = \(g.rows)×\(g.columns) and x of \(c.x.rows)×\(c.x.columns)"
        guard let z = try? t.matrix("convolve", c.x, c.kernels, c.bias, c.stride, c.dilation, c.padding),
              z.rows == g.rows, z.columns != g.columns else {
            return given + ": check the loop bounds, and skip the taps that fall outside 0 ..< L."
        }
        let howMany = z.columns == g.columns + 1 ? "one output too many" : "\(z.columns) outputs"
        return given + ", but your convolve makes \(z.columns) outputs here: the backward pass loops over \(howMany) and reads past the end "
            + "of the output gradient. L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 = \(g.columns)\(g.columns == 0 ? ", 0 because the dilated kernel does not fit" : "")."
    }

    /// L = Σ G ⊙ z with the student's own forward pass, so that ∂L/∂z = G.
    private static func studentLoss(_ t: CheckContext, _ c: ConvolutionCase, x: Matrix? = nil, kernels: [Matrix]? = nil,
                                    bias: [Double]? = nil) throws -> Double {
        let z = try t.matrix("convolve", x ?? c.x, kernels ?? c.kernels, bias ?? c.bias, c.stride, c.dilation, c.padding)
        let g = c.outputGradient
        guard z.rows == g.rows && z.columns == g.columns else {
            throw CheckAbort("Your convolve returns a \(z.rows)×\(z.columns) matrix for \(c.description), where C_o×L_out is \(g.rows)×\(g.columns): the gradients are checked against central differences of your convolve, so fix its output length first.")
        }
        return (z .* g).sum()
    }

    private static func expectBiasGradient(_ t: CheckContext, _ c: ConvolutionCase) throws {
        let observed = try studentGradients(t, c).bias
        let expected = Convolution.convolutionGradients(x: c.x, kernels: c.kernels, stride: c.stride, dilation: c.dilation,
                                                        padding: c.padding, outputGradient: c.outputGradient).bias
        let what = "With \(c.description), ∂L/∂bias"
        if observed.count == expected.count {
            let checker = GradientCheck()
            let numeric = try c.bias.indices.map { o in
                let (plus, minus) = checker.probePoints(around: c.bias, index: o)
                return try (studentLoss(t, c, bias: plus) - studentLoss(t, c, bias: minus)) / (2 * checker.step)
            }
            t.expect(observed, equals: numeric, "With \(c.description), central differences of your convolve give ∂L/∂bias",
                     tolerance: Tolerance(relative: checker.relativeTolerance, absolute: checker.absoluteTolerance))
        }
        let count = Double(c.outputGradient.columns)
        t.expect(observed, equals: expected, what, mistakes: count > 1 ? [
            Mistake("This is the mean of g[o, ·] over the L_out = \(c.outputGradient.columns) positions: β_o is added to every output, so each contributes in full; sum, do not average.",
                    expected.map { $0 / count }),
        ] : [])
    }

    private static func expectKernelGradients(_ t: CheckContext, _ c: ConvolutionCase) throws {
        let observed = try studentGradients(t, c).kernels
        let expected = Convolution.convolutionGradients(x: c.x, kernels: c.kernels, stride: c.stride, dilation: c.dilation,
                                                        padding: c.padding, outputGradient: c.outputGradient).kernels
        let withoutStride = c.backward { i, j in i + c.dilation * j - c.padding }.kernels
        for o in c.kernels.indices {
            let mistakes = c.stride > 1 ? [
                Mistake("This is what taps at i + d·j − p give: the backward pass must read x at the forward pass's positions s·i + d·j − p; the stride is missing.",
                        withoutStride[o]),
            ] : []
            try t.expectGradient("With \(c.description), ∂L/∂kernels[\(o)]", analytic: observed[o],
                                 reference: expected[o], at: c.kernels[o], lossName: "your convolve (L = Σ g ⊙ z)",
                                 loss: { k in
                                     var kernels = c.kernels
                                     kernels[o] = k
                                     return try studentLoss(t, c, kernels: kernels)
                                 }, mistakes: mistakes)
        }
    }

    private static func expectInputGradient(_ t: CheckContext, _ c: ConvolutionCase) throws {
        let observed = try studentGradients(t, c).input
        let expected = Convolution.convolutionGradients(x: c.x, kernels: c.kernels, stride: c.stride, dilation: c.dilation,
                                                        padding: c.padding, outputGradient: c.outputGradient).input
        // Whatever the loop order, an input gradient that is assigned instead of accumulated
        // holds a single one of its terms in every entry.
        var mistakes = c.holdsSingleTerms(observed, tolerance: t.tolerance) ? [
            Mistake("Each input keeps only one of the terms written to it (every entry equals a single g[o, i]·Ω[c, o, j]): accumulate ∂x[c, t] += g[o, i]·Ω[c, o, j]; an input read by several outputs, channels or taps collects a term from each.",
                    observed),
        ] : []
        if c.stride > 1 {
            mistakes.append(Mistake("This is what taps at i + d·j − p give: the backward pass must add into the forward pass's positions s·i + d·j − p; the stride is missing.",
                                    c.backward { i, j in i + c.dilation * j - c.padding }.input))
        }
        try t.expectGradient("With \(c.description), ∂L/∂x", analytic: observed, reference: expected, at: c.x,
                             lossName: "your convolve (L = Σ g ⊙ z)",
                             loss: { x in try studentLoss(t, c, x: x) }, mistakes: mistakes)
    }
}

/// One input of exercise 9: a signal, its kernels and biases, the layer's stride, dilation and
/// padding, and an upstream gradient g = ∂L/∂z of the output's shape.
private struct ConvolutionCase {
    let x: Matrix
    let kernels: [Matrix]
    let bias: [Double]
    let stride: Int
    let dilation: Int
    let padding: Int
    let outputGradient: Matrix

    init(x: Matrix, kernels: [Matrix], bias: [Double], stride: Int, dilation: Int, padding: Int, seed: UInt64) {
        self.x = x
        self.kernels = kernels
        self.bias = bias
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        var random = SeededGenerator(seed: 9_000 + seed)
        let count = Convolution.outputLength(inputLength: x.columns, kernelSize: kernels[0].columns, stride: stride,
                                             dilation: dilation, padding: padding)
        outputGradient = random.matrix(rows: kernels.count, columns: count, in: -1.5...1.5)
    }

    /// A case with seeded values everywhere.
    static func random(inputChannels: Int, outputChannels: Int, kernelSize: Int, length: Int,
                       stride: Int, dilation: Int, padding: Int, seed: UInt64) -> ConvolutionCase {
        var random = SeededGenerator(seed: 900 + seed)
        return ConvolutionCase(x: random.matrix(rows: inputChannels, columns: length, in: -2...2),
                               kernels: (0..<outputChannels).map { _ in random.matrix(rows: inputChannels, columns: kernelSize, in: -1.5...1.5) },
                               bias: random.array(count: outputChannels, in: -1...1),
                               stride: stride, dilation: dilation, padding: padding, seed: seed)
    }

    /// The lesson's run, x = [1, 3, 2, 0, −1, 4] and w = [−1, 2, 1] with β = −2 (section 2),
    /// and a second output channel.
    static let lesson = ConvolutionCase(x: Matrix([[1, 3, 2, 0, -1, 4]]),
                                        kernels: [Matrix([[-1, 2, 1]]), Matrix([[0.5, -1, 2]])], bias: [-2, 0.75],
                                        stride: 1, dilation: 1, padding: 1, seed: 1)

    /// Two input channels, three output channels, every knob above 1: L_out = 4, and odd inputs are never read.
    static let strided = ConvolutionCase(
        x: Matrix([[0.5, -1.2, 2.0, 0.3, -0.7, 1.5, 0.9], [1.1, 0.4, -0.6, 2.2, -1.3, 0.8, -0.2]]),
        kernels: [Matrix([[0.7, -0.4, 1.3], [-1.1, 0.2, 0.6]]), Matrix([[-0.5, 1.4, 0.3], [0.9, -0.8, -1.2]]),
                  Matrix([[1.2, 0.1, -0.9], [0.4, 1.6, -0.3]])],
        bias: [0.25, -0.6, 1.1], stride: 2, dilation: 2, padding: 2, seed: 2)

    /// The visible backward case: stride 2 with overlapping taps, so that inputs are read by several outputs.
    static let backward = random(inputChannels: 2, outputChannels: 3, kernelSize: 3, length: 8,
                                 stride: 2, dilation: 1, padding: 1, seed: 3)

    /// A dilated kernel 5 wide on 4 positions with stride 2 (no output, although Swift's
    /// (4 − 5)/2 + 1 is 1), one 5 wide on 3 positions padded by 1 on each side (exactly
    /// one output), and a single channel in and out (one kernel, one row).
    static let degenerate = [
        random(inputChannels: 2, outputChannels: 2, kernelSize: 3, length: 4, stride: 2, dilation: 2, padding: 0, seed: 9),
        random(inputChannels: 2, outputChannels: 3, kernelSize: 3, length: 3, stride: 2, dilation: 2, padding: 1, seed: 10),
        random(inputChannels: 1, outputChannels: 1, kernelSize: 2, length: 5, stride: 1, dilation: 1, padding: 0, seed: 11),
    ]

    /// Hidden cases: an even kernel, a valid stride-3 layer, a kernel wider than the signal,
    /// a dilated and strided layer, and a kernel that does not fit at all (no output).
    static let hidden = [
        random(inputChannels: 3, outputChannels: 2, kernelSize: 4, length: 8, stride: 1, dilation: 1, padding: 1, seed: 4),
        random(inputChannels: 1, outputChannels: 2, kernelSize: 3, length: 11, stride: 3, dilation: 1, padding: 0, seed: 5),
        random(inputChannels: 2, outputChannels: 1, kernelSize: 5, length: 4, stride: 1, dilation: 1, padding: 2, seed: 6),
        random(inputChannels: 2, outputChannels: 3, kernelSize: 2, length: 9, stride: 2, dilation: 3, padding: 1, seed: 7),
        random(inputChannels: 2, outputChannels: 2, kernelSize: 4, length: 5, stride: 1, dilation: 2, padding: 0, seed: 8),
    ]

    var kernelSize: Int { kernels[0].columns }
    /// The width of the dilated kernel, d(K − 1) + 1.
    var span: Int { dilation * (kernelSize - 1) + 1 }
    var description: String {
        "C_i = \(x.rows), C_o = \(kernels.count), K = \(kernelSize), L = \(x.columns), s = \(stride), d = \(dilation), p = \(padding)"
    }

    /// The position tap j of output i reads: s·i + d·j − p.
    func tap(_ i: Int, _ j: Int) -> Int { stride * i + dilation * j - padding }

    /// The forward pass with taps at `position(i, j)`, for computing the results of typical mistakes.
    func forward(bias withBias: Bool = true, _ position: (Int, Int) -> Int) -> Matrix {
        Matrix(rows: kernels.count, columns: outputGradient.columns) { o, i in
            var sum = withBias ? bias[o] : 0
            for c in 0..<x.rows {
                for j in 0..<kernelSize {
                    let t = position(i, j)
                    if (0..<x.columns).contains(t) { sum += kernels[o][c, j] * x[c, t] }
                }
            }
            return sum
        }
    }

    /// Whether every entry of an input gradient equals one of the terms g[o, i]·Ω[c, o, j]
    /// that add into it (0 where none does), while some entry has several terms.
    func holdsSingleTerms(_ input: Matrix, tolerance: Tolerance) -> Bool {
        guard input.rows == x.rows, input.columns == x.columns else { return false }
        var terms = [[Double]](repeating: [], count: x.count)
        for o in kernels.indices {
            for i in 0..<outputGradient.columns {
                for c in 0..<x.rows {
                    for j in 0..<kernelSize where (0..<x.columns).contains(tap(i, j)) {
                        terms[c * x.columns + tap(i, j)].append(outputGradient[o, i] * kernels[o][c, j])
                    }
                }
            }
        }
        return terms.contains { $0.count > 1 } && input.scalars.indices.allSatisfy { k in
            terms[k].isEmpty ? input.scalars[k] == 0 : terms[k].contains { tolerance.accepts(input.scalars[k], $0) }
        }
    }

    /// The backward pass with taps at `position(i, j)`, for computing the results of typical
    /// mistakes.
    func backward(_ position: (Int, Int) -> Int) -> (input: Matrix, kernels: [Matrix]) {
        var input = Matrix(rows: x.rows, columns: x.columns)
        var gradients = kernels.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for o in kernels.indices {
            for i in 0..<outputGradient.columns {
                let g = outputGradient[o, i]
                for c in 0..<x.rows {
                    for j in 0..<kernelSize {
                        let t = position(i, j)
                        guard (0..<x.columns).contains(t) else { continue }
                        gradients[o][c, j] += g * x[c, t]
                        input[c, t] += g * kernels[o][c, j]
                    }
                }
            }
        }
        return (input, gradients)
    }
}
