import CourseKit

// The figure of section 7: where the taps of one output fall on a padded image when each axis
// has its own stride, dilation and padding, and how many outputs that leaves on each axis.
extension Lesson5 {
    /// One axis of a 2D convolution: the image's size along it and the kernel's size, stride,
    /// dilation and padding along it.
    struct Axis {
        let size: Int, kernel: Int, stride: Int, dilation: Int, padding: Int

        /// The number of outputs along this axis.
        var outputs: Int {
            outputLength(inputLength: size, kernelSize: kernel, stride: stride, dilation: dilation, padding: padding)
        }

        /// The input positions output `i` reads along this axis, in kernel order.
        func taps(_ i: Int) -> [Int] {
            inputPositions(ofOutput: i, kernelSize: kernel, stride: stride, dilation: dilation, padding: padding)
        }

        /// The output-size rule with this axis's numbers put in, `name` standing for the size.
        /// ```
        ///   ⌊(H + 2p − d(K − 1) − 1) / s⌋ + 1
        /// ```
        func rule(_ name: String) -> String {
            let numerator = size + 2 * padding - dilation * (kernel - 1) - 1
            return "⌊(\(name) + 2p − d(K − 1) − 1) / s⌋ + 1 = "
                + "⌊(\(size) + 2·\(padding) − \(dilation)·(\(kernel) − 1) − 1) / \(stride)⌋ + 1 = "
                + "⌊\(numerator)/\(stride)⌋ + 1 = \(outputs)"
        }
    }

    /// The side of a grid cell in the figure, in pixels.
    private static let cell = 44.0
    /// The colours of the figure: the image, the padding, the chosen output's taps, the span.
    private static let (imageFill, paddingFill, tapFill, spanColor) = ("#dbe6f1", "#eeeeee", "#ee6677", "#aa3377")

    /// Returns the padded image as a grid, the taps of output `chosen` on it, the first tap of
    /// every output (one stride apart), and the output grid beside it, with the output-size
    /// rule of each axis written out underneath.
    static func convolution2DFigure(rows: Axis, columns: Axis, chosen: (i: Int, j: Int)) -> SVGDocument {
        let title = "A \(rows.size) × \(columns.size) image, a \(rows.kernel) × \(columns.kernel) kernel: "
            + "stride (\(rows.stride), \(columns.stride)), dilation (\(rows.dilation), \(columns.dilation)), "
            + "padding (\(rows.padding), \(columns.padding))"
        let (left, top) = (110.0, 130.0)
        let (gridRows, gridColumns) = (rows.size + 2 * rows.padding, columns.size + 2 * columns.padding)
        let outputLeft = left + cell * Double(gridColumns) + 150
        var svg = SVGDocument(width: outputLeft + cell * Double(columns.outputs) + 150,
                              height: top + cell * Double(gridRows) + 190, title: title)
        svg.text(title, x: svg.width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        let span = drawInput(rows: rows, columns: columns, chosen: chosen, left: left, top: top, on: &svg)
        let outputTop = top + cell * (Double(gridRows) - Double(rows.outputs)) / 2
        drawOutput(rows: rows.outputs, columns: columns.outputs, chosen: chosen, left: outputLeft, top: outputTop,
                   on: &svg)
        svg.arrow(x1: span.right + 6, y1: span.middle, x2: outputLeft + cell * Double(chosen.j) - 1,
                  y2: outputTop + cell * (Double(chosen.i) + 0.5), stroke: spanColor, width: 2)

        let below = top + cell * Double(gridRows)
        SVGPlot.drawLegendRow([
            SVGPlot.LegendEntry(name: "image", color: imageFill, mark: .patch),
            SVGPlot.LegendEntry(name: "padding (zeros)", color: paddingFill, mark: .patch),
            SVGPlot.LegendEntry(name: "the taps of z[\(chosen.i), \(chosen.j)]", color: tapFill, mark: .patch),
            SVGPlot.LegendEntry(name: "span of the dilated kernel", color: spanColor, mark: .dashed),
            SVGPlot.LegendEntry(name: "first tap of each output", color: "#222222", mark: .circle),
        ], centerX: svg.width / 2, y: below + 34, on: &svg)
        let (tapRows, tapColumns) = (rows.taps(chosen.i), columns.taps(chosen.j))
        let reads = "z[\(chosen.i), \(chosen.j)] reads rows \(rows.stride)·\(chosen.i) + \(rows.dilation)·a − "
            + "\(rows.padding) = \(tapRows.map(signed).joined(separator: ", ")) (a = 0 … \(rows.kernel - 1)) "
            + "and columns "
            + "\(columns.stride)·\(chosen.j) + \(columns.dilation)·b − \(columns.padding) = "
            + "\(tapColumns.map(signed).joined(separator: ", ")) (b = 0 … \(columns.kernel - 1))"
        svg.text(reads, x: left, y: below + 76, size: 13)
        svg.text("output rows:  " + rows.rule("H"), x: left, y: below + 102, size: 13)
        svg.text("output columns:  " + columns.rule("W"), x: left, y: below + 126, size: 13)
        svg.text("Pairs of numbers are (rows, columns). The first taps of neighbouring outputs are one stride apart "
                 + "on each axis.", x: svg.width / 2, y: svg.height - 18, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Draws the padded image with its row and column indices, the chosen output's taps named
    /// Ω₀₀, Ω₀₁, … by their place in the kernel, a dot on the first tap of every output, and a
    /// dashed box around the span of the dilated kernel, whose right edge and middle it returns.
    private static func drawInput(rows: Axis, columns: Axis, chosen: (i: Int, j: Int), left: Double, top: Double,
                                  on svg: inout SVGDocument) -> (right: Double, middle: Double) {
        // Input position (r, c), padding included, has its top-left corner here.
        func corner(_ r: Int, _ c: Int) -> (x: Double, y: Double) {
            (left + cell * Double(c + columns.padding), top + cell * Double(r + rows.padding))
        }
        let (rowRange, columnRange) = (-rows.padding..<(rows.size + rows.padding),
                                       -columns.padding..<(columns.size + columns.padding))
        let width = cell * Double(columnRange.count)
        svg.text("input x with its padding", x: left + width / 2, y: top - 70, size: 13, anchor: .middle, bold: true)
        svg.text("column", x: left + width / 2, y: top - 30, size: 12, anchor: .middle, color: "#555555")
        svg.text("row", x: left - 30, y: top - 12, size: 12, anchor: .end, color: "#555555")
        let (tapRows, tapColumns) = (rows.taps(chosen.i), columns.taps(chosen.j))
        for r in rowRange {
            svg.text(signed(r), x: left - 10, y: corner(r, 0).y + cell / 2 + 4, size: 12, anchor: .end,
                     color: "#555555")
            for c in columnRange {
                let (x, y) = corner(r, c)
                let inside = (0..<rows.size).contains(r) && (0..<columns.size).contains(c)
                let a = tapRows.firstIndex(of: r), b = tapColumns.firstIndex(of: c)
                svg.rect(x: x, y: y, width: cell, height: cell, fill: a != nil && b != nil ? tapFill
                         : inside ? imageFill : paddingFill, stroke: inside ? "#666666" : "#bbbbbb")
                if let a, let b {
                    svg.text("Ω\(subscriptDigits(a))\(subscriptDigits(b))", x: x + cell / 2, y: y + cell / 2 + 6,
                             size: 14, anchor: .middle, bold: true)
                } else if !inside {
                    svg.text("0", x: x + cell / 2, y: y + cell / 2 + 4, size: 12, anchor: .middle, color: "#999999")
                }
            }
        }
        for c in columnRange {
            svg.text(signed(c), x: corner(0, c).x + cell / 2, y: top - 10, size: 12, anchor: .middle, color: "#555555")
        }
        rectangle(from: corner(0, 0), to: corner(rows.size, columns.size), color: "#333333", width: 2, on: &svg)
        for i in 0..<rows.outputs {
            for j in 0..<columns.outputs {
                let (x, y) = corner(rows.taps(i)[0], columns.taps(j)[0])
                svg.circle(x: x + 9, y: y + 9, radius: 4.5, fill: "#222222")
            }
        }
        // The span: every row and column from the first tap to the last, 3 pixels outside them.
        let (first, last) = (corner(tapRows.first!, tapColumns.first!), corner(tapRows.last! + 1, tapColumns.last! + 1))
        rectangle(from: (first.x - 3, first.y - 3), to: (last.x + 3, last.y + 3), color: spanColor, width: 2.5,
                  dashed: true, on: &svg)
        return (last.x + 3, (first.y + last.y) / 2)
    }

    /// Draws the output grid, the chosen output shaded as its taps are, indices above and right.
    private static func drawOutput(rows: Int, columns: Int, chosen: (i: Int, j: Int), left: Double, top: Double,
                                   on svg: inout SVGDocument) {
        svg.text("output z (\(rows) × \(columns))", x: left + cell * Double(columns) / 2, y: top - 30, size: 13,
                 anchor: .middle, bold: true)
        for i in 0..<rows {
            svg.text("\(i)", x: left + cell * Double(columns) + 10, y: top + cell * (Double(i) + 0.5) + 4, size: 12,
                     color: "#555555")
            for j in 0..<columns {
                svg.rect(x: left + cell * Double(j), y: top + cell * Double(i), width: cell, height: cell,
                         fill: (i, j) == chosen ? tapFill : "#ffffff", stroke: "#666666")
            }
        }
        for j in 0..<columns {
            svg.text("\(j)", x: left + cell * (Double(j) + 0.5), y: top - 10, size: 12, anchor: .middle,
                     color: "#555555")
        }
    }

    /// Draws the outline of the rectangle with corners `from` (top left) and `to` (bottom right).
    private static func rectangle(from: (x: Double, y: Double), to: (x: Double, y: Double), color: String,
                                  width: Double, dashed: Bool = false, on svg: inout SVGDocument) {
        for (x1, y1, x2, y2) in [(from.x, from.y, to.x, from.y), (to.x, from.y, to.x, to.y),
                                 (to.x, to.y, from.x, to.y), (from.x, to.y, from.x, from.y)] {
            svg.line(x1: x1, y1: y1, x2: x2, y2: y2, stroke: color, width: width, dashed: dashed)
        }
    }

    /// Returns an index as the lesson writes it, with a real minus sign.
    private static func signed(_ n: Int) -> String { n < 0 ? "−\(-n)" : "\(n)" }
}
