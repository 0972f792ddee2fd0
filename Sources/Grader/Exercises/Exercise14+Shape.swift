import CourseKit

/// One call of exercise 14's outputShape: an image, a kernel, and the stride, dilation and padding of each axis.
struct OutputShapeCase {
    let size: [Int]
    let kernel: [Int]
    let stride: [Int]
    let dilation: [Int]
    let padding: [Int]

    init(_ height: Int, _ width: Int, kernel: [Int], stride: [Int], dilation: [Int], padding: [Int]) {
        size = [height, width]
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
    }

    /// The right shape, [H_out, W_out].
    var expected: [Int] { shape(rule: { l, k, s, d, p in Convolution2DCase.outputSize(l, kernel: k, stride: s, dilation: d, padding: p) }) }

    /// The shape that a rule for one axis gives, applied to each axis with its own numbers.
    func shape(rule: (Int, Int, Int, Int, Int) -> Int) -> [Int] {
        (0..<2).map { rule(size[$0], kernel[$0], stride[$0], dilation[$0], padding[$0]) }
    }

    var description: String {
        "outputShape(height: \(size[0]), width: \(size[1]), kernelHeight: \(kernel[0]), kernelWidth: \(kernel[1]), "
            + "stride: \(stride), dilation: \(dilation), padding: \(padding))"
    }

    /// Every requirement at its edge: different numbers on the two axes, a kernel that fits
    /// exactly once, one that misses by one place with stride 2 (where ⌊−1/2⌋ + 1 = 0 but
    /// Swift's −1 / 2 + 1 = 1), one that misses by more, and the usual "same" layer.
    static let visible = [
        OutputShapeCase(5, 6, kernel: [2, 3], stride: [2, 3], dilation: [1, 2], padding: [1, 2]),
        OutputShapeCase(3, 7, kernel: [3, 4], stride: [2, 1], dilation: [1, 2], padding: [0, 0]),
        OutputShapeCase(4, 4, kernel: [2, 3], stride: [1, 2], dilation: [1, 2], padding: [0, 0]),
        OutputShapeCase(2, 9, kernel: [5, 2], stride: [1, 4], dilation: [1, 1], padding: [1, 0]),
        OutputShapeCase(28, 28, kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: [1, 1]),
        OutputShapeCase(11, 8, kernel: [3, 2], stride: [3, 1], dilation: [2, 3], padding: [2, 0]),
        OutputShapeCase(3, 10, kernel: [4, 3], stride: [3, 2], dilation: [2, 1], padding: [0, 0]),
    ]

    static let hidden = [
        OutputShapeCase(224, 224, kernel: [11, 11], stride: [4, 4], dilation: [1, 1], padding: [2, 2]),
        OutputShapeCase(9, 5, kernel: [3, 5], stride: [2, 1], dilation: [3, 1], padding: [0, 0]),
        OutputShapeCase(6, 13, kernel: [1, 4], stride: [5, 3], dilation: [1, 3], padding: [1, 2]),
        OutputShapeCase(5, 3, kernel: [2, 2], stride: [3, 3], dilation: [5, 1], padding: [0, 0]),
    ]

    /// The usual wrong rules, each with what to tell a student whose every result it explains.
    static let wrongRules: [(String, @Sendable (OutputShapeCase) -> [Int])] = [
        ("These are ⌊(L + 2p − d(K − 1)) / s⌋ + 1: the −1 is missing (the dilated kernel covers d(K − 1) + 1 places), which gives one output too many whenever s divides L + 2p − d(K − 1).",
         { $0.shape { l, k, s, d, p in max(0, (l + 2 * p - d * (k - 1)) / s + 1) } }),
        ("These are (L + 2p − d(K − 1) − 1) / s + 1 without a test for a kernel that does not fit: Swift's / rounds toward zero, so (−1) / 2 is 0 and the formula gives 1 where ⌊−1/2⌋ + 1 = 0. Return 0 when d(K − 1) + 1 > L + 2p.",
         { $0.shape { l, k, s, d, p in (l + 2 * p - d * (k - 1) - 1) / s + 1 } }),
        ("These count the padding once, L + p: the p zeros are added at both ends of each axis, L + 2p.",
         { $0.shape { l, k, s, d, p in Convolution2DCase.outputSize(l - p, kernel: k, stride: s, dilation: d, padding: p) } }),
        ("These ignore the dilation: the dilated kernel covers d(K − 1) + 1 places, not K.",
         { $0.shape { l, k, s, _, p in Convolution2DCase.outputSize(l, kernel: k, stride: s, dilation: 1, padding: p) } }),
        ("These use the numbers of the rows (stride[0], dilation[0], padding[0]) on both axes: W_out needs stride[1], dilation[1] and padding[1].",
         { c in [c.expected[0], Convolution2DCase.outputSize(c.size[1], kernel: c.kernel[1], stride: c.stride[0], dilation: c.dilation[0], padding: c.padding[0])] }),
        ("These are [W_out, H_out]: the result lists the rows first, [H_out, W_out].", { [$0.expected[1], $0.expected[0]] }),
    ]
}

extension Catalogue {
    /// Expects outputShape's results, naming a wrong rule only when it gives every one of them.
    static func expectOutputShapes(_ t: CheckContext, _ cases: [OutputShapeCase]) throws {
        let observed = try cases.map { c in
            try t.call("outputShape", c.size[0], c.size[1], c.kernel[0], c.kernel[1], c.stride, c.dilation, c.padding)
        }.map { try t.decode($0, as: [Int].self, "outputShape's result") }
        // A wrong rule is named only when it gives every result the student's function gave.
        let explained = OutputShapeCase.wrongRules.filter { _, rule in zip(cases, observed).allSatisfy { rule($0) == $1 } }
        var explanation = explained.isEmpty ? "" : " " + explained.map(\.0).joined(separator: " Or: ")
        for (c, result) in zip(cases, observed) {
            let expected = c.expected
            guard result != expected else { t.expect(true, ""); continue }
            let count = result.count == 2 ? "" : " The result has two entries, [H_out, W_out]."
            t.expect(false, "\(c.description): expected \(expected), got \(result).\(count)\(explanation)")
            explanation = explanation.isEmpty ? "" : " (The same rule as above.)"
        }
    }

    /// Expects parameterCount's results, naming a wrong count only when it gives every one of them.
    static func expectParameterCounts(_ t: CheckContext, _ cases: [(Int, Int, Int, Int)]) throws {
        let observed = try cases.map { c in try t.integer("parameterCount", c.0, c.1, c.2, c.3) }
        let right = { (c: (Int, Int, Int, Int)) in c.0 * c.1 * c.2 * c.3 + c.3 }
        let wrongRules: [(String, ((Int, Int, Int, Int)) -> Int)] = [
            ("These are K_h·K_w·C_i·C_o: the biases are missing, one per output channel (+ C_o).", { $0.0 * $0.1 * $0.2 * $0.3 }),
            ("These count a bias per input channel (+ C_i); there is one per output channel (+ C_o).", { $0.0 * $0.1 * $0.2 * $0.3 + $0.2 }),
            ("These count a bias per kernel (+ C_i·C_o); there is one per output channel (+ C_o).", { $0.0 * $0.1 * $0.2 * $0.3 + $0.2 * $0.3 }),
            ("These leave out the input channels: every output channel has a K_h×K_w kernel for each of the C_i input channels.", { $0.0 * $0.1 * $0.3 + $0.3 }),
        ]
        let explained = wrongRules.filter { _, rule in zip(cases, observed).allSatisfy { rule($0) == $1 } }
        var explanation = explained.isEmpty ? "" : " " + explained.map(\.0).joined(separator: " Or: ")
        for (c, result) in zip(cases, observed) {
            guard result != right(c) else { t.expect(true, ""); continue }
            t.expect(false, "parameterCount(kernelHeight: \(c.0), kernelWidth: \(c.1), inputChannels: \(c.2), outputChannels: \(c.3)): "
                + "expected \(right(c)), got \(result).\(explanation)")
            explanation = explanation.isEmpty ? "" : " (The same rule as above.)"
        }
    }
}
