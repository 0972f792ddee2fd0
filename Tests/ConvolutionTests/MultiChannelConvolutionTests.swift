import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct MultiChannelConvolutionTests {
    /// A random layer: input C_i×L, C_o kernels C_i×K, C_o biases, and an upstream gradient.
    struct Layer {
        var x: Matrix, kernels: [Matrix], bias: [Double], s: Int, d: Int, p: Int
        init(_ random: inout SeededGenerator, ci: Int, co: Int, K: Int, L: Int, s: Int, d: Int, p: Int) {
            x = random.matrix(rows: ci, columns: L, in: -2...2)
            kernels = (0..<co).map { _ in random.matrix(rows: ci, columns: K, in: -1...1) }
            bias = random.array(count: co, in: -1...1)
            (self.s, self.d, self.p) = (s, d, p)
        }
        var output: Matrix { convolve(x: x, kernels: kernels, bias: bias, stride: s, dilation: d, padding: p) }
    }

    static let shapes: [(ci: Int, co: Int, K: Int, L: Int, s: Int, d: Int, p: Int)] = [
        (1, 1, 3, 6, 1, 1, 1), (2, 3, 3, 9, 2, 1, 1), (3, 2, 2, 10, 3, 1, 0), (2, 2, 3, 11, 2, 2, 3), (1, 2, 5, 4, 1, 1, 2),
    ]

    // Every output channel sums its own kernel over every input channel, as a naive sum of
    // single-channel valid convolutions of the zero-padded rows says.
    @Test func matchesASumOfSingleChannelConvolutions() {
        var random = SeededGenerator(seed: 521)
        for shape in Self.shapes {
            let layer = Layer(&random, ci: shape.ci, co: shape.co, K: shape.K, L: shape.L, s: shape.s, d: shape.d, p: shape.p)
            let z = layer.output
            for o in 0..<shape.co {
                var expected = [Double](repeating: layer.bias[o], count: z.columns)
                for c in 0..<shape.ci {
                    let row = Convolution1DTests.naiveConvolution(layer.x.row(c), layer.kernels[o].row(c),
                                                                  stride: shape.s, dilation: shape.d, padding: shape.p)
                    expected = zip(expected, row).map(+)
                }
                expectClose(z.row(o), expected, "channel \(o) of \(shape)")
            }
        }
    }

    // All three gradients of L = Σ g ⊙ z agree with central differences.
    @Test func gradientsPassTheNumericCheck() {
        var random = SeededGenerator(seed: 522)
        let checker = GradientCheck()
        for shape in Self.shapes {
            let layer = Layer(&random, ci: shape.ci, co: shape.co, K: shape.K, L: shape.L, s: shape.s, d: shape.d, p: shape.p)
            let g = random.matrix(rows: shape.co, columns: layer.output.columns, in: -1...1)
            func loss(_ x: Matrix, _ kernels: [Matrix], _ bias: [Double]) -> Double {
                (g .* convolve(x: x, kernels: kernels, bias: bias, stride: shape.s, dilation: shape.d, padding: shape.p)).sum()
            }
            let grads = convolutionGradients(x: layer.x, kernels: layer.kernels, stride: shape.s, dilation: shape.d,
                                             padding: shape.p, outputGradient: g)
            expectPasses(checker.check(analytic: grads.input, of: { loss($0, layer.kernels, layer.bias) }, at: layer.x),
                         "∂L/∂x for \(shape)")
            for o in 0..<shape.co {
                expectPasses(checker.check(analytic: grads.kernels[o], of: { w in
                    var kernels = layer.kernels
                    kernels[o] = w
                    return loss(layer.x, kernels, layer.bias)
                }, at: layer.kernels[o]), "∂L/∂Ω[·, \(o), ·] for \(shape)")
            }
            expectPasses(checker.check(analytic: grads.bias, of: { loss(layer.x, layer.kernels, $0) }, at: layer.bias),
                         "∂L/∂β for \(shape)")
        }
    }

    // The values that solutions/exercise9.swift computes on two fixed cases.
    @Test func agreesWithTheSolutionOfExercise9() {
        let x = Matrix([[1, -2, 3, 0.5, -1, 2, 4], [0, 1, -3, 2, -0.5, 1.5, -2]])
        let kernels = [Matrix([[1, -1, 2], [0.5, 0, -2]]), Matrix([[-1, 3, 0], [1, 1, -0.5]]), Matrix([[2, 0.5, -1], [-2, 1, 1]])]
        let g = Matrix([[1, -1, 2, 0.5], [0, 2, -1, 1], [-0.5, 1, 1, -2]])
        let z = convolve(x: x, kernels: kernels, bias: [0.5, -1, 2], stride: 2, dilation: 2, padding: 2)
        expectClose(z, Matrix([[11.5, -2.5, 15, -4.75], [3.5, 4.25, -9.5, 9.5], [-3.5, 3, 7, 1]]), "z")
        let grads = convolutionGradients(x: x, kernels: kernels, stride: 2, dilation: 2, padding: 2, outputGradient: g)
        expectClose(grads.input, Matrix([[-2.25, 0, 15, 0, -12, 0, 4.5], [-1, 0, -1.5, 0, 7.25, 0, -3.5]]), "∂L/∂x")
        expectClose(grads.kernels[0], Matrix([[4.5, -2, 12], [-6.25, 1, -6.5]]), "∂L/∂Ω[·, 0, ·]")
        expectClose(grads.kernels[1], Matrix([[-2, 11, -6], [2.5, -7.5, 1]]), "∂L/∂Ω[·, 1, ·]")
        expectClose(grads.kernels[2], Matrix([[6, -6.5, 1.5], [-2, 0.5, -1]]), "∂L/∂Ω[·, 2, ·]")
        expectClose(grads.bias, [2.5, 2, -0.5], "∂L/∂β")

        let signal = Matrix([Lesson5.signal])
        let pair = [Matrix([[-1, 2, 1]]), Matrix([[0.5, -1, 3]])]
        let upstream = Matrix([[1, 2, -1, 0.5, 3, -2], [-1, 0.5, 2, 1, -3, 1]])
        expectClose(convolve(x: signal, kernels: pair, bias: [-2, 1], stride: 1, dilation: 1, padding: 1),
                    Matrix([[3, 5, -1, -5, 0, 7], [9, 4.5, 0.5, -1, 14, -3.5]]), "z, one input channel")
        let second = convolutionGradients(x: signal, kernels: pair, stride: 1, dilation: 1, padding: 1, outputGradient: upstream)
        expectClose(second.input, Matrix([[1.25, 3.5, -0.5, 0.5, 15, -11]]), "∂L/∂x, one input channel")
        expectClose(second.kernels[0], Matrix([[2, -6, 18.5]]), "∂L/∂Ω[·, 0, ·], one input channel")
        expectClose(second.kernels[1], Matrix([[7.5, 11.5, -15]]), "∂L/∂Ω[·, 1, ·], one input channel")
        expectClose(second.bias, [3.5, 0.5], "∂L/∂β, one input channel")
    }

    // With stride 1 the input gradient is a convolution of g with the kernel reversed
    // (same dilation, padding d(K − 1) − p); with stride 2 that is false, and true again once
    // a zero is put between neighbouring entries of g.
    @Test func inputGradientIsAReversedKernelConvolutionOnlyForStrideOne() {
        var random = SeededGenerator(seed: 515)
        let x = random.matrix(rows: 1, columns: 9, in: -1...1)
        let w = random.array(count: 3, in: -1...1)
        func inputGradient(stride s: Int, dilation d: Int, padding p: Int, g: [Double]) -> [Double] {
            convolutionGradients(x: x, kernels: [Matrix([w])], stride: s, dilation: d, padding: p,
                                 outputGradient: Matrix([g])).input.row(0)
        }
        func reversedKernelConvolution(_ g: [Double], dilation d: Int, padding p: Int) -> [Double] {
            let full = convolve(g, kernel: w.reversed(), dilation: d, padding: d * (w.count - 1) - p)
            return (0..<x.columns).map { $0 < full.count ? full[$0] : 0 }
        }
        for (d, p) in [(1, 1), (1, 0), (2, 2), (2, 1)] {
            let count = outputLength(inputLength: x.columns, kernelSize: 3, stride: 1, dilation: d, padding: p)
            let g = random.array(count: count, in: -1...1)
            expectClose(inputGradient(stride: 1, dilation: d, padding: p, g: g), reversedKernelConvolution(g, dilation: d, padding: p),
                        "stride 1, dilation \(d), padding \(p)")
        }
        let count = outputLength(inputLength: x.columns, kernelSize: 3, stride: 2, dilation: 1, padding: 1)
        let g = random.array(count: count, in: -1...1)
        let strided = inputGradient(stride: 2, dilation: 1, padding: 1, g: g)
        let naive = reversedKernelConvolution(g, dilation: 1, padding: 1)
        #expect(zip(strided, naive).contains { abs($0 - $1) > 1e-3 }, "with stride 2 the plain reversal should not match")
        let spread = (0..<(2 * count - 1)).map { $0 % 2 == 0 ? g[$0 / 2] : 0 }
        expectClose(strided, reversedKernelConvolution(spread, dilation: 1, padding: 1), "stride 2 after spreading g")
    }
}
