import CourseKit

// The figures `course run lesson5 --svg DIR` writes, each drawn from the numbers its section
// prints.
extension Lesson5 {
    /// Returns three layers of valid convolutions with three-wide kernels over a row of
    /// inputs, with the units that feed one top unit highlighted layer by layer and joined to
    /// the units they read.
    /// - Parameters:
    ///   - dilations: the dilation of each of the three layers.
    ///   - moved: for each input, whether perturbing it moves the top unit (from `influence`).
    ///   - output: the index of the top unit in the last layer.
    static func receptiveFieldFigure(dilations: [Int], moved: [Bool], output: Int, title: String) -> SVGDocument {
        let gap = 44.0, left = 50.0, rowHeight = 90.0, bottom = 380.0
        var svg = SVGDocument(width: left + gap * Double(moved.count) + 230, height: 460, title: title)
        svg.text(title, x: svg.width / 2, y: 26, size: 15, anchor: .middle, bold: true)
        // Unit i of layer l sits above input i + (d₁ + … + d_l): the middle of what it reads.
        let shifts = dilations.indices.map { l in dilations[...l].reduce(0, +) }
        func position(layer: Int, unit: Int) -> (x: Double, y: Double) {
            (left + gap * Double(unit + (layer == 0 ? 0 : shifts[layer - 1])), bottom - rowHeight * Double(layer))
        }
        // The highlighted units of each layer, from the top unit down: unit i reads i, i + d, i + 2d.
        var lit: [Set<Int>] = Array(repeating: [], count: dilations.count + 1)
        lit[dilations.count] = [output]
        for layer in stride(from: dilations.count, to: 0, by: -1) {
            lit[layer - 1] = Set(lit[layer].flatMap { i in (0..<3).map { i + $0 * dilations[layer - 1] } })
        }
        for layer in stride(from: dilations.count, to: 0, by: -1) {
            for i in lit[layer].sorted() {
                let top = position(layer: layer, unit: i)
                for j in 0..<3 {
                    let child = position(layer: layer - 1, unit: i + j * dilations[layer - 1])
                    svg.line(x1: top.x, y1: top.y + 11, x2: child.x, y2: child.y - 11, stroke: "#4477aa", width: 1.5)
                }
            }
        }
        for layer in 0...dilations.count {
            let count = moved.count - 2 * (layer == 0 ? 0 : shifts[layer - 1])
            for i in 0..<count {
                let (x, y) = position(layer: layer, unit: i)
                let on = layer == 0 ? moved[i] : lit[layer].contains(i)
                svg.circle(x: x, y: y, radius: 11, fill: on ? (layer == 0 ? "#ee6677" : "#4477aa") : "#eeeeee",
                           stroke: on ? "#333333" : "#bbbbbb")
            }
            let field = layer == 0 ? 1 : receptiveField(kernelSizes: Array(repeating: 3, count: layer),
                                                          strides: Array(repeating: 1, count: layer),
                                                          dilations: Array(dilations.prefix(layer)))
            let label = layer == 0 ? "input: \(moved.filter { $0 }.count) of \(moved.count) move the top"
                : "layer \(layer), d = \(dilations[layer - 1]): r = \(field)"
            svg.text(label, x: left + gap * Double(moved.count) - 6, y: bottom - rowHeight * Double(layer) + 4, size: 13)
        }
        svg.text("Each unit reads 3 units of the layer below; r is how many inputs one unit of the layer sees.",
                 x: svg.width / 2, y: 440, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Returns the picture and its blurred, vertical-edge and outline versions side by side.
    static func imageKernelsFigure(_ panels: [(title: String, image: Matrix)]) -> SVGDocument {
        SVGPlot.heatMaps(panels.map { SVGPlot.HeatMapPanel($0.image, title: $0.title) },
                         title: "A 16 × 16 picture and four 3 × 3 kernels applied to it", cell: 12, showsValues: false,
                         note: "Each image is shaded from white at its smallest value to dark blue at its largest.")
    }
}
