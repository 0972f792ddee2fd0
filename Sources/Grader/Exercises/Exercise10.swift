import CourseKit
import Convolution

extension Catalogue {
    /// Exercise 10: the output length of a convolutional layer and the receptive field of a
    /// stack of them (lesson 5, sections 1 and 4).
    static let exercise10 = Exercise(
        number: 10, title: "Output lengths and receptive fields", lesson: 5,
        functions: [
            "func outputLength(inputLength: Int, kernelSize: Int, stride: Int, dilation: Int, padding: Int) -> Int",
            "func receptiveField(kernelSizes: [Int], strides: [Int], dilations: [Int]) -> Int",
        ],
        hints: [
            "Section 1 of lessons/lesson5-convolution.md, \"The output length\": count the placements of the dilated kernel that fit in the padded signal. Section 4, \"The general rule\", has the receptive field.",
            "The dilated kernel covers d(K − 1) + 1 positions and the padded signal has L + 2p. If the kernel is wider, return 0 before dividing: Swift's / rounds a negative quotient towards zero, so the formula alone would still count an output.",
            "L_out = (L + 2p − (d(K − 1) + 1)) / s + 1 with integer division. Forgetting the +1 of the kernel's width gives one output too many whenever the stride is 1.",
            "For the receptive field keep r = 1 and j = 1; for each layer in order, first r += d·(K − 1)·j, then j *= s. The order matters: a layer's own stride spaces out its units, so it widens only the layers after it.",
            "The dilation widens only its own layer's reach (d·(K − 1)); it does not change the spacing j of later layers. Check yourself on the lesson's table: kernels 3, 3, 3 with strides 2, 2, 1 give 1 + 2 + 4 + 8 = 15.",
        ],
        checks: [
            Check("outputLength matches the lesson's table (padding, valid, stride, dilation)", points: 2,
                  hints: ["Count the placements: the first starts at position 0 of the padded signal, each next one s positions further, and the last must end inside it. The dilated kernel spans d(K − 1) + 1 positions, not K."]) { t in
                for layer in [(6, 3, 1, 1, 1), (6, 3, 1, 1, 0), (6, 3, 2, 1, 1), (7, 3, 2, 1, 1), (6, 3, 1, 2, 2), (10, 5, 3, 1, 0)] {
                    try expectOutputLength(t, layer)
                }
            },
            Check("outputLength is 0 when the dilated kernel does not fit, and 1 when it fits exactly once", points: 1,
                  hints: ["When d(K − 1) + 1 > L + 2p there is no placement at all: test that first and return 0, before any division."]) { t in
                for layer in [(4, 3, 1, 3, 0), (3, 5, 1, 1, 0), (6, 4, 2, 3, 0), (0, 2, 1, 1, 0), (5, 3, 1, 2, 0), (7, 4, 3, 2, 0), (1, 3, 2, 1, 1)] {
                    try expectOutputLength(t, layer)
                }
            },
            Check("receptiveField of three-wide stacks is 3, 5, 7, and 1 without any layer", points: 1,
                  hints: ["Without any layer a unit sees a single input: start from 1. With strides and dilations 1, each layer of width K adds K − 1."]) { t in
                for depth in 0...3 {
                    let ones = [Int](repeating: 1, count: depth)
                    try expectReceptiveField(t, [Int](repeating: 3, count: depth), ones, ones)
                }
            },
            Check("receptiveField with strides: a stride widens the layers after it", points: 2,
                  hints: ["A stride s spaces out the units of its layer by s, so every later layer adds s times as much: keep the spacing j, and multiply it by s after the layer."]) { t in
                try expectReceptiveField(t, [3, 3, 3], [2, 2, 1], [1, 1, 1])
                try expectReceptiveField(t, [5, 3], [2, 1], [1, 1])
            },
            Check("receptiveField with dilations: a dilation widens its own layer", points: 2,
                  hints: ["A dilation d spreads the taps of its own layer d apart: that layer adds d(K − 1)·j, and the spacing j of the layers after it stays as it was."]) { t in
                try expectReceptiveField(t, [3, 3, 3], [1, 1, 1], [1, 2, 4])
                try expectReceptiveField(t, [3, 3], [1, 3], [2, 2])
            },
            Check("outputLength and receptiveField agree with the reference on 200 seeded layers and stacks", points: 1) { t in
                try t.expectAgreement("outputLength", on: layerSpace, count: 200, seed: 10_003,
                                      student: { l in try t.integer("outputLength", l.length, l.kernelSize, l.stride, l.dilation, l.padding) },
                                      reference: { l in Convolution.outputLength(inputLength: l.length, kernelSize: l.kernelSize, stride: l.stride,
                                                                                 dilation: l.dilation, padding: l.padding) },
                                      agree: ==, show: { "\($0)" })
                try t.expectAgreement("receptiveField", on: stackSpace, count: 200, seed: 10_004,
                                      student: { s in try t.integer("receptiveField", s.map(\.kernelSize), s.map(\.stride), s.map(\.dilation)) },
                                      reference: { s in Convolution.receptiveField(kernelSizes: s.map(\.kernelSize), strides: s.map(\.stride),
                                                                                   dilations: s.map(\.dilation)) },
                                      agree: ==, show: { "\($0)" })
            },
            // hidden checks: begin (removed by `course export`)
            Check("outputLength on other layers, including kernels that just fit and seeded ones", points: 2, visibility: .hidden) { t in
                for layer in [(100, 7, 4, 3, 5), (5, 3, 2, 2, 0), (9, 3, 3, 2, 1), (8, 2, 2, 1, 0), (1, 1, 1, 1, 0), (0, 1, 1, 1, 0),
                              (6, 4, 2, 2, 0), (2, 4, 1, 1, 0), (9, 5, 1, 2, 0)] {
                    try expectOutputLength(t, layer)
                }
                var random = SeededGenerator(seed: 10_001)
                for _ in 0..<12 {
                    try expectOutputLength(t, (random.integer(in: 1...60), random.integer(in: 1...9), random.integer(in: 1...5),
                                               random.integer(in: 1...4), random.integer(in: 0...4)))
                }
            },
            Check("receptiveField of other stacks, strides and dilations together, and seeded ones", points: 2, visibility: .hidden) { t in
                try expectReceptiveField(t, [2, 4, 3], [3, 1, 2], [2, 1, 3])
                try expectReceptiveField(t, [7, 1, 3], [2, 2, 1], [1, 1, 2])
                try expectReceptiveField(t, [3, 3, 3, 3], [2, 2, 2, 2], [1, 1, 1, 1])
                var random = SeededGenerator(seed: 10_002)
                for _ in 0..<8 {
                    let depth = random.integer(in: 1...5)
                    try expectReceptiveField(t, (0..<depth).map { _ in random.integer(in: 1...7) },
                                             (0..<depth).map { _ in random.integer(in: 1...3) },
                                             (0..<depth).map { _ in random.integer(in: 1...3) })
                }
            },
            // hidden checks: end
        ])

    /// Layers with L and p from 0, the kernel fitting or not, exactly or not; shrunk towards
    /// L = 0, K = s = d = 1, p = 0.
    private static let layerSpace = InputSpace<Layer>(
        edges: [(0, 1, 1, 1, 0), (1, 1, 1, 1, 0), (0, 2, 1, 1, 1), (3, 3, 1, 1, 0), (2, 3, 1, 1, 0), (4, 3, 2, 2, 0), (5, 3, 3, 2, 0)],
        generate: { random in
            (random.integer(in: 0...40), random.integer(in: 1...9), random.integer(in: 1...6),
             random.integer(in: 1...5), random.integer(in: 0...4))
        },
        shrink: { l in
            InputSpace<Layer>.smallerIntegers(than: l.length, lowest: 0).map { ($0, l.kernelSize, l.stride, l.dilation, l.padding) }
                + InputSpace<Layer>.smallerIntegers(than: l.kernelSize, lowest: 1).map { (l.length, $0, l.stride, l.dilation, l.padding) }
                + InputSpace<Layer>.smallerIntegers(than: l.stride, lowest: 1).map { (l.length, l.kernelSize, $0, l.dilation, l.padding) }
                + InputSpace<Layer>.smallerIntegers(than: l.dilation, lowest: 1).map { (l.length, l.kernelSize, l.stride, $0, l.padding) }
                + InputSpace<Layer>.smallerIntegers(than: l.padding, lowest: 0).map { (l.length, l.kernelSize, l.stride, l.dilation, $0) }
        },
        describe: { l in
            "outputLength(inputLength: \(l.length), kernelSize: \(l.kernelSize), stride: \(l.stride), dilation: \(l.dilation), padding: \(l.padding))"
        })

    /// One layer of a stack: K, s, d.
    private typealias StackLayer = (kernelSize: Int, stride: Int, dilation: Int)

    /// Stacks of 0 to 6 layers; shrunk by dropping a layer or making one plainer.
    private static let stackSpace = InputSpace<[StackLayer]>(
        edges: [[], [(1, 1, 1)], [(2, 2, 1)], [(3, 1, 2), (1, 3, 1)]],
        generate: { random in
            (0..<random.integer(in: 1...6)).map { _ in (random.integer(in: 1...7), random.integer(in: 1...3), random.integer(in: 1...3)) }
        },
        shrink: { stack in
            var smaller = stack.indices.map { i in Array(stack[..<i] + stack[(i + 1)...]) }
            for i in stack.indices {
                let l = stack[i]
                for k in InputSpace<[StackLayer]>.smallerIntegers(than: l.kernelSize, lowest: 1) { var s = stack; s[i].kernelSize = k; smaller.append(s) }
                for v in InputSpace<[StackLayer]>.smallerIntegers(than: l.stride, lowest: 1) { var s = stack; s[i].stride = v; smaller.append(s) }
                for v in InputSpace<[StackLayer]>.smallerIntegers(than: l.dilation, lowest: 1) { var s = stack; s[i].dilation = v; smaller.append(s) }
            }
            return smaller
        },
        describe: { stack in
            "receptiveField(kernelSizes: \(stack.map(\.kernelSize)), strides: \(stack.map(\.stride)), dilations: \(stack.map(\.dilation)))"
        })

    /// One layer: (L, K, s, d, p).
    private typealias Layer = (length: Int, kernelSize: Int, stride: Int, dilation: Int, padding: Int)

    private static func expectOutputLength(_ t: CheckContext, _ l: Layer) throws {
        let observed = try t.integer("outputLength", l.length, l.kernelSize, l.stride, l.dilation, l.padding)
        let expected = Convolution.outputLength(inputLength: l.length, kernelSize: l.kernelSize, stride: l.stride,
                                                dilation: l.dilation, padding: l.padding)
        let span = l.dilation * (l.kernelSize - 1) + 1
        let padded = l.length + 2 * l.padding
        // Counts the placements of a kernel `width` wide in `size` positions, unclamped when asked.
        func placements(_ size: Int, _ width: Int, stride: Int = l.stride, clamped: Bool = true) -> Int {
            clamped && width > size ? 0 : (size - width) / stride + 1
        }
        var mistakes: [(String, Int)] = []
        if span > padded {
            mistakes.append(("The dilated kernel, d(K − 1) + 1 = \(span) wide, does not fit in the L + 2p = \(padded) padded positions, so there is no output: return 0. Without that test the formula gives \(placements(padded, span, clamped: false)), because L + 2p − d(K − 1) − 1 is negative (and Swift's / rounds a negative quotient towards zero).",
                             placements(padded, span, clamped: false)))
        }
        mistakes += [
            ("One output too many: the dilated kernel is d(K − 1) + 1 = \(span) wide, not d(K − 1) = \(span - 1), so L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1; the −1 is missing.",
             placements(padded, span - 1)),
            ("This ignores the dilation: with d = \(l.dilation) the kernel spans d(K − 1) + 1 = \(span) positions, not K = \(l.kernelSize).",
             placements(padded, l.kernelSize)),
            ("The padding is added at both ends of the signal: L + 2p = \(padded) positions, not L + p = \(l.length + l.padding).",
             placements(l.length + l.padding, span)),
            ("This ignores the stride: the kernel moves s = \(l.stride) positions from one output to the next, so divide by s.",
             placements(padded, span, stride: 1)),
            ("This rounds up: L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1 counts only the placements that fit entirely, so round down.",
             span > padded ? 0 : (padded - span + l.stride - 1) / l.stride + 1),
        ]
        t.expect(observed, equals: expected,
                 "outputLength(inputLength: \(l.length), kernelSize: \(l.kernelSize), stride: \(l.stride), dilation: \(l.dilation), padding: \(l.padding))",
                 mistakes: merged(mistakes, unless: expected))
    }

    /// Returns the mistakes whose value is not the right answer, those with the same value
    /// merged into one explanation: the number alone cannot tell them apart.
    private static func merged(_ mistakes: [(String, Int)], unless expected: Int) -> [(String, Int)] {
        var result: [(String, Int)] = []
        for (explanation, value) in mistakes where value != expected {
            if let i = result.firstIndex(where: { $0.1 == value }) {
                if !result[i].0.hasPrefix("Two or more mistakes give this value here. ") {
                    result[i].0 = "Two or more mistakes give this value here. " + result[i].0
                }
                result[i].0 += " Or: " + explanation
            } else {
                result.append((explanation, value))
            }
        }
        return result
    }

    private static func expectReceptiveField(_ t: CheckContext, _ kernelSizes: [Int], _ strides: [Int], _ dilations: [Int]) throws {
        let observed = try t.integer("receptiveField", kernelSizes, strides, dilations)
        let expected = Convolution.receptiveField(kernelSizes: kernelSizes, strides: strides, dilations: dilations)
        let layers = Array(zip(kernelSizes, zip(strides, dilations))).map { (K: $0.0, s: $0.1.0, d: $0.1.1) }
        // Runs the layer-by-layer rule with a wrong step, to name the mistake that gives `observed`.
        func field(reach: (Int, Int, Int, Int) -> Int, spacing: (Int, Int, Int) -> Int, strideFirst: Bool = false, start: Int = 1) -> Int {
            var r = start, j = 1
            for l in layers {
                if strideFirst { j = spacing(j, l.s, l.d) }
                r += reach(l.K, l.s, l.d, j)
                if !strideFirst { j = spacing(j, l.s, l.d) }
            }
            return r
        }
        let mistakes = [
            ("This ignores the strides of earlier layers: after a layer with stride s its units are s times further apart, so layer l's reach d_l(K_l − 1) counts in steps of j = s₁⋯s_{l−1} inputs.",
             field(reach: { K, _, d, _ in d * (K - 1) }, spacing: { j, _, _ in j })),
            ("This counts each layer's own stride: update r += d·(K − 1)·j before j *= s, because a layer's stride only spaces out the units of the layers after it.",
             field(reach: { K, _, d, j in d * (K - 1) * j }, spacing: { j, s, _ in j * s }, strideFirst: true)),
            ("The dilation is multiplied into the spacing as if it were a stride: it widens its own layer's reach, d·(K − 1)·j, and leaves j for later layers as j·s.",
             field(reach: { K, _, d, j in d * (K - 1) * j }, spacing: { j, s, d in j * s * d })),
            ("This ignores the dilations: a layer with dilation d reaches d·(K − 1) units of the layer below beyond the first, not K − 1.",
             field(reach: { K, _, _, j in (K - 1) * j }, spacing: { j, s, _ in j * s })),
            ("This is one less than the receptive field: before any layer r = 1, the input itself, so an empty stack gives 1.",
             field(reach: { K, _, d, j in d * (K - 1) * j }, spacing: { j, s, _ in j * s }, start: 0)),
        ]
        t.expect(observed, equals: expected,
                 "receptiveField(kernelSizes: \(kernelSizes), strides: \(strides), dilations: \(dilations))",
                 mistakes: merged(mistakes, unless: expected))
    }
}
