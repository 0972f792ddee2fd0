/// Plots drawn with characters, for the lessons' live output in a terminal.
///
/// Every plot is a `String` of fixed width that needs no colour, so it reads the same in a
/// terminal, a log file or a test's expected output.
public enum TerminalPlot {
    /// A point of a scatter plot, drawn with its own character.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var mark: Character
        public init(x: Double, y: Double, mark: Character) {
            self.x = x
            self.y = y
            self.mark = mark
        }
    }

    /// One curve of a line plot.
    public struct Series: Sendable {
        public var name: String
        public var mark: Character
        public var points: [(x: Double, y: Double)]
        public init(name: String, mark: Character, points: [(x: Double, y: Double)]) {
            self.name = name
            self.mark = mark
            self.points = points
        }
        /// Creates a series from values at x = 0, 1, 2, …
        public init(name: String, mark: Character, values: [Double]) {
            self.init(name: name, mark: mark, points: values.enumerated().map { (Double($0.offset), $0.element) })
        }
    }

    /// Returns a scatter plot; when `region` is given, the cells where it is positive are
    /// shaded with `·`, so that the edge of the shading is the decision boundary `region = 0`.
    ///
    ///     TerminalPlot.scatter(points, region: { x, y in w1 * x + w2 * y + b })
    public static func scatter(_ points: [Point], region: ((Double, Double) -> Double)? = nil,
                               xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                               width: Int = 56, height: Int = 20) -> String {
        let xs = xRange ?? paddedRange(points.map(\.x))
        let ys = yRange ?? paddedRange(points.map(\.y))
        var canvas = Canvas(width: width, height: height, xRange: xs, yRange: ys)
        if let region {
            for row in 0..<height {
                for column in 0..<width {
                    let (x, y) = canvas.center(column: column, row: row)
                    if region(x, y) > 0 { canvas.cells[row][column] = "·" }
                }
            }
        }
        for point in points { canvas.put(point.mark, x: point.x, y: point.y) }
        return canvas.rendered()
    }

    /// Returns a line plot of one or more series sharing both axes, with a legend.
    public static func lines(_ series: [Series], width: Int = 56, height: Int = 14,
                             yRange: ClosedRange<Double>? = nil) -> String {
        let all = series.flatMap(\.points).filter { $0.y.isFinite }
        let xs = paddedRange(all.map(\.x), padding: 0)
        let ys = yRange ?? paddedRange(all.map(\.y), padding: 0.05)
        var canvas = Canvas(width: width, height: height, xRange: xs, yRange: ys)
        for s in series {
            let sorted = s.points.filter { $0.y.isFinite }.sorted { $0.x < $1.x }
            for column in 0..<width {
                let x = canvas.center(column: column, row: 0).x
                if let y = interpolate(sorted, at: x), ys.contains(y) { canvas.put(s.mark, x: x, y: y) }
            }
            for p in sorted where ys.contains(p.y) { canvas.put(s.mark, x: p.x, y: p.y) }
        }
        let legend = series.map { "\($0.mark) \($0.name)" }.joined(separator: "   ")
        return canvas.rendered() + "\n" + String(repeating: " ", count: canvas.labelWidth + 2) + legend
    }

    /// Returns a heat map of a matrix: one shaded cell per entry, darker for larger values,
    /// with the row and column labels and a legend of the scale.
    public static func heatMap(_ m: Matrix, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                               cellWidth: Int = 4) -> String {
        let shades: [Character] = [" ", "░", "▒", "▓", "█"]
        let low = m.scalars.filter(\.isFinite).min() ?? 0
        let high = m.scalars.filter(\.isFinite).max() ?? 0
        let rows = rowLabels ?? (0..<m.rows).map(String.init)
        let columns = columnLabels ?? (0..<m.columns).map(String.init)
        let labelWidth = rows.map(\.count).max() ?? 0
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(n - s.count, 0)) + s }
        var lines = [pad("", labelWidth) + " " + columns.map { pad($0, cellWidth) }.joined()]
        for i in 0..<m.rows {
            let cells = (0..<m.columns).map { j -> String in
                let v = m[i, j]
                let level = high > low ? Int(((v - low) / (high - low) * 4).rounded()) : 4
                let shade = v.isFinite ? shades[min(max(level, 0), 4)] : "?"
                return String(repeating: " ", count: 1) + String(repeating: shade, count: cellWidth - 1)
            }
            lines.append(pad(rows[i], labelWidth) + " " + cells.joined())
        }
        lines.append(pad("", labelWidth) + " scale: ' ' = \(formatNumber(low))  …  '█' = \(formatNumber(high))")
        return lines.joined(separator: "\n")
    }

    private static func interpolate(_ points: [(x: Double, y: Double)], at x: Double) -> Double? {
        guard let first = points.first, let last = points.last, x >= first.x, x <= last.x else { return nil }
        for (a, b) in zip(points, points.dropFirst()) where x >= a.x && x <= b.x {
            return b.x == a.x ? a.y : a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
        }
        return last.y
    }

    static func paddedRange(_ values: [Double], padding: Double = 0.1) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        if low == high { return (low - 1)...(high + 1) }
        let margin = (high - low) * padding
        return (low - margin)...(high + margin)
    }
}

/// A character grid with numeric axes.
struct Canvas {
    let width: Int
    let height: Int
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    var cells: [[Character]]

    init(width: Int, height: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        self.width = max(width, 8)
        self.height = max(height, 4)
        self.xRange = xRange
        self.yRange = yRange
        cells = Array(repeating: Array(repeating: " ", count: self.width), count: self.height)
    }

    /// The data coordinates of a cell's centre.
    func center(column: Int, row: Int) -> (x: Double, y: Double) {
        let x = xRange.lowerBound + (Double(column) + 0.5) / Double(width) * (xRange.upperBound - xRange.lowerBound)
        let y = yRange.upperBound - (Double(row) + 0.5) / Double(height) * (yRange.upperBound - yRange.lowerBound)
        return (x, y)
    }

    mutating func put(_ mark: Character, x: Double, y: Double) {
        guard x.isFinite, y.isFinite else { return }
        let column = Int(((x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(width)).rounded(.down))
        let row = Int(((yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * Double(height)).rounded(.down))
        guard (0...width).contains(column), (0...height).contains(row) else { return }
        cells[min(row, height - 1)][min(column, width - 1)] = mark
    }

    var labelWidth: Int {
        max(formatNumber(yRange.upperBound, digits: 2).count, formatNumber(yRange.lowerBound, digits: 2).count)
    }

    func rendered() -> String {
        let top = formatNumber(yRange.upperBound, digits: 2)
        let bottom = formatNumber(yRange.lowerBound, digits: 2)
        func pad(_ s: String) -> String { String(repeating: " ", count: labelWidth - s.count) + s }
        var lines: [String] = []
        for (row, cellsOfRow) in cells.enumerated() {
            let label = row == 0 ? pad(top) : row == height - 1 ? pad(bottom) : pad("")
            lines.append(label + " │" + String(cellsOfRow))
        }
        lines.append(pad("") + " └" + String(repeating: "─", count: width))
        let left = formatNumber(xRange.lowerBound, digits: 2)
        let right = formatNumber(xRange.upperBound, digits: 2)
        let gap = max(width - left.count - right.count, 1)
        lines.append(pad("") + "  " + left + String(repeating: " ", count: gap) + right)
        return lines.joined(separator: "\n")
    }
}
