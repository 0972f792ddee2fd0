extension SVGPlot {
    /// A matrix to draw as one heat map of a figure, with its labels.
    public struct HeatMapPanel: Sendable {
        /// The values, one cell each.
        public var matrix: Matrix
        /// The title above this heat map (the figure has its own).
        public var title: String
        /// The labels of the rows and columns; empty for none.
        public var rowLabels: [String], columnLabels: [String]
        /// What the rows and the columns stand for, written above their labels.
        public var rowTitle: String, columnTitle: String
        /// Whether the cell in row i and column j is masked: drawn hatched, without its value,
        /// and left out of the colour scale.
        public var isMasked: @Sendable (Int, Int) -> Bool

        /// Creates a panel; labels, titles and a mask are optional.
        public init(_ matrix: Matrix, title: String = "", rowLabels: [String] = [], columnLabels: [String] = [],
                    rowTitle: String = "", columnTitle: String = "",
                    isMasked: @escaping @Sendable (Int, Int) -> Bool = { _, _ in false }) {
            self.matrix = matrix
            self.title = title
            self.rowLabels = rowLabels
            self.columnLabels = columnLabels
            self.rowTitle = rowTitle
            self.columnTitle = columnTitle
            self.isMasked = isMasked
        }

        /// The smallest and largest finite values of the cells that are not masked.
        var range: (low: Double, high: Double) {
            var values: [Double] = []
            for i in 0..<matrix.rows {
                for j in 0..<matrix.columns where !isMasked(i, j) && matrix[i, j].isFinite {
                    values.append(matrix[i, j])
                }
            }
            return (values.min() ?? 0, values.max() ?? 1)
        }
    }

    /// The fill of a masked cell, under its hatching.
    public static let maskedFill = "#e4e4e4"

    /// Returns a heat map of a matrix, each cell shaded by its value and labelled with it;
    /// rows and columns are numbered from 0 unless labels are given.
    public static func heatMap(_ m: Matrix, title: String, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                               rowTitle: String = "", columnTitle: String = "") -> SVGDocument {
        heatMaps([HeatMapPanel(m, rowLabels: rowLabels ?? (0..<m.rows).map(String.init),
                               columnLabels: columnLabels ?? (0..<m.columns).map(String.init),
                               rowTitle: rowTitle, columnTitle: columnTitle)], title: title)
    }

    /// Returns heat maps side by side under one title. Each is shaded from white at its
    /// smallest value to dark blue at its largest, with its colour scale underneath; with
    /// `showsValues` every cell is labelled with its value, and without, the cells touch, as
    /// the pixels of an image do. Masked cells are hatched grey and named in the legend.
    /// - Parameters:
    ///   - cell: the side of a cell in pixels.
    ///   - note: a line of explanation under the heat maps.
    ///   - maskLegend: the legend's name for masked cells, drawn when some panel masks a cell.
    public static func heatMaps(_ panels: [HeatMapPanel], title: String, cell: Double = 56,
                                showsValues: Bool = true, note: String = "",
                                maskLegend: String = "masked") -> SVGDocument {
        let labelled = panels.contains { !$0.columnLabels.isEmpty || !$0.columnTitle.isEmpty }
        let titled = panels.contains { !$0.title.isEmpty }
        let top = (labelled ? 88.0 : 40) + (titled ? 22 : 0), gap = 36.0
        let labelWidth = panels.contains { !$0.rowLabels.isEmpty || !$0.rowTitle.isEmpty } ? 70.0 : 0
        let widths = panels.map { labelWidth + cell * Double($0.matrix.columns) }
        let tallest = panels.map { Double($0.matrix.rows) }.max() ?? 0
        // Wide enough for the panels with margins, and for the title.
        let width = max(widths.reduce(gap, +) + gap * Double(panels.count - 1), 9 * Double(title.count) + 40)
        let scaleTop = top + cell * tallest + 14
        let masks = panels.contains { panel in
            (0..<panel.matrix.rows).contains { i in (0..<panel.matrix.columns).contains { panel.isMasked(i, $0) } }
        }
        let height = scaleTop + 36 + (masks ? 30 : 0) + (note.isEmpty ? 0 : 24)
        var svg = SVGDocument(width: width, height: height, title: title)
        svg.text(title, x: width / 2, y: 24, size: 15, anchor: .middle, bold: true)
        var x = (width - widths.reduce(0, +) - gap * Double(panels.count - 1)) / 2
        for (panel, panelWidth) in zip(panels, widths) {
            draw(panel, on: &svg, left: x + labelWidth, top: top, cell: cell, showsValues: showsValues)
            let (low, high) = panel.range
            let barWidth = min(cell * Double(panel.matrix.columns), 200)
            drawColorScale(low: low, high: high, label: "",
                           x: x + labelWidth + (cell * Double(panel.matrix.columns) - barWidth) / 2, y: scaleTop,
                           width: barWidth, on: &svg) { value in
                (shade(high > low ? (value - low) / (high - low) : 1), 1)
            }
            svg.text(panel.title, x: x + labelWidth + cell * Double(panel.matrix.columns) / 2,
                     y: top - (labelled ? 44 : 10), size: 13, anchor: .middle, bold: true)
            x += panelWidth + gap
        }
        if masks {
            drawLegendRow([LegendEntry(name: maskLegend, color: maskedFill, mark: .hatched)], centerX: width / 2,
                          y: scaleTop + 50, on: &svg)
        }
        svg.text(note, x: width / 2, y: height - 16, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Draws one heat map with its top-left cell at (left, top).
    private static func draw(_ panel: HeatMapPanel, on svg: inout SVGDocument, left: Double, top: Double,
                             cell: Double, showsValues: Bool) {
        let m = panel.matrix
        let (low, high) = panel.range
        // Cells with values are 2 pixels apart; image pixels overlap a little, leaving no seam.
        let side = showsValues ? cell - 2 : cell + 0.3
        for i in 0..<m.rows {
            for j in 0..<m.columns {
                let (x, y) = (left + Double(j) * cell, top + Double(i) * cell)
                if panel.isMasked(i, j) {
                    drawHatched(x: x, y: y, side: side, on: &svg)
                    continue
                }
                let t = high > low ? max(0, min(1, (m[i, j] - low) / (high - low))) : 1
                svg.rect(x: x, y: y, width: side, height: side, fill: shade(t))
                if showsValues {
                    svg.text(formatNumber(m[i, j], digits: 2), x: x + side / 2, y: y + side / 2 + 4, size: 12,
                             anchor: .middle, color: t > 0.55 ? "#ffffff" : "#222222")
                }
            }
        }
        if !showsValues {
            svg.rect(x: left, y: top, width: cell * Double(m.columns), height: cell * Double(m.rows), fill: "none",
                     stroke: "#999999")
        }
        for (i, label) in panel.rowLabels.enumerated() {
            svg.text(label, x: left - 8, y: top + (Double(i) + 0.5) * cell + 4, size: 12, anchor: .end)
        }
        for (j, label) in panel.columnLabels.enumerated() {
            svg.text(label, x: left + Double(j) * cell + min(side, cell) / 2, y: top - 8, size: 12, anchor: .middle)
        }
        svg.text(panel.columnTitle, x: left + cell * Double(m.columns) / 2, y: top - 26, size: 12, anchor: .middle,
                 color: "#555555")
        svg.text(panel.rowTitle, x: left - 8, y: top - 26, size: 12, anchor: .end, color: "#555555")
    }

    /// Draws a masked square: grey (or `fill`), crossed by diagonal lines 8 pixels apart.
    /// ```
    ///   ┌──────┐
    ///   │ ╱ ╱ ╱│   each line joins the top or right edge to the left or bottom edge
    ///   │╱ ╱ ╱ │
    ///   └──────┘
    /// ```
    static func drawHatched(x: Double, y: Double, side: Double, fill: String = maskedFill, on svg: inout SVGDocument) {
        svg.rect(x: x, y: y, width: side, height: side, fill: fill, stroke: "#aaaaaa")
        for t in stride(from: 8.0, to: 2 * side, by: 8) {
            let (start, end) = t <= side ? ((x + t, y), (x, y + t))
                : ((x + side, y + t - side), (x + t - side, y + side))
            svg.line(x1: start.0, y1: start.1, x2: end.0, y2: end.1, stroke: "#9a9a9a")
        }
    }

    /// Returns the colour of a heat-map cell: white at t = 0, dark blue (#224488) at t = 1.
    private static func shade(_ t: Double) -> String {
        let channels = [(255.0, 34.0), (255, 68), (255, 136)].map { Int(($0.0 + t * ($0.1 - $0.0)).rounded()) }
        return "#" + channels.map(hex).joined()
    }

    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(value >> 4) & 15], digits[value & 15]])
    }
}
