extension SVGPlot {
    /// Draws a legend entry's mark with its centre at (x, y): a short line, a marker or a
    /// patch, as the entry says.
    public static func drawMark(_ entry: LegendEntry, x: Double, y: Double, on svg: inout SVGDocument) {
        switch entry.mark {
        case .line, .dashed:
            svg.line(x1: x - 10, y1: y, x2: x + 10, y2: y, stroke: entry.color, width: 3, dashed: entry.mark == .dashed)
        case .circle: svg.circle(x: x, y: y, radius: 5, fill: entry.color)
        case .square: svg.rect(x: x - 5, y: y - 5, width: 10, height: 10, fill: entry.color)
        case .patch: svg.rect(x: x - 10, y: y - 6, width: 20, height: 12, fill: entry.color, stroke: "#bbbbbb")
        case .hatched: drawHatched(x: x - 7, y: y - 7, side: 14, fill: entry.color, on: &svg)
        }
    }

    /// Draws a legend as one row of entries centred on `centerX`, for a figure of several
    /// panels that share their marks; `y` is the row's middle.
    public static func drawLegendRow(_ entries: [LegendEntry], centerX: Double, y: Double, on svg: inout SVGDocument) {
        let widths = entries.map { 34 + 7 * Double($0.name.count) + 18 }
        var x = centerX - widths.reduce(0, +) / 2
        for (entry, width) in zip(entries, widths) {
            drawMark(entry, x: x + 14, y: y, on: &svg)
            svg.text(entry.name, x: x + 30, y: y + 4, size: 12)
            x += width
        }
    }

    /// Draws a colour scale: a bar shaded from `low` at its left to `high` at its right, as
    /// `color` shades a value, with both ends (and 0 when it lies between them) labelled
    /// underneath and `label` on its left.
    ///
    ///     label  [░░░▒▒▒▓▓▓███]
    ///            low    0    high
    public static func drawColorScale(low: Double, high: Double, label: String, x: Double, y: Double,
                                      width: Double, on svg: inout SVGDocument,
                                      color: (Double) -> (fill: String, opacity: Double)) {
        let steps = 40
        let step = width / Double(steps)
        for k in 0..<steps {
            let value = low + (high - low) * (Double(k) + 0.5) / Double(steps)
            let (fill, opacity) = color(value)
            svg.rect(x: x + step * Double(k), y: y, width: step + 0.3, height: 10, fill: fill, opacity: opacity)
        }
        svg.rect(x: x, y: y, width: width, height: 10, fill: "none", stroke: "#999999")
        svg.text(label, x: x - 8, y: y + 9, size: 11, anchor: .end, color: "#555555")
        var ticks = [(low, x), (high, x + width)]
        if low < 0 && high > 0 { ticks.append((0, x + width * (0 - low) / (high - low))) }
        for (value, position) in ticks {
            svg.line(x1: position, y1: y + 10, x2: position, y2: y + 14, stroke: "#999999")
            svg.text(formatNumber(value, digits: 2), x: position, y: y + 25, size: 10, anchor: .middle, color: "#555555")
        }
    }
}
