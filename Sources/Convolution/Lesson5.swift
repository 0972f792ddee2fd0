import CourseKit

/// Lesson 5 live: 1D convolution, convolutional layers, channels, receptive fields,
/// equivariance, 2D image kernels and the 2D convolution with channels.
public enum Lesson5: LiveLesson {
    /// The lesson's number.
    public static let number = 5
    /// The lesson's title, as in its text.
    public static let title = "Convolutional networks and receptive fields"

    /// The six inputs of the worked example.
    public static let signal: [Double] = [1, 3, 2, 0, -1, 4]
    /// The worked example's three-wide kernel [w₀, w₁, w₂], not symmetric so that order shows.
    public static let kernel: [Double] = [-1, 2, 1]
    /// The worked example's bias β.
    public static let bias = -2.0

    /// Runs the lesson's sections in the order of the text.
    public static func run(on console: LessonConsole) {
        console.title(self)
        showConvolution(on: console)
        showLayerAsFullyConnected(on: console)
        showChannels(on: console)
        showReceptiveFields(on: console)
        showEquivariance(on: console)
        showImageKernels(on: console)
        showConvolution2D(on: console)
    }

    static func showConvolution(on console: LessonConsole) {
        console.heading("1. Convolution in 1D")
        console.text("x = \(formatVector(signal))   kernel w = \(formatVector(kernel))")
        console.text("zᵢ = Σⱼ wⱼ x_{s·i + d·j − p}   (j = 0, 1, 2; x = 0 outside the input)")
        console.text()
        var table = TextTable(header: ["mode", "stride s", "dilation d", "padding p", "z"])
        let modes: [(String, Int, Int, Int)] = [
            ("zero padding", 1, 1, samePadding(kernelSize: 3)),
            ("valid", 1, 1, 0),
            ("stride 2", 2, 1, 1),
            ("dilation 2", 1, 2, samePadding(kernelSize: 3, dilation: 2)),
        ]
        for (name, s, d, p) in modes {
            let z = convolve(signal, kernel: kernel, stride: s, dilation: d, padding: p)
            table.append([name, "\(s)", "\(d)", "\(p)", formatVector(z)])
        }
        console.block(table)
        console.figure("convolution-modes") {
            convolutionModesFigure(signal, kernel: kernel,
                                   modes: modes.map { (name: $0.0, stride: $0.1, dilation: $0.2, padding: $0.3) })
        }
        console.text()
        console.text("With zero padding, z₀ = w₀·0 + w₁·x₀ + w₂·x₁ = −1·0 + 2·1 + 1·3 = 5.")
        console.text()
        console.text("The output length: L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1")
        var lengths = TextTable(header: ["L", "K", "s", "d", "p", "L_out"])
        for (L, K, s, d, p) in [(6, 3, 1, 1, 1), (6, 3, 1, 1, 0), (6, 3, 2, 1, 1), (6, 3, 1, 2, 2),
                                (6, 3, 1, 2, 0), (10, 5, 3, 1, 0), (7, 3, 2, 1, 1), (4, 3, 1, 3, 0)] {
            let count = outputLength(inputLength: L, kernelSize: K, stride: s, dilation: d, padding: p)
            lengths.append(["\(L)", "\(K)", "\(s)", "\(d)", "\(p)", "\(count)"])
        }
        console.block(lengths)
    }

    static func showLayerAsFullyConnected(on console: LessonConsole) {
        console.heading("2. A convolutional layer is a fully connected layer with tied weights")
        let h = convolutionalLayer(signal, kernel: kernel, bias: bias, padding: 1)
        console.text("hᵢ = ReLU[β + Σⱼ wⱼ x_{i+j−2}]  with β = \(formatNumber(bias)), j = 1, 2, 3")
        console.text("h (convolution)     = \(formatVector(h))")
        let Ω = convolutionMatrix(kernel: kernel, inputLength: signal.count, padding: 1)
        let dense = fullyConnectedLayer(signal, weights: Ω, bias: Array(repeating: bias, count: Ω.rows))
        console.text("h (fully connected) = \(formatVector(dense))")
        console.text("largest difference: \(formatNumber(largestDifference(h, dense)))")
        console.text()
        console.text("The fully connected weights Ω (6×6): each row is the kernel moved one place right, "
                     + "every other weight is zero.")
        console.block(Ω)
        console.figure("tied-weights") { tiedWeightsFigure(Ω, kernel: kernel, padding: 1) }
        console.text()
        let zeros = Ω.scalars.filter { $0 == 0 }.count
        console.text("\(zeros) of its \(Ω.count) weights are zero and the others share 3 values:")
        console.text("convolution: \(kernel.count + 1) parameters;  "
                     + "fully connected: \(fullyConnectedParameterCount(inputs: 6, outputs: 6)) parameters.")
    }

    static func showChannels(on console: LessonConsole) {
        console.heading("3. Channels")
        console.text("Ω ∈ R^{C_i×C_o×K}, β ∈ R^{C_o}: C_i·C_o·K + C_o parameters.")
        var counts = TextTable(header: ["C_i", "C_o", "K", "parameters"])
        for (ci, co, k) in [(1, 2, 3), (1, 1, 3), (3, 16, 3), (16, 32, 5), (64, 64, 3)] {
            let n = convolutionParameterCount(inputChannels: ci, outputChannels: co, kernelSize: k)
            counts.append(["\(ci)", "\(co)", "\(k)", formatCount(n)])
        }
        console.block(counts)
        console.text()
        var random = SeededGenerator(seed: 51)
        let x = random.matrix(rows: 2, columns: 9, in: -1...1)
        let kernels = (0..<3).map { _ in random.matrix(rows: 2, columns: 3, in: -1...1) }
        let bias = random.array(count: 3, in: -0.5...0.5)
        let g = random.matrix(rows: 3, columns: 5, in: -1...1)
        let z = convolve(x: x, kernels: kernels, bias: bias, stride: 2, dilation: 1, padding: 1)
        console.text("A layer from 2 to 3 channels, K = 3, stride 2, padding 1, on 9 positions:")
        console.text("z is \(z.rows)×\(z.columns) (three channels of ⌊(9 + 2 − 2 − 1)/2⌋ + 1 = 5 positions)")
        console.block(z)
        console.figure("kernel-array") { kernelArrayFigure(x: x, kernels: kernels, z: z) }
        console.text()
        console.text("Backward pass for L = Σ g ⊙ z, checked against central differences:")
        console.block(gradientCheckTable(x: x, kernels: kernels, bias: bias, stride: 2, dilation: 1, padding: 1, g: g))
    }

    /// Checks the three gradients of the multi-channel convolution and tabulates the result.
    static func gradientCheckTable(x: Matrix, kernels: [Matrix], bias: [Double],
                                   stride s: Int, dilation d: Int, padding p: Int, g: Matrix) -> TextTable {
        func loss(_ x: Matrix, _ kernels: [Matrix], _ bias: [Double]) -> Double {
            (g .* convolve(x: x, kernels: kernels, bias: bias, stride: s, dilation: d, padding: p)).sum()
        }
        let grads = convolutionGradients(x: x, kernels: kernels, stride: s, dilation: d, padding: p, outputGradient: g)
        let checker = GradientCheck()
        var results = [("∂L/∂x", checker.check(analytic: grads.input, of: { loss($0, kernels, bias) }, at: x))]
        for o in kernels.indices {
            let result = checker.check(analytic: grads.kernels[o], of: { w in
                var changed = kernels
                changed[o] = w
                return loss(x, changed, bias)
            }, at: kernels[o])
            results.append(("∂L/∂Ω[·, \(o), ·]", result))
        }
        results.append(("∂L/∂β", checker.check(analytic: grads.bias, of: { loss(x, kernels, $0) }, at: bias)))
        var table = TextTable(header: ["gradient", "entries", "max relative error", "agrees"])
        for (name, result) in results {
            table.append([name, "\(result.entries.count)", formatNumber(result.maxRelativeError, digits: 2),
                          result.passed ? "yes" : "NO"])
        }
        return table
    }
}
