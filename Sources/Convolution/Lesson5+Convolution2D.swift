import CourseKit

extension Lesson5 {
    /// The worked example of section 7: a 3×3 image and a 2×2 kernel, not symmetric.
    static let smallImage = Matrix([[1, 2, 0], [0, 1, 3], [2, 1, 1]])
    static let smallKernel = Matrix([[1, -1], [2, 0]])

    /// Section 7: the 2D convolution with channels, its output shape on each axis and its
    /// parameter count.
    static func showConvolution2D(on console: LessonConsole) {
        console.heading("7. Convolution in 2D, with channels")
        console.text("z[o][i, j] = β_o + Σ_c Σ_a Σ_b Ω[o][c][a, b]")
        console.text("                  · x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w]")
        console.text()
        // A 2×2 kernel padded to the image's size starts one row and one column early, so the
        // valid outputs are the padded ones from row 1 and column 1 on.
        let same = convolve2D(smallImage, kernel: smallKernel)
        let valid = Matrix(rows: 2, columns: 2) { i, j in same[i + 1, j + 1] }
        console.text("One channel, stride 1, no padding: x (3×3), the kernel (2×2), and z (2×2)")
        console.block(smallImage)
        console.block(smallKernel)
        console.block(valid)
        console.text()
        console.text("The output shape, each axis with its own kernel size, stride, dilation and padding:")
        var shapes = TextTable(header: ["image", "kernel", "stride", "dilation", "padding", "output"])
        let cases = [([28, 28], [3, 3], [1, 1], [1, 1], [1, 1]), ([32, 32], [5, 5], [1, 1], [1, 1], [0, 0]),
                     ([224, 224], [11, 11], [4, 4], [1, 1], [2, 2]), ([5, 6], [2, 3], [2, 3], [1, 2], [1, 2]),
                     ([3, 7], [3, 4], [2, 1], [1, 2], [0, 0]), ([4, 4], [2, 3], [1, 2], [1, 2], [0, 0])]
        let axes = cases.map { size, kernel, s, d, p in
            (0..<2).map { Axis(size: size[$0], kernel: kernel[$0], stride: s[$0], dilation: d[$0], padding: p[$0]) }
        }
        for ((size, kernel, s, d, p), axis) in zip(cases, axes) {
            shapes.append(["\(size[0])×\(size[1])", "\(kernel[0])×\(kernel[1])", "\(s)", "\(d)", "\(p)",
                           "\(axis[0].outputs)×\(axis[1].outputs)"])
        }
        console.block(shapes)
        // The 5×6 case, whose axes differ in every number: where the taps of output (1, 1) fall.
        console.figure("convolution-2d") { convolution2DFigure(rows: axes[3][0], columns: axes[3][1], chosen: (1, 1)) }
        console.text()
        console.text("K_h·K_w·C_i·C_o + C_o parameters, whatever the size of the image:")
        var counts = TextTable(header: ["kernel", "C_i", "C_o", "parameters"])
        for (kh, kw, ci, co) in [(3, 3, 3, 64), (11, 11, 3, 96), (3, 3, 64, 128), (5, 5, 1, 6)] {
            counts.append(["\(kh)×\(kw)", "\(ci)", "\(co)", "\(convolutionParameterCount(inputChannels: ci, outputChannels: co, kernelSize: kh * kw))"])
        }
        console.block(counts)
        let inputs = 224 * 224 * 3, outputs = 55 * 55 * 96
        console.text("A fully connected layer from the 224×224×3 image to the same 55×55×96")
        console.text("output: \(fullyConnectedParameterCount(inputs: inputs, outputs: outputs)) parameters.")
    }
}
