import CourseKit

extension Lesson5 {
    /// The stacks whose receptive fields the lesson tabulates: kernel sizes, strides, dilations.
    public static let stacks: [(kernelSizes: [Int], strides: [Int], dilations: [Int])] = [
        ([3, 3, 3], [1, 1, 1], [1, 1, 1]),
        ([3, 3, 3], [2, 2, 1], [1, 1, 1]),
        ([3, 3, 3], [1, 1, 1], [1, 2, 4]),
        ([5, 3], [2, 1], [1, 1]),
        ([3, 3], [1, 3], [2, 2]),
        ([3, 3, 3, 3], [2, 2, 2, 2], [1, 1, 1, 1]),
    ]

    static func showReceptiveFields(on console: LessonConsole) {
        console.heading("4. Receptive fields")
        console.text("Three layers with three-wide kernels. Which of 15 inputs move the middle unit "
                     + "of each layer? (perturb each input in turn; █ = the unit moved)")
        console.text()
        var table = TextTable(header: ["layer", "inputs that move the middle unit", "brute force", "rule"])
        for layers in 1...3 {
            let K = Array(repeating: 3, count: layers), ones = Array(repeating: 1, count: layers)
            let count = 15 - 2 * layers
            let moved = influence(kernelSizes: K, strides: ones, dilations: ones, inputLength: 15, output: count / 2)
            let span = moved.lastIndex(of: true)! - moved.firstIndex(of: true)! + 1
            table.append(["\(layers)", formatPattern(moved), "\(span)",
                          "\(receptiveField(kernelSizes: K, strides: ones, dilations: ones))"])
            if layers == 3 {
                console.figure("receptive-field") {
                    receptiveFieldFigure(dilations: ones, moved: moved, output: count / 2,
                                         title: "Receptive fields of three layers with K = 3: 3, 5 and 7 inputs")
                }
            }
        }
        console.block(table)
        console.text()
        console.text("The rule with strides s and dilations d (r₀ = 1, j₀ = 1):")
        console.text("  r_l = r_{l−1} + d_l(K_l − 1)·j_{l−1},   j_l = j_{l−1}·s_l")
        var general = TextTable(header: ["kernel sizes", "strides", "dilations", "rule", "brute force"])
        for stack in stacks {
            general.append([formatInts(stack.kernelSizes), formatInts(stack.strides), formatInts(stack.dilations),
                            "\(receptiveField(kernelSizes: stack.kernelSizes, strides: stack.strides, dilations: stack.dilations))",
                            "\(bruteForceReceptiveField(kernelSizes: stack.kernelSizes, strides: stack.strides, dilations: stack.dilations))"])
        }
        console.block(general)
        console.text()
        console.text("Dilations 1, 2, 4: the first output of each layer reads these inputs")
        for layers in 1...3 {
            let K = Array(repeating: 3, count: layers), ones = Array(repeating: 1, count: layers)
            let d = Array([1, 2, 4].prefix(layers))
            let moved = influence(kernelSizes: K, strides: ones, dilations: d, inputLength: 15, output: 0)
            console.text("  layer \(layers): \(formatPattern(moved))")
            if layers == 3 {
                console.figure("receptive-field-dilated") {
                    receptiveFieldFigure(dilations: d, moved: moved, output: 0,
                                         title: "Dilations 1, 2 and 4: the receptive field grows to 15 inputs")
                }
            }
        }
    }

    static func showEquivariance(on console: LessonConsole) {
        console.heading("5. Translation equivariance and pooling")
        let x: [Double] = [0, 0, 1, 3, 2, 0, 0, 0, 0, 0, 0, 0]
        let f = { (x: [Double]) in convolutionalLayer(x, kernel: kernel, bias: 0, padding: 1) }
        let t = { (x: [Double]) in shifted(x, by: 2) }
        console.text("f = ReLU[conv with w = \(formatVector(kernel))],  t = shift right by 2")
        console.text("x       = \(formatVector(x))")
        console.text("f[t[x]] = \(formatVector(f(t(x))))")
        console.text("t[f[x]] = \(formatVector(t(f(x))))")
        console.text("largest difference |f[t[x]] − t[f[x]]| = \(formatNumber(largestDifference(f(t(x)), t(f(x)))))")
        console.figure("shift-equivariance") {
            shiftBarsFigure([("x", x), ("t[x]", t(x)), ("f[x]", f(x)), ("f[t[x]]", f(t(x)))],
                            title: "Shift, then convolve = convolve, then shift: t moves x by 2, f[t[x]] = t[f[x]]")
        }
        console.text()
        console.text("Pooling: max over windows of 2, stride 2, after f.")
        var table = TextTable(header: ["input", "max-pool(f[·])", "global max"])
        for offset in 0...2 {
            let moved = shifted(x, by: offset)
            table.append([offset == 0 ? "x" : "x shifted by \(offset)",
                          formatVector(maxPool(f(moved), width: 2, stride: 2)),
                          formatNumber(globalMaxPool(f(moved)))])
        }
        console.block(table)
        console.text("The global maximum is invariant; local pooling changes little for a shift of 1 and "
                     + "moves by one place for a shift of 2.")
    }

    static func showImageKernels(on console: LessonConsole) {
        console.heading("6. Image kernels")
        let picture = samplePicture()
        console.text("A 16×16 picture (1 on the shapes, 0 elsewhere) and its 2D convolutions with four kernels: "
                     + "blur, vertical and horizontal edges (Sobel), outline (Laplacian).")
        console.text("Edge maps show |z|: darker where brightness changes.")
        console.text()
        console.block(sideBySide([("picture", picture), ("blur", convolve2D(picture, kernel: ImageKernel.blur))]))
        console.text()
        let vertical = convolve2D(picture, kernel: ImageKernel.verticalEdges).map(abs)
        let horizontal = convolve2D(picture, kernel: ImageKernel.horizontalEdges).map(abs)
        let outline = convolve2D(picture, kernel: ImageKernel.outline).map(abs)
        console.block(sideBySide([("vertical edges (Sobel)", vertical), ("horizontal edges (Sobel)", horizontal)]))
        console.text()
        console.block(sideBySide([("outline (Laplacian)", outline)]))
        console.figure("image-kernels") {
            imageKernelsFigure([("picture", picture), ("blur", convolve2D(picture, kernel: ImageKernel.blur)),
                                ("vertical edges |z|", vertical), ("horizontal edges |z|", horizontal),
                                ("outline |z|", outline)])
        }
        console.text()
        console.text("vertical edges kernel:")
        console.block(ImageKernel.verticalEdges)
    }

    private static func formatInts(_ v: [Int]) -> String {
        v.map(String.init).joined(separator: ",")
    }
}
