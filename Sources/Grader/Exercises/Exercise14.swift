import CourseKit
import SubmissionRuntime

extension Catalogue {
    /// Exercise 14: the 2D convolution with channels, a stride, a dilation and a padding per
    /// axis, forward and backward, its output shape and its parameter count (lesson 5, section 7).
    static let exercise14 = Exercise(
        number: 14, title: "A 2D convolution with channels, forward and backward", lesson: 5,
        functions: [
            "func outputShape(height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, stride: [Int], dilation: [Int], padding: [Int]) -> [Int]",
            "func parameterCount(kernelHeight: Int, kernelWidth: Int, inputChannels: Int, outputChannels: Int) -> Int",
            "func convolve2D(x: [Matrix], kernels: [[Matrix]], bias: [Double], stride: [Int], dilation: [Int], padding: [Int]) -> [Matrix]",
            "func convolution2DGradients(x: [Matrix], kernels: [[Matrix]], stride: [Int], dilation: [Int], padding: [Int], outputGradient: [Matrix]) -> (input: [Matrix], kernels: [[Matrix]], bias: [Double])",
        ],
        hints: [
            "Section 7 of lessons/lesson5-convolution.md: a 2D convolution is the 1D one of exercise 9 on each axis at once. Output (i, j) of channel o reads x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w] for every input channel c and tap (a, b), and reads 0 outside the image.",
            "outputShape applies the 1D rule to each axis with that axis's own numbers: H_out from (height, kernelHeight, stride[0], dilation[0], padding[0]), W_out from (width, kernelWidth, stride[1], dilation[1], padding[1]). Test d(K − 1) + 1 > L + 2p before dividing: Swift's / rounds toward zero, so (−1) / 2 is 0, not −1.",
            "Every output channel has one K_h×K_w kernel per input channel and one bias: K_h·K_w·C_i parameters per output channel, plus 1.",
            "kernels[o][c] is the K_h×K_w kernel that output channel o applies to input channel c. The result is C_o matrices of H_out×W_out, and z[o][i, j] starts from bias[o]. The kernel is not flipped.",
            "For the backward pass, loop over (o, i, j, c, a, b) exactly as the forward pass does, skip the taps outside the image, and add: ∂β[o] += g[o][i, j], ∂Ω[o][c][a, b] += g[o][i, j]·x[c][r, q], ∂x[c][r, q] += g[o][i, j]·Ω[o][c][a, b]. += everywhere, never =, and never divided by the number of positions.",
        ],
        checks: [
            Check("outputShape: each axis with its own s, d, p; 0 if it cannot fit", points: 2) { t in
                try expectOutputShapes(t, OutputShapeCase.visible)
            },
            Check("parameterCount is K_h·K_w·C_i·C_o + C_o", points: 1) { t in
                try expectParameterCounts(t, [(3, 3, 3, 64), (11, 11, 3, 96), (3, 5, 2, 7), (1, 1, 16, 8)])
            },
            Check("convolve2D with stride, dilation, padding 1 (4×5 in, 4×5 out)", points: 1) { t in
                try expectConvolution(t, Convolution2DCase.plain)
            },
            Check("convolve2D, stride [2, 3], dilation [1, 2], padding [1, 2]", points: 2) { t in
                try expectConvolution(t, Convolution2DCase.strided)
            },
            Check("convolve2D when the kernel fits once (1×1) and not at all (3×0)", points: 1) { t in
                try expectConvolution(t, Convolution2DCase.fitsOnce)
                try expectConvolution(t, Convolution2DCase.tooWide)
            },
            Check("∂L/∂β sums the output gradient over every position", points: 1) { t in
                try expectBiasGradient(t, Convolution2DCase.backward)
            },
            Check("∂L/∂Ω agrees with central differences and with the reference", points: 2) { t in
                try expectKernelGradients(t, Convolution2DCase.backward)
            },
            Check("∂L/∂x agrees with central differences and with the reference", points: 2) { t in
                try expectInputGradient(t, Convolution2DCase.backward)
            },
            Check("all three gradients when the kernel fits once and not at all", points: 1) { t in
                for c in [Convolution2DCase.fitsOnce, Convolution2DCase.tooWide] {
                    try expectBiasGradient(t, c)
                    try expectKernelGradients(t, c)
                    try expectInputGradient(t, c)
                }
            },
            Check("40 generated layers, compared with the reference", points: 1) { t in
                try expectGeneratedCases(t)
            },
            // hidden checks: begin (removed by `course export`)
            Check("outputShape and parameterCount on other sizes", points: 1, visibility: .hidden) { t in
                try expectOutputShapes(t, OutputShapeCase.hidden)
                try expectParameterCounts(t, [(7, 7, 3, 64), (2, 4, 5, 3), (1, 3, 1, 1)])
            },
            Check("convolve2D on other shapes, strides, dilations and paddings, and a kernel taller than the image", points: 2, visibility: .hidden) { t in
                for c in [Convolution2DCase.backward] + Convolution2DCase.hidden { try expectConvolution(t, c) }
            },
            Check("all three gradients on other shapes, strides, dilations and paddings", points: 2, visibility: .hidden) { t in
                // The visible checks compare with central differences; these compare with the reference only.
                for c in [Convolution2DCase.strided, Convolution2DCase.plain] + Convolution2DCase.hidden {
                    try expectBiasGradient(t, c, numeric: false)
                    try expectKernelGradients(t, c, numeric: false)
                    try expectInputGradient(t, c, numeric: false)
                }
            },
            // hidden checks: end
        ])
}

// MARK: Forward

extension Catalogue {
    private static func expectConvolution(_ t: CheckContext, _ c: Convolution2DCase) throws {
        let observed = try t.decode(t.call("convolve2D", c.x, c.kernels, c.bias, c.stride, c.dilation, c.padding),
                                    as: [Matrix].self, "convolve2D's result")
        let expected = c.forward()
        let what = "With \(c.description), convolve2D"
        guard observed.count == expected.count else {
            return t.expect(false, "\(what) returned \(observed.count) matrices; there is one per output channel, C_o = kernels.count = \(c.outputChannels).")
        }
        let (s, d, p) = (c.stride, c.dilation, c.padding)
        let (kh, kw) = (c.kernelHeight, c.kernelWidth)
        var mistakes: [(String, [Matrix])] = [
            ("This is the kernel flipped (Ω[o][c][K_h − 1 − a, K_w − 1 − b] at tap (a, b)): deep learning's convolution does not flip the kernel.",
             c.forward(.init(row: { i, a in s[0] * i + d[0] * (kh - 1 - a) - p[0] }, column: { j, b in s[1] * j + d[1] * (kw - 1 - b) - p[1] }))),
            ("These are the taps d·(s·i + a) − p: the dilation multiplies the stride too. Only the taps of one placement are d apart; output (i, j) reads x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w].",
             c.forward(.init(row: { i, a in d[0] * (s[0] * i + a) - p[0] }, column: { j, b in d[1] * (s[1] * j + b) - p[1] }))),
            ("The bias is missing: z[o][i, j] starts from β_o = bias[o].", c.forward(bias: false)),
        ]
        if p != [0, 0] {
            mistakes.append(("The padding is all on one side: these are the taps s·i + d·a without the −p, as if the p_h + p_h rows and p_w + p_w columns of zeros were all added after the image. Half go before it: output (i, j) reads x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w].",
                             c.forward(.init(row: { i, a in s[0] * i + d[0] * a }, column: { j, b in s[1] * j + d[1] * b }))))
        }
        if s[1] > 1 {
            mistakes.append(("The stride of the columns is missing: these are the taps j + d_w·b − p_w along each row. Output (i, j) starts s_w·j = \(s[1])·j columns along, as it starts s_h·i rows down.",
                             c.forward(.init(row: c.taps.row, column: { j, b in j + d[1] * b - p[1] }))))
        }
        if s[0] > 1 {
            mistakes.append(("The stride of the rows is missing: these are the taps i + d_h·a − p_h down each column. Output (i, j) starts s_h·i = \(s[0])·i rows down, as it starts s_w·j columns along.",
                             c.forward(.init(row: { i, a in i + d[0] * a - p[0] }, column: c.taps.column))))
        }
        expectMatrices(t, observed, expected, what: what, labels: expected.indices.map { "[\($0)]" },
                       shapeAdvice: { o, _ in outputShapeAdvice(o, c) }, mistakes: mistakes)
    }

    /// Explains an output channel of the wrong shape from the usual wrong rules for the output size.
    private static func outputShapeAdvice(_ observed: Matrix, _ c: Convolution2DCase) -> String {
        let shape = OutputShapeCase(c.height, c.width, kernel: [c.kernelHeight, c.kernelWidth], stride: c.stride,
                              dilation: c.dilation, padding: c.padding)
        let matching = OutputShapeCase.wrongRules.filter { $0.1(shape) == [observed.rows, observed.columns] }.map(\.0)
        let expected = shape.expected
        let rule = "Each output channel is H_out×W_out = \(expected[0])×\(expected[1]), with ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 on each axis (0 when the dilated kernel does not fit)."
        return matching.isEmpty ? rule : rule + " " + matching.joined(separator: " Or: ")
    }

    /// Compares lists of matrices (channels, or kernels flattened) entry by entry, naming a
    /// mistake only when it explains every entry of every matrix.
    static func expectMatrices(_ t: CheckContext, _ observed: [Matrix], _ expected: [Matrix], what: String, labels: [String],
                               tolerance: Tolerance? = nil, shapeAdvice: (Matrix, Matrix) -> String = { _, _ in "" },
                               mistakes: [(String, [Matrix])] = []) {
        let tolerance = tolerance ?? t.tolerance
        for (k, (o, e)) in zip(observed, expected).enumerated() where o.rows != e.rows || o.columns != e.columns {
            let transposed = o.rows == e.columns && o.columns == e.rows ? " It has the transposed shape: rows first." : ""
            return t.expect(false, "\(what)\(labels[k]) is \(o.rows)×\(o.columns); expected \(e.rows)×\(e.columns).\(transposed) \(shapeAdvice(o, e))")
        }
        let o = observed.flatMap(\.scalars), e = expected.flatMap(\.scalars)
        let wrong = o.indices.filter { !tolerance.accepts(o[$0], e[$0]) }
        guard let first = wrong.first else { return t.expect(true, "") }
        var k = 0, offset = first
        while offset >= expected[k].count {
            offset -= expected[k].count
            k += 1
        }
        let columns = expected[k].columns
        // A list of numbers sent as one column (the bias gradient) is indexed like an array.
        let index = columns == 1 && expected.count == 1 && labels == [""] ? "[\(offset)]" : "[\(offset / columns), \(offset % columns)]"
        var message = "\(what)\(labels[k])\(index): expected \(formatNumber(e[first], digits: 6)), got \(formatNumber(o[first], digits: 6))"
        if o[first].isFinite && e[first].isFinite { message += " (relative error \(formatNumber(relativeError(o[first], e[first]), digits: 3)))" }
        message += ". \(wrong.count) of \(o.count) entries are wrong."
        let known = mistakes.filter { $0.1.map(\.count) == expected.map(\.count) }
            .map { Mistake($0.0, $0.1.flatMap(\.scalars)) }
        if let why = Diagnosis.explain(observed: Numbers(o), expected: Numbers(e), tolerance: tolerance, mistakes: known) {
            message += " " + why
        }
        t.expect(false, message)
    }
}

// MARK: Backward

extension Catalogue {
    /// Calls the student's backward pass.
    private static func studentGradients(_ t: CheckContext, _ c: Convolution2DCase) throws -> (input: [Matrix], kernels: [[Matrix]], bias: [Double]) {
        let parts = try t.tuple("convolution2DGradients", count: 3, c.x, c.kernels, c.stride, c.dilation, c.padding, c.outputGradient)
        let input = try t.decode(parts[0], as: [Matrix].self, "the input gradient")
        let kernels = try t.decode(parts[1], as: [[Matrix]].self, "the kernel gradients")
        let bias = try t.decode(parts[2], as: [Double].self, "the bias gradient")
        guard input.count == c.inputChannels else {
            throw CheckAbort("convolution2DGradients returned \(input.count) input-gradient matrices; there must be one per input channel, \(c.inputChannels), each H×W like x[c].")
        }
        guard kernels.count == c.outputChannels, kernels.allSatisfy({ $0.count == c.inputChannels }) else {
            throw CheckAbort("convolution2DGradients returned kernel gradients of \(kernels.count) lists of \(kernels.map(\.count)) matrices; they must have the layout of kernels: C_o = \(c.outputChannels) lists of C_i = \(c.inputChannels) matrices, ∂L/∂Ω[o][c].")
        }
        return (input, kernels, bias)
    }

    /// L = Σ_o Σ g[o] ⊙ z[o] with the student's own forward pass, so that ∂L/∂z = g.
    private static func studentLoss(_ t: CheckContext, _ c: Convolution2DCase) throws -> Double {
        let z = try t.decode(t.call("convolve2D", c.x, c.kernels, c.bias, c.stride, c.dilation, c.padding),
                             as: [Matrix].self, "convolve2D's result")
        guard z.count == c.outputChannels, zip(z, c.outputGradient).allSatisfy({ $0.rows == $1.rows && $0.columns == $1.columns }) else {
            throw CheckAbort("Your convolve2D does not return C_o = \(c.outputChannels) matrices of H_out×W_out = \(c.outputShape.rows)×\(c.outputShape.columns) for \(c.description): the gradients are checked against central differences of your convolve2D, so fix its output shape first.")
        }
        return zip(z, c.outputGradient).map { ($0 .* $1).sum() }.reduce(0, +)
    }

    /// Central differences of the student's loss with respect to every entry of a list of
    /// matrices, one matrix at a time.
    private static func numericGradient(_ t: CheckContext, at point: [Matrix], _ loss: ([Matrix]) throws -> Double) throws -> [Matrix] {
        let checker = GradientCheck()
        let probes = point.indices.map { k in
            point[k].scalars.indices.map { index in
                let (plus, minus) = checker.probePoints(around: point[k].scalars, index: index)
                var up = point, down = point
                up[k] = Matrix(rows: point[k].rows, columns: point[k].columns, scalars: plus)
                down[k] = Matrix(rows: point[k].rows, columns: point[k].columns, scalars: minus)
                return (up, down)
            }
        }
        // Every probe's call goes to the submission at once.
        return try t.prefetching({ for (up, down) in probes.joined() { _ = try? loss(up); _ = try? loss(down) } }) {
            try point.indices.map { k in
                Matrix(rows: point[k].rows, columns: point[k].columns,
                       scalars: try probes[k].map { up, down in try (loss(up) - loss(down)) / (2 * checker.step) })
            }
        }
    }

    /// Compares a gradient with the reference (naming mistakes), then with central differences
    /// of the student's convolve2D; a gradient that matches the reference but not the central
    /// differences points at the forward pass.
    private static func expectGradient(_ t: CheckContext, _ c: Convolution2DCase, name: String, labels: [String],
                                       observed: [Matrix], reference: [Matrix], numeric: [Matrix]?,
                                       mistakes: [(String, [Matrix])]) {
        let what = "With \(c.description), \(name)"
        expectMatrices(t, observed, reference, what: what, labels: labels, mistakes: mistakes)
        guard let numeric else { return }
        let checker = GradientCheck()
        let tolerance = Tolerance(relative: checker.relativeTolerance, absolute: checker.absoluteTolerance)
        let agrees = { (a: [Matrix], b: [Matrix]) in
            zip(a, b).allSatisfy { $0.rows == $1.rows && $0.columns == $1.columns && zip($0.scalars, $1.scalars).allSatisfy { tolerance.accepts($0, $1) } }
        }
        switch (agrees(observed, reference), agrees(observed, numeric), agrees(numeric, reference)) {
        case (true, false, _):
            t.expect(false, "\(what) is the reference's, but central differences of your convolve2D (L = Σ g ⊙ z) disagree with it: your convolve2D is what is wrong. Fix it first (see the checks of convolve2D).")
        case (false, false, false):
            // Both the forward pass and this gradient differ from the reference: say how they differ from each other too.
            expectMatrices(t, observed, numeric, what: "With \(c.description), central differences of your convolve2D (L = Σ g ⊙ z) give \(name)",
                           labels: labels, tolerance: tolerance)
        default:
            // Either everything agrees, or the comparison with the reference above says what is wrong.
            break
        }
    }

    private static func expectBiasGradient(_ t: CheckContext, _ c: Convolution2DCase, numeric compare: Bool = true) throws {
        let observed = try studentGradients(t, c).bias
        let expected = c.backward().bias
        guard observed.count == expected.count else {
            return t.expect(false, "With \(c.description), ∂L/∂bias has \(observed.count) entries; it has one per output channel, \(expected.count).")
        }
        let numeric = compare ? try numericGradient(t, at: [Matrix(column: c.bias)]) { b in try studentLoss(t, c.with(bias: b[0].scalars)) } : nil
        let positions = Double(c.outputShape.rows * c.outputShape.columns)
        let mistakes: [(String, [Matrix])] = positions > 1 ? [
            ("This is the mean of g[o] over the H_out·W_out = \(Int(positions)) positions: β_o is added to every output, so each contributes in full; sum, do not average.",
             [Matrix(column: expected.map { $0 / positions })]),
        ] : []
        expectGradient(t, c, name: "∂L/∂bias", labels: [""], observed: [Matrix(column: observed)], reference: [Matrix(column: expected)],
                       numeric: numeric, mistakes: mistakes)
    }

    private static func expectKernelGradients(_ t: CheckContext, _ c: Convolution2DCase, numeric compare: Bool = true) throws {
        let observed = try studentGradients(t, c).kernels
        let expected = c.backward().kernels
        let labels = c.kernels.indices.flatMap { o in (0..<c.inputChannels).map { "[\(o)][\($0)]" } }
        let numeric = compare ? try numericGradient(t, at: c.kernels.flatMap { $0 }) { flat in
            let kernels = c.kernels.indices.map { o in Array(flat[(o * c.inputChannels)..<((o + 1) * c.inputChannels)]) }
            return try studentLoss(t, c.with(kernels: kernels))
        } : nil
        var mistakes: [(String, [Matrix])] = []
        let (s, d, p) = (c.stride, c.dilation, c.padding)
        if s != [1, 1] {
            mistakes.append(("This is what taps at i + d_h·a − p_h, j + d_w·b − p_w give: the backward pass must read x at the forward pass's positions s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w; the stride is missing.",
                             c.backward(.init(row: { i, a in i + d[0] * a - p[0] }, column: { j, b in j + d[1] * b - p[1] })).kernels.flatMap { $0 }))
        }
        expectGradient(t, c, name: "∂L/∂kernels", labels: labels, observed: observed.flatMap { $0 }, reference: expected.flatMap { $0 },
                       numeric: numeric, mistakes: mistakes)
    }

    private static func expectInputGradient(_ t: CheckContext, _ c: Convolution2DCase, numeric compare: Bool = true) throws {
        let observed = try studentGradients(t, c).input
        let expected = c.backward().input
        let numeric = compare ? try numericGradient(t, at: c.x) { x in try studentLoss(t, c.with(x: x)) } : nil
        var mistakes: [(String, [Matrix])] = [
            ("Each input keeps only the last term written to it: accumulate ∂x[c][r, q] += g[o][i, j]·Ω[o][c][a, b]; an input read by several outputs, channels or taps collects a term from each.",
             c.backward(overwrite: true).input),
        ]
        let (s, d, p) = (c.stride, c.dilation, c.padding)
        if s != [1, 1] {
            mistakes.append(("This is what taps at i + d_h·a − p_h, j + d_w·b − p_w give: the backward pass must add into the forward pass's positions s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w; the stride is missing.",
                             c.backward(.init(row: { i, a in i + d[0] * a - p[0] }, column: { j, b in j + d[1] * b - p[1] })).input))
        }
        expectGradient(t, c, name: "∂L/∂x", labels: c.x.indices.map { "[\($0)]" }, observed: observed, reference: expected,
                       numeric: numeric, mistakes: mistakes)
    }
}

// MARK: Generated cases

extension Catalogue {
    /// Runs the generated layers, smallest first, and reports the first one where any of the
    /// four functions differs from the reference, with every check of that layer.
    private static func expectGeneratedCases(_ t: CheckContext) throws {
        let close = { (a: [Double], b: [Double]) in a.count == b.count && zip(a, b).allSatisfy { t.tolerance.accepts($0, $1) } }
        let same = { (a: [Matrix], b: [Matrix]) in
            a.count == b.count && zip(a, b).allSatisfy { $0.rows == $1.rows && $0.columns == $1.columns && close($0.scalars, $1.scalars) }
        }
        for c in Convolution2DCase.generated {
            let shape = OutputShapeCase(c.height, c.width, kernel: [c.kernelHeight, c.kernelWidth], stride: c.stride,
                                  dilation: c.dilation, padding: c.padding)
            let observedShape = try t.decode(t.call("outputShape", c.height, c.width, c.kernelHeight, c.kernelWidth, c.stride, c.dilation, c.padding),
                                             as: [Int].self, "outputShape's result")
            let z = try t.decode(t.call("convolve2D", c.x, c.kernels, c.bias, c.stride, c.dilation, c.padding), as: [Matrix].self, "convolve2D's result")
            let gradients = try studentGradients(t, c)
            let expected = c.backward()
            if observedShape == shape.expected && same(z, c.forward()) && same(gradients.input, expected.input)
                && same(gradients.kernels.flatMap { $0 }, expected.kernels.flatMap { $0 }) && close(gradients.bias, expected.bias) {
                continue
            }
            t.expect(false, "Of \(Convolution2DCase.generated.count) generated layers, tried from the smallest up, the first where yours differs from the reference is \(c.description):")
            try expectOutputShapes(t, [shape])
            try expectConvolution(t, c)
            try expectBiasGradient(t, c)
            try expectKernelGradients(t, c)
            return try expectInputGradient(t, c)
        }
        t.expect(true, "")
    }
}
