import CourseKit

// The seeded layers of exercise 9's differential check, and how a failing one is made smaller.

extension Catalogue {
    /// One layer and its input, for the differential check.
    struct ConvolutionLayer: Sendable {
        var x: Matrix, kernels: [Matrix], bias: [Double], stride: Int, dilation: Int, padding: Int

        var description: String {
            "convolve(x: \(swiftText(x)), kernels: [\(kernels.map(swiftText).joined(separator: ", "))], "
                + "bias: [\(bias.map { swiftText($0) }.joined(separator: ", "))], stride: \(stride), dilation: \(dilation), padding: \(padding))"
        }

        /// The same layer with one thing made smaller or plainer, each way in turn.
        var smaller: [ConvolutionLayer] {
            var result: [ConvolutionLayer] = []
            func with(_ change: (inout ConvolutionLayer) -> Void) { var l = self; change(&l); result.append(l) }
            if x.columns > 1 { with { $0.x = Matrix(rows: x.rows, columns: x.columns - 1, scalars: (0..<x.rows).flatMap { r in x.scalars[(r * x.columns)..<(r * x.columns + x.columns - 1)] }) } }
            if kernels.count > 1 { with { $0.kernels.removeLast(); $0.bias.removeLast() } }
            if x.rows > 1 {
                with { l in
                    l.x = Matrix(rows: x.rows - 1, columns: x.columns, scalars: Array(x.scalars.prefix((x.rows - 1) * x.columns)))
                    l.kernels = kernels.map { k in Matrix(rows: k.rows - 1, columns: k.columns, scalars: Array(k.scalars.prefix((k.rows - 1) * k.columns))) }
                }
            }
            if kernels[0].columns > 1 {
                with { l in l.kernels = kernels.map { k in Matrix(rows: k.rows, columns: k.columns - 1) { i, j in k[i, j] } } }
            }
            if stride > 1 { with { $0.stride -= 1 } }
            if dilation > 1 { with { $0.dilation -= 1 } }
            if padding > 0 { with { $0.padding -= 1 } }
            if bias.contains(where: { $0 != 0 }) { with { $0.bias = bias.map { _ in 0 } } }
            if x.scalars.contains(where: { $0 != 1 && $0 != 0 }) { with { $0.x = x.map { $0 == 0 ? 0 : 1 } } }
            if kernels.contains(where: { $0.scalars.contains { $0 != 1 && $0 != 0 } }) { with { $0.kernels = kernels.map { $0.map { $0 == 0 ? 0 : 1 } } } }
            return result
        }
    }

    /// Layers of 1 to 3 channels each way, kernels of 1 to 5 taps, signals of 1 to 9 with
    /// whole numbers from −3 to 3; the kernel fits, fits once, or does not fit.
    static let convolutionLayerSpace = InputSpace<ConvolutionLayer>(
        edges: [ConvolutionLayer(x: Matrix([[1, 2, 3]]), kernels: [Matrix([[1, 1, 1]])], bias: [0], stride: 1, dilation: 1, padding: 0),
                ConvolutionLayer(x: Matrix([[1, 2, 3, 4]]), kernels: [Matrix([[1, 1, 1]])], bias: [0], stride: 2, dilation: 2, padding: 0),
                ConvolutionLayer(x: Matrix([[1, -1]]), kernels: [Matrix([[2, 1, 3]])], bias: [1], stride: 1, dilation: 1, padding: 1)],
        generate: { random in
            let inputs = random.integer(in: 1...3), outputs = random.integer(in: 1...3), taps = random.integer(in: 1...5)
            let whole = { (random: inout SeededGenerator) in Double(random.integer(in: -3...3)) }
            let length = random.integer(in: 1...9)
            return ConvolutionLayer(x: Matrix(rows: inputs, columns: length, scalars: (0..<(inputs * length)).map { _ in whole(&random) }),
                         kernels: (0..<outputs).map { _ in Matrix(rows: inputs, columns: taps, scalars: (0..<(inputs * taps)).map { _ in whole(&random) }) },
                         bias: (0..<outputs).map { _ in whole(&random) },
                         stride: random.integer(in: 1...3), dilation: random.integer(in: 1...3), padding: random.integer(in: 0...2))
        },
        shrink: { $0.smaller },
        describe: { $0.description })
}
