import CourseKit

// The figures of sections 3 and 5: the kernel array of a multi-channel layer, and a shift
// passing through the layer.
extension Lesson5 {
    /// Returns a value's cell colour: blue for positive, red for negative, stronger for larger.
    private static func shade(_ value: Double, scale: Double) -> (fill: String, opacity: Double) {
        (value >= 0 ? "#4477aa" : "#cc3311", 0.1 + 0.6 * min(abs(value) / scale, 1))
    }

    /// Draws a matrix as a grid of cells with its values, its top-left corner at (x, y), shaded
    /// on the figure's common scale: full strength at ±scale.
    private static func grid(_ m: Matrix, x: Double, y: Double, cell: Double, scale: Double, on svg: inout SVGDocument) {
        for r in 0..<m.rows {
            for c in 0..<m.columns {
                let (fill, opacity) = shade(m[r, c], scale: scale)
                svg.rect(x: x + cell * Double(c), y: y + 30 * Double(r), width: cell, height: 30, fill: fill,
                         stroke: "#666666", opacity: opacity)
                svg.text(formatNumber(m[r, c], digits: 2), x: x + cell * (Double(c) + 0.5), y: y + 30 * Double(r) + 19,
                         size: 11, anchor: .middle)
            }
        }
    }

    /// Returns the kernel array Ω as C_o slabs of C_i × K cells, the input x on the left and
    /// beside each slab the output row it produces, all shaded on one colour scale.
    static func kernelArrayFigure(x: Matrix, kernels: [Matrix], z: Matrix) -> SVGDocument {
        let (ci, k) = kernels[0].shape
        let scale = (x.scalars + kernels.flatMap(\.scalars) + z.scalars).map(abs).max() ?? 1
        let title = "Ω ∈ ℝ^{C_i×C_o×K} as C_o = \(kernels.count) slabs of C_i × K = \(ci) × \(k): one slab per output row"
        let slabHeight = 30 * Double(ci) + 60
        var svg = SVGDocument(width: 1060, height: 130 + slabHeight * Double(kernels.count), title: title)
        svg.text(title, x: 530, y: 28, size: 15, anchor: .middle, bold: true)
        let middle = 70 + slabHeight * Double(kernels.count) / 2
        let xTop = middle - 15 * Double(x.rows)
        svg.text("input x (C_i × L = \(x.rows) × \(x.columns))", x: 20, y: xTop - 12, size: 13, bold: true)
        grid(x, x: 20, y: xTop, cell: 40, scale: scale, on: &svg)
        for (o, slab) in kernels.enumerated() {
            let top = 80 + slabHeight * Double(o)
            let slabMiddle = top + 15 * Double(ci)
            svg.text("Ω[·, \(o), ·]", x: 530, y: top - 10, size: 13, anchor: .middle, bold: true)
            svg.arrow(x1: 20 + 40 * Double(x.columns) + 8, y1: middle, x2: 454, y2: slabMiddle, stroke: "#999999")
            grid(slab, x: 460, y: top, cell: 46, scale: scale, on: &svg)
            svg.arrow(x1: 460 + 46 * Double(k) + 8, y1: slabMiddle, x2: 660, y2: slabMiddle)
            svg.text("z[\(o), ·]", x: 666, y: slabMiddle - 20, size: 13, bold: true)
            grid(Matrix(row: z.row(o)), x: 666, y: slabMiddle - 15, cell: 46, scale: scale, on: &svg)
        }
        SVGPlot.drawColorScale(low: -scale, high: scale, label: "colour scale", x: 380, y: svg.height - 78, width: 300,
                               on: &svg) { shade($0, scale: scale) }
        svg.text("Each slab slides along x over all C_i channels at once (stride 2, padding 1) and adds β_o.",
                 x: 530, y: svg.height - 18, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Returns the signals as stacked bar charts on one scale, each labelled with its name.
    static func shiftBarsFigure(_ rows: [(name: String, values: [Double])], title: String) -> SVGDocument {
        let (left, bar, rowHeight) = (150.0, 44.0, 110.0)
        let count = rows.map(\.values.count).max() ?? 0
        var svg = SVGDocument(width: left + bar * Double(count) + 30, height: 60 + rowHeight * Double(rows.count) + 30,
                              title: title)
        svg.text(title, x: svg.width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        let scale = rows.flatMap(\.values).map(abs).max() ?? 1
        for (r, row) in rows.enumerated() {
            let base = 60 + rowHeight * Double(r + 1) - 20
            svg.text(row.name, x: left - 16, y: base - 30, size: 14, anchor: .end, bold: true)
            svg.line(x1: left, y1: base, x2: left + bar * Double(count), y2: base, stroke: "#999999")
            for (i, value) in row.values.enumerated() where value != 0 {
                let height = 70 * abs(value) / scale
                svg.rect(x: left + bar * Double(i) + 6, y: value > 0 ? base - height : base, width: bar - 12,
                         height: height, fill: r < 2 ? "#88aacc" : "#ee6677")
                svg.text(formatNumber(value), x: left + bar * (Double(i) + 0.5), y: base - height - 4, size: 11,
                         anchor: .middle)
            }
            for i in 0..<count {
                svg.text("\(i)", x: left + bar * (Double(i) + 0.5), y: base + 14, size: 10, anchor: .middle,
                         color: "#999999")
            }
        }
        return svg
    }
}
