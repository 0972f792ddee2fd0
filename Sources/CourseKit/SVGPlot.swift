/// Plots as SVG figures, the counterparts of `TerminalPlot` for `course run lessonN --svg DIR`.
public enum SVGPlot {
    /// Colours that stay distinguishable for colour-blind readers (Paul Tol's bright scheme).
    public static let palette = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb"]

    /// A series of a line plot.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
        /// Creates a series from values at x = 0, 1, 2, …
        public init(name: String, values: [Double]) {
            self.init(name: name, points: values.enumerated().map { (Double($0.offset), $0.element) })
        }
    }

    /// A point of a scatter plot with its class, which picks its colour and marker.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var group: Int
        public init(x: Double, y: Double, group: Int) {
            self.x = x
            self.y = y
            self.group = group
        }
    }

    /// The plotting area of a figure and its mapping from data to pixels.
    public struct Frame: Sendable {
        public let left = 64.0, top = 40.0, right = 24.0, bottom = 52.0
        public let width: Double, height: Double
        public let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

        public init(width: Double, height: Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
            self.width = width
            self.height = height
            self.xRange = xRange
            self.yRange = yRange
        }

        /// The pixel column of a data x.
        public func px(_ x: Double) -> Double {
            left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
        }

        /// The pixel row of a data y (upwards is up).
        public func py(_ y: Double) -> Double {
            height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
        }

        /// Draws the axes, five ticks on each with their values, the labels and the title.
        public func drawAxes(on svg: inout SVGDocument, title: String, xLabel: String, yLabel: String) {
            svg.text(title, x: width / 2, y: 24, size: 15, anchor: .middle, bold: true)
            svg.line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom)
            svg.line(x1: left, y1: top, x2: left, y2: height - bottom)
            for k in 0...4 {
                let x = xRange.lowerBound + Double(k) / 4 * (xRange.upperBound - xRange.lowerBound)
                svg.line(x1: px(x), y1: height - bottom, x2: px(x), y2: height - bottom + 5)
                svg.text(formatNumber(x, digits: 2), x: px(x), y: height - bottom + 18, size: 11, anchor: .middle)
                let y = yRange.lowerBound + Double(k) / 4 * (yRange.upperBound - yRange.lowerBound)
                svg.line(x1: left - 5, y1: py(y), x2: left, y2: py(y))
                svg.text(formatNumber(y, digits: 2), x: left - 8, y: py(y) + 4, size: 11, anchor: .end)
            }
            svg.text(xLabel, x: (left + width - right) / 2, y: height - 12, size: 12, anchor: .middle)
            svg.text(yLabel, x: 14, y: top - 10, size: 12, anchor: .start)
        }
    }

    /// Returns a scatter plot; when `region` is given, the area where it is positive is shaded,
    /// so that the edge of the shading is the decision boundary `region = 0`.
    public static func scatter(_ points: [Point], region: ((Double, Double) -> Double)? = nil,
                               xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                               title: String, xLabel: String = "x₁", yLabel: String = "x₂",
                               groupNames: [String] = []) -> SVGDocument {
        let frame = Frame(width: 560, height: 480, xRange: xRange ?? TerminalPlot.paddedRange(points.map(\.x)),
                          yRange: yRange ?? TerminalPlot.paddedRange(points.map(\.y)))
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        if let region {
            let cells = 80
            let cw = (frame.width - frame.left - frame.right) / Double(cells)
            let ch = (frame.height - frame.top - frame.bottom) / Double(cells)
            for i in 0..<cells {
                for j in 0..<cells {
                    let x = frame.xRange.lowerBound + (Double(i) + 0.5) / Double(cells) * (frame.xRange.upperBound - frame.xRange.lowerBound)
                    let y = frame.yRange.upperBound - (Double(j) + 0.5) / Double(cells) * (frame.yRange.upperBound - frame.yRange.lowerBound)
                    let color = region(x, y) > 0 ? "#dde8f3" : "#fbe3e6"
                    svg.rect(x: frame.left + Double(i) * cw, y: frame.top + Double(j) * ch, width: cw + 0.3, height: ch + 0.3, fill: color)
                }
            }
        }
        frame.drawAxes(on: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        for point in points {
            let color = palette[point.group % palette.count]
            if point.group % 2 == 0 {
                svg.circle(x: frame.px(point.x), y: frame.py(point.y), radius: 5, fill: color, stroke: "#ffffff")
            } else {
                let (x, y) = (frame.px(point.x), frame.py(point.y))
                svg.rect(x: x - 4.5, y: y - 4.5, width: 9, height: 9, fill: color, stroke: "#ffffff")
            }
        }
        for (index, name) in groupNames.enumerated() {
            svg.rect(x: frame.width - 150, y: frame.top + 4 + Double(index) * 18, width: 10, height: 10, fill: palette[index % palette.count])
            svg.text(name, x: frame.width - 134, y: frame.top + 13 + Double(index) * 18, size: 12)
        }
        return svg
    }

    /// Returns a line plot of one or more series sharing both axes, with a legend.
    public static func lines(_ series: [Series], title: String, xLabel: String, yLabel: String,
                             yRange: ClosedRange<Double>? = nil) -> SVGDocument {
        let all = series.flatMap(\.points).filter { $0.y.isFinite }
        let frame = Frame(width: 640, height: 400, xRange: TerminalPlot.paddedRange(all.map(\.x), padding: 0),
                          yRange: yRange ?? TerminalPlot.paddedRange(all.map(\.y), padding: 0.05))
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        frame.drawAxes(on: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        for (index, s) in series.enumerated() {
            let color = palette[index % palette.count]
            let inside = s.points.filter { $0.y.isFinite }.map { (x: frame.px($0.x), y: frame.py(min(max($0.y, frame.yRange.lowerBound), frame.yRange.upperBound))) }
            svg.polyline(inside, stroke: color)
            svg.line(x1: frame.width - 190, y1: frame.top + 10 + Double(index) * 18, x2: frame.width - 170,
                     y2: frame.top + 10 + Double(index) * 18, stroke: color, width: 3)
            svg.text(s.name, x: frame.width - 164, y: frame.top + 14 + Double(index) * 18, size: 12)
        }
        return svg
    }

    /// Returns a heat map of a matrix, each cell shaded by its value and labelled with it.
    public static func heatMap(_ m: Matrix, title: String, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                               rowTitle: String = "", columnTitle: String = "") -> SVGDocument {
        let cell = 56.0, left = 90.0, top = 70.0
        let width = left + cell * Double(m.columns) + 40, height = top + cell * Double(m.rows) + 50
        var svg = SVGDocument(width: max(width, 320), height: height, title: title)
        svg.text(title, x: max(width, 320) / 2, y: 24, size: 15, anchor: .middle, bold: true)
        let finite = m.scalars.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        for i in 0..<m.rows {
            for j in 0..<m.columns {
                let value = m[i, j]
                let t = high > low ? (value - low) / (high - low) : 1
                let shade = Int(255 - 200 * max(0, min(1, t)))
                let color = "#" + hex(shade) + hex(min(255, shade + 20)) + "ff"
                svg.rect(x: left + Double(j) * cell, y: top + Double(i) * cell, width: cell - 2, height: cell - 2, fill: color)
                svg.text(formatNumber(value, digits: 2), x: left + (Double(j) + 0.5) * cell - 1, y: top + (Double(i) + 0.5) * cell + 4,
                         size: 12, anchor: .middle, color: t > 0.6 ? "#ffffff" : "#222222")
            }
        }
        for (i, label) in (rowLabels ?? (0..<m.rows).map(String.init)).enumerated() {
            svg.text(label, x: left - 8, y: top + (Double(i) + 0.5) * cell + 4, size: 12, anchor: .end)
        }
        for (j, label) in (columnLabels ?? (0..<m.columns).map(String.init)).enumerated() {
            svg.text(label, x: left + (Double(j) + 0.5) * cell, y: top - 8, size: 12, anchor: .middle)
        }
        svg.text(columnTitle, x: left + cell * Double(m.columns) / 2, y: top - 28, size: 12, anchor: .middle)
        svg.text(rowTitle, x: 8, y: top - 8, size: 12)
        return svg
    }

    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(value >> 4) & 15], digits[value & 15]])
    }
}
