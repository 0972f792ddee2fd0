import Answers
import CourseKit

/// One input of exercise 14: an image of C_i channels (each H×W), its kernels (C_o lists of
/// C_i matrices, each K_h×K_w) and biases, the stride, dilation and padding of each axis
/// ([rows, columns]), and an upstream gradient g = ∂L/∂z of the output's shape.
///
/// It holds the reference 2D convolution, forward and backward, with the tap positions as
/// parameters, so that the results of typical mistakes can be computed the same way.
/// ```
///   z[o][i, j] = β_o + Σ_c Σ_a Σ_b Ω[o][c][a, b] · x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w]
/// ```
struct Convolution2DCase {
    var x: [Matrix]
    var kernels: [[Matrix]]
    var bias: [Double]
    var stride: [Int]
    var dilation: [Int]
    var padding: [Int]
    var outputGradient: [Matrix]

    init(x: [Matrix], kernels: [[Matrix]], bias: [Double], stride: [Int], dilation: [Int], padding: [Int], seed: UInt64) {
        self.x = x
        self.kernels = kernels
        self.bias = bias
        self.stride = stride
        self.dilation = dilation
        self.padding = padding
        outputGradient = []
        var random = SeededGenerator(seed: 14_000 + seed)
        let (rows, columns) = outputShape
        outputGradient = kernels.map { _ in random.matrix(rows: rows, columns: columns, in: -1.5...1.5) }
    }

    /// A case with seeded values everywhere.
    static func random(inputChannels: Int, outputChannels: Int, height: Int, width: Int, kernel: [Int],
                       stride: [Int], dilation: [Int], padding: [Int], seed: UInt64) -> Convolution2DCase {
        var random = SeededGenerator(seed: 1_400 + seed)
        let x = (0..<inputChannels).map { _ in random.matrix(rows: height, columns: width, in: -2...2) }
        let kernels = (0..<outputChannels).map { _ in
            (0..<inputChannels).map { _ in random.matrix(rows: kernel[0], columns: kernel[1], in: -1.5...1.5) }
        }
        return Convolution2DCase(x: x, kernels: kernels, bias: random.array(count: outputChannels, in: -1...1),
                                 stride: stride, dilation: dilation, padding: padding, seed: seed)
    }

    // MARK: Sizes

    var inputChannels: Int { x.count }
    var outputChannels: Int { kernels.count }
    var height: Int { x[0].rows }
    var width: Int { x[0].columns }
    var kernelHeight: Int { kernels[0][0].rows }
    var kernelWidth: Int { kernels[0][0].columns }

    /// Returns ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1, or 0 when the dilated kernel does not fit.
    static func outputSize(_ length: Int, kernel: Int, stride: Int, dilation: Int, padding: Int) -> Int {
        AnswerKeys.answer("Grader.Convolution2DCase.outputSize", [length, kernel, stride, dilation, padding]) {
            // answer: exercise14 begin
            let room = length + 2 * padding - dilation * (kernel - 1) - 1
            return room < 0 ? 0 : room / stride + 1
            // answer: exercise14 end
        }
    }

    /// (H_out, W_out).
    var outputShape: (rows: Int, columns: Int) {
        (Self.outputSize(height, kernel: kernelHeight, stride: stride[0], dilation: dilation[0], padding: padding[0]),
         Self.outputSize(width, kernel: kernelWidth, stride: stride[1], dilation: dilation[1], padding: padding[1]))
    }

    var description: String {
        "C_i = \(inputChannels), C_o = \(outputChannels), H×W = \(height)×\(width), K_h×K_w = \(kernelHeight)×\(kernelWidth), "
            + "stride \(stride), dilation \(dilation), padding \(padding)"
    }

    // MARK: The convolution, with its taps as parameters

    /// Where tap (a, b) of output (i, j) reads the input: a row and a column.
    struct Taps {
        let row: (Int, Int) -> Int
        let column: (Int, Int) -> Int
    }

    /// The right taps: s_h·i + d_h·a − p_h and s_w·j + d_w·b − p_w.
    var taps: Taps {
        Taps(row: { i, a in stride[0] * i + dilation[0] * a - padding[0] },
             column: { j, b in stride[1] * j + dilation[1] * b - padding[1] })
    }

    /// The case and where its taps read, as the arguments of an answer key: the taps are
    /// written out for every output position and kernel entry.
    private func answerArguments(_ taps: Taps) -> [any AnswerValue] {
        let (rows, columns) = outputShape
        let rowTaps = (0..<rows).flatMap { i in (0..<kernelHeight).map { taps.row(i, $0) } }
        let columnTaps = (0..<columns).flatMap { j in (0..<kernelWidth).map { taps.column(j, $0) } }
        return [x, kernels, bias, stride, dilation, padding, outputGradient, rowTaps, columnTaps]
    }

    /// The forward pass with the given taps (the right ones by default), with or without the bias.
    func forward(_ taps: Taps? = nil, bias withBias: Bool = true) -> [Matrix] {
        let taps = taps ?? self.taps
        return AnswerKeys.answer("Grader.Convolution2DCase.forward", answerArguments(taps) + [withBias]) {
            // answer: exercise14 begin
            let (rows, columns) = outputShape
            return kernels.indices.map { o in
                Matrix(rows: rows, columns: columns) { i, j in
                    var sum = withBias ? bias[o] : 0
                    for c in x.indices {
                        for a in 0..<kernelHeight {
                            for b in 0..<kernelWidth {
                                let r = taps.row(i, a), q = taps.column(j, b)
                                if (0..<height).contains(r) && (0..<width).contains(q) { sum += kernels[o][c][a, b] * x[c][r, q] }
                            }
                        }
                    }
                    return sum
                }
            }
            // answer: exercise14 end
        }
    }

    /// The backward pass with the given taps, assigning instead of accumulating the input
    /// gradient when `overwrite`.
    func backward(_ taps: Taps? = nil, overwrite: Bool = false) -> (input: [Matrix], kernels: [[Matrix]], bias: [Double]) {
        let taps = taps ?? self.taps
        return AnswerKeys.answer("Grader.Convolution2DCase.backward", answerArguments(taps) + [overwrite]) {
            // answer: exercise14 begin
            var input = x.map { Matrix(rows: $0.rows, columns: $0.columns) }
            var gradients = kernels.map { $0.map { Matrix(rows: $0.rows, columns: $0.columns) } }
            var biasGradient = [Double](repeating: 0, count: outputChannels)
            for o in kernels.indices {
                let g = outputGradient[o]
                for i in 0..<g.rows {
                    for j in 0..<g.columns {
                        biasGradient[o] += g[i, j]
                        for c in x.indices {
                            for a in 0..<kernelHeight {
                                for b in 0..<kernelWidth {
                                    let r = taps.row(i, a), q = taps.column(j, b)
                                    guard (0..<height).contains(r) && (0..<width).contains(q) else { continue }
                                    gradients[o][c][a, b] += g[i, j] * x[c][r, q]
                                    input[c][r, q] = (overwrite ? 0 : input[c][r, q]) + g[i, j] * kernels[o][c][a, b]
                                }
                            }
                        }
                    }
                }
            }
            return (input, gradients, biasGradient)
            // answer: exercise14 end
        }
    }

    /// The same case with other inputs, kernels or biases (for central differences).
    func with(x: [Matrix]? = nil, kernels: [[Matrix]]? = nil, bias: [Double]? = nil) -> Convolution2DCase {
        var changed = self
        if let x { changed.x = x }
        if let kernels { changed.kernels = kernels }
        if let bias { changed.bias = bias }
        return changed
    }
}

extension Convolution2DCase {
    /// A hand-made case: 2 → 3 channels on a 5×6 image, a 2×3 kernel, every knob different
    /// on the two axes (stride [2, 3], dilation [1, 2], padding [1, 2]): H_out = 3, W_out = 2.
    static let strided = Convolution2DCase(
        x: [Matrix([[0.5, -1.2, 2.0, 0.3, -0.7, 1.5], [0.9, 1.1, 0.4, -0.6, 2.2, -1.3],
                    [0.8, -0.2, 1.7, -0.9, 0.6, 0.1], [-1.4, 0.35, -0.5, 1.25, 0.7, -0.8],
                    [1.9, -0.45, 0.2, -1.6, 0.95, 0.55]]),
            Matrix([[-0.3, 0.75, 1.4, -1.1, 0.25, 0.6], [1.3, -0.85, 0.15, 0.45, -1.9, 0.7],
                    [-0.65, 1.05, -1.35, 0.9, 0.05, -0.4], [0.2, -1.5, 0.85, -0.25, 1.6, 1.15],
                    [-0.95, 0.4, 1.8, 0.65, -0.15, -1.2]])],
        kernels: [[Matrix([[0.7, -0.4, 1.3], [-1.1, 0.2, 0.6]]), Matrix([[-0.5, 1.4, 0.3], [0.9, -0.8, -1.2]])],
                  [Matrix([[1.2, 0.1, -0.9], [0.4, 1.6, -0.3]]), Matrix([[-0.2, 0.55, 1.1], [-1.3, 0.35, 0.8]])],
                  [Matrix([[0.45, -1.05, 0.25], [1.15, -0.6, 0.95]]), Matrix([[0.65, 0.3, -1.45], [-0.15, 1.25, -0.7]])]],
        bias: [0.25, -0.6, 1.1], stride: [2, 3], dilation: [1, 2], padding: [1, 2], seed: 1)

    /// Stride, dilation and padding 1 on both axes, a 3×3 kernel on a 4×5 image: the output
    /// keeps the image's size.
    static let plain = random(inputChannels: 2, outputChannels: 2, height: 4, width: 5, kernel: [3, 3],
                              stride: [1, 1], dilation: [1, 1], padding: [1, 1], seed: 2)

    /// The backward pass's visible case: overlapping taps (stride 1 on the rows, 2 on the
    /// columns, with a 3-wide kernel), so that inputs are read by several outputs.
    static let backward = random(inputChannels: 2, outputChannels: 3, height: 5, width: 7, kernel: [2, 3],
                                 stride: [1, 2], dilation: [2, 1], padding: [1, 1], seed: 3)

    /// The kernel fits exactly once: a valid 3×4 kernel with dilation [1, 2] spans 3×7, the
    /// whole of the 3×7 image (H_out = W_out = 1).
    static let fitsOnce = random(inputChannels: 2, outputChannels: 2, height: 3, width: 7, kernel: [3, 4],
                                 stride: [2, 1], dilation: [1, 2], padding: [0, 0], seed: 4)

    /// The kernel does not fit along the columns: a 2×3 kernel with dilation 2 spans 5
    /// columns of a 4-wide image (W_out = 0, although s = 2 makes ⌊−1/2⌋ + 1 look like 1).
    static let tooWide = random(inputChannels: 1, outputChannels: 2, height: 4, width: 4, kernel: [2, 3],
                                stride: [1, 2], dilation: [1, 2], padding: [0, 0], seed: 5)

    /// Hidden cases: other shapes, strides, dilations and paddings, and a kernel taller than
    /// the padded image.
    static let hidden = [
        random(inputChannels: 3, outputChannels: 2, height: 6, width: 5, kernel: [3, 2], stride: [3, 1], dilation: [1, 1], padding: [1, 0], seed: 6),
        random(inputChannels: 1, outputChannels: 3, height: 7, width: 8, kernel: [2, 2], stride: [2, 2], dilation: [3, 2], padding: [2, 1], seed: 7),
        random(inputChannels: 2, outputChannels: 1, height: 3, width: 6, kernel: [4, 3], stride: [1, 1], dilation: [1, 1], padding: [0, 1], seed: 8),
        random(inputChannels: 2, outputChannels: 2, height: 6, width: 3, kernel: [3, 3], stride: [1, 2], dilation: [2, 1], padding: [1, 1], seed: 9),
    ]

    /// Seeded layers of every small shape, smallest first: one or two channels each way,
    /// images and kernels of 1 to 6 and 1 to 3 on each axis, strides 1 to 3, dilations 1 to 2
    /// and paddings 0 to 2, including kernels that do not fit.
    static let generated: [Convolution2DCase] = {
        var random = SeededGenerator(seed: 14_200)
        let pick = { (g: inout SeededGenerator, range: ClosedRange<Int>) in [g.integer(in: range), g.integer(in: range)] }
        let cases = (0..<40).map { index -> Convolution2DCase in
            let channels = [random.integer(in: 1...2), random.integer(in: 1...2)]
            let size = pick(&random, 1...6), kernel = pick(&random, 1...3)
            return Convolution2DCase.random(inputChannels: channels[0], outputChannels: channels[1], height: size[0], width: size[1], kernel: kernel,
                          stride: pick(&random, 1...3), dilation: pick(&random, 1...2), padding: pick(&random, 0...2),
                          seed: 100 + UInt64(index))
        }
        return cases.sorted { $0.size < $1.size }
    }()

    /// How big a case is, to show the smallest one that fails: the entries of x and of the kernels.
    var size: Int { inputChannels * height * width + outputChannels * inputChannels * kernelHeight * kernelWidth }
}
