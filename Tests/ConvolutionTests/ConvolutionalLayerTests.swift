import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct ConvolutionalLayerTests {
    // hᵢ = ReLU[β + Σⱼ wⱼ x_{i+j−2}] with β = −2 on the worked example gives [3, 5, 0, 0, 0, 7].
    @Test func reproducesTheWorkedLayer() {
        let h = convolutionalLayer(Lesson5.signal, kernel: Lesson5.kernel, bias: Lesson5.bias, padding: 1)
        expectClose(h, [3, 5, 0, 0, 0, 7], "h")
    }

    // The convolution matrix is banded with tied weights: row i holds w at columns i − 1, i, i + 1.
    @Test func convolutionMatrixHasTiedMostlyZeroWeights() {
        let Ω = convolutionMatrix(kernel: [-1, 2, 1], inputLength: 6, padding: 1)
        let expected = Matrix([
            [2, 1, 0, 0, 0, 0], [-1, 2, 1, 0, 0, 0], [0, -1, 2, 1, 0, 0],
            [0, 0, -1, 2, 1, 0], [0, 0, 0, -1, 2, 1], [0, 0, 0, 0, -1, 2],
        ])
        expectClose(Ω, expected, "Ω")
        #expect(Ω.scalars.filter { $0 == 0 }.count == 20)
    }

    // A convolutional layer and the fully connected layer with the convolution matrix agree, for
    // any stride, dilation and padding.
    @Test func convolutionalLayerEqualsAFullyConnectedOne() {
        var random = SeededGenerator(seed: 511)
        for _ in 0..<30 {
            let L = random.integer(in: 3...12), K = random.integer(in: 1...4)
            let s = random.integer(in: 1...3), d = random.integer(in: 1...2), p = random.integer(in: 0...2)
            let x = random.array(count: L, in: -2...2), w = random.array(count: K, in: -1...1)
            let β = random.uniform(in: -0.5...0.5)
            let Ω = convolutionMatrix(kernel: w, inputLength: L, stride: s, dilation: d, padding: p)
            let conv = convolutionalLayer(x, kernel: w, bias: β, stride: s, dilation: d, padding: p, activation: tanh)
            let dense = fullyConnectedLayer(x, weights: Ω, bias: Array(repeating: β, count: Ω.rows), activation: tanh)
            expectClose(dense, conv, "L=\(L) K=\(K) s=\(s) d=\(d) p=\(p)")
        }
    }

    // Parameter counts: 3 + 1 for the convolution against 6·6 + 6 = 42 fully connected;
    // C_i·C_o·K + C_o with channels (1 → 2 channels, K = 3: 8).
    @Test func countsParameters() {
        #expect(fullyConnectedParameterCount(inputs: 6, outputs: 6) == 42)
        #expect(convolutionParameterCount(inputChannels: 1, outputChannels: 1, kernelSize: 3) == 4)
        #expect(convolutionParameterCount(inputChannels: 1, outputChannels: 2, kernelSize: 3) == 8)
        #expect(convolutionParameterCount(inputChannels: 3, outputChannels: 16, kernelSize: 3) == 160)
        #expect(convolutionParameterCount(inputChannels: 16, outputChannels: 32, kernelSize: 5) == 2592)
    }
}
