import CourseKit

// The figures `course run lesson2 --svg DIR` writes, each drawn from the numbers its section
// prints.
extension Lesson2 {
    /// Returns y(x) on [0, 1] with its joints marked, the weighted hidden units φ_d h_d dashed
    /// beneath it, and each linear piece shaded with its activation pattern written on it.
    static func oneInputFigure(_ net: ShallowNetwork1D) -> SVGDocument {
        let xs = (0...200).map { Double($0) / 200 }
        var series = [SVGPlot.Series(name: "y(x)", points: xs.map { ($0, net($0)) }, color: "#222222")]
        for d in 0..<net.hiddenUnitCount {
            series.append(.init(name: "φ\(subscriptDigits(d + 1))h\(subscriptDigits(d + 1))", points: xs.map { ($0, net.phi[d] * net.hiddenUnits(at: $0)[d]) },
                                style: .dashed, color: SVGPlot.palette[d]))
        }
        series.append(.init(name: "joints", points: net.joints.map { ($0, net($0)) }, style: .dots, color: "#222222"))
        let title = "A shallow network: y(x) = φ₀ + Σ φ_d h_d, with its joints"
        let values = series.flatMap(\.points).map(\.y)
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        // Room above the curves for the patterns.
        let yRange = (low - 0.05 * (high - low))...(high + 0.2 * (high - low))
        let frame = SVGPlot.Frame(width: 760, height: 440, xRange: 0...1, yRange: yRange, rightMargin: 150)
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        let edges = [0.0] + net.joints + [1.0]
        for (k, (left, right)) in zip(edges, edges.dropFirst()).enumerated() {
            let pattern = patternText(net.activationPattern(at: (left + right) / 2))
            svg.rect(x: frame.px(left), y: frame.py(yRange.upperBound), width: frame.px(right) - frame.px(left),
                     height: frame.py(yRange.lowerBound) - frame.py(yRange.upperBound), fill: k % 2 == 0 ? "#f1f1f1" : "#ffffff")
            svg.text("pattern " + pattern, x: (frame.px(left) + frame.px(right)) / 2, y: frame.py(yRange.upperBound) + 16, size: 12,
                     anchor: .middle, color: "#555555")
        }
        frame.drawAxes(on: &svg, title: title, xLabel: "x", yLabel: "y")
        frame.draw(series, on: &svg)
        frame.drawLegend(series.enumerated().compactMap { SVGPlot.LegendEntry(series: $0.element, index: $0.offset) },
                         at: .right, on: &svg)
        return svg
    }

    /// Returns the square [−1, 1]² with every cell of a fine grid coloured by the activation
    /// pattern of the layer at its centre, the lines where a unit switches drawn over it, and,
    /// when `labelled`, each region's pattern written at its centre.
    static func regionsFigure(theta0: Matrix, theta: Matrix, title: String, labelled: Bool) -> SVGDocument {
        let frame = SVGPlot.Frame(width: 560, height: 520, xRange: -1...1, yRange: -1...1)
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        // The pattern at the centre of every cell, row by row from the top, as `fill` visits them.
        let cells = 160
        let grid = (0..<cells).map { row in
            (0..<cells).map { column in
                activationPattern(at: [-1 + 2 * (Double(column) + 0.5) / Double(cells), 1 - 2 * (Double(row) + 0.5) / Double(cells)],
                                  theta0: theta0, theta: theta)
            }
        }
        var centres: [[Bool]: (x: Double, y: Double, count: Double)] = [:]
        for (row, patterns) in grid.enumerated() {
            for (column, pattern) in patterns.enumerated() {
                let centre = centres[pattern] ?? (0, 0, 0)
                centres[pattern] = (centre.x + Double(column), centre.y + Double(row), centre.count + 1)
            }
        }
        let colors = regionColors(grid)
        frame.fill(cells: cells, on: &svg) { x, y in colors[activationPattern(at: [x, y], theta0: theta0, theta: theta)] }
        frame.drawAxes(on: &svg, title: title, xLabel: "x₁", yLabel: "x₂")
        for d in 0..<theta.rows {
            let (a, b, c) = (theta[d, 0], theta[d, 1], theta0[d, 0])
            // The line a x₁ + b x₂ + c = 0: its point nearest the origin and its direction.
            let norm2 = a * a + b * b, length = norm2.squareRoot()
            let (x0, y0, dx, dy) = (-c * a / norm2, -c * b / norm2, -b / length, a / length)
            let line = [(x: x0 - 4 * dx, y: y0 - 4 * dy), (x: x0 + 4 * dx, y: y0 + 4 * dy)]
            frame.draw([SVGPlot.Series(name: "", points: line, color: "#222222")], on: &svg)
            // The label goes near the end of the line farthest right and up, moved 40 pixels
            // along the line into the square and off it, to the side where the unit is active.
            if labelled, let part = frame.visibleParts(of: line).first, let first = part.first, let last = part.last {
                let (end, other) = first.x - first.y > last.x - last.y ? (first, last) : (last, first)
                let along = ((other.x - end.x) * (other.x - end.x) + (other.y - end.y) * (other.y - end.y)).squareRoot()
                let (ux, uy) = ((other.x - end.x) / along, (other.y - end.y) / along)
                let off = 10 + 22 * abs(a) / length  // more room across a steep line, for the width of the text
                svg.text("unit \(d + 1)", x: end.x + 40 * ux + off * a / length, y: end.y + 40 * uy - off * b / length + 4,
                         size: 12, anchor: .middle)
            }
        }
        if labelled {
            // In a fixed order, so that the same figure is written byte for byte on every run.
            for (pattern, centre) in centres.sorted(by: { patternText($0.key) < patternText($1.key) }) {
                let (column, row) = (centre.x / centre.count, centre.y / centre.count)
                svg.text(patternText(pattern), x: frame.px(-1 + 2 * (column + 0.5) / Double(cells)),
                         y: frame.py(1 - 2 * (row + 0.5) / Double(cells)) + 4,
                         size: 13, anchor: .middle, bold: true)
            }
        }
        return svg
    }

    /// Light colours that stay distinct from one another (Paul Tol's "light" scheme), under
    /// which dark text stays readable.
    static let regionPalette = ["#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#bbcc33",
                                "#aaaa00", "#dddddd"]

    /// Returns a colour for every activation pattern of a grid such that two regions that
    /// touch (side by side or one above the other in the grid) never share one.
    ///
    /// Regions are coloured greedily in the order they are first met, each with the least used
    /// colour of `regionPalette` that none of its coloured neighbours has (the first of them on
    /// a tie), so that a few regions all get colours of their own and many share them evenly.
    /// - Complexity: O(cells + regions · neighbours).
    static func regionColors(_ grid: [[[Bool]]]) -> [[Bool]: String] {
        var order: [[Bool]] = [], seen = Set<[Bool]>()
        var neighbours: [[Bool]: Set<[Bool]>] = [:]
        for (row, patterns) in grid.enumerated() {
            for (column, pattern) in patterns.enumerated() {
                if seen.insert(pattern).inserted { order.append(pattern) }
                for other in [column + 1 < patterns.count ? patterns[column + 1] : nil,
                              row + 1 < grid.count ? grid[row + 1][column] : nil].compactMap({ $0 }) where other != pattern {
                    neighbours[pattern, default: []].insert(other)
                    neighbours[other, default: []].insert(pattern)
                }
            }
        }
        var colors: [[Bool]: String] = [:]
        var uses = [String: Int]()
        for (k, pattern) in order.enumerated() {
            let taken = Set(neighbours[pattern, default: []].compactMap { colors[$0] })
            let free = regionPalette.filter { !taken.contains($0) }
            let color = free.min { uses[$0, default: 0] < uses[$1, default: 0] } ?? regionPalette[k % regionPalette.count]
            colors[pattern] = color
            uses[color, default: 0] += 1
        }
        return colors
    }

    /// Returns the tent, t∘t and t∘t∘t on [0, 1], one panel above the other.
    static func tentFigure(_ tent: ShallowNetwork1D) -> SVGDocument {
        let title = "Composing the tent folds [0, 1]: 2, 4 and 8 linear pieces"
        var svg = SVGDocument(width: 640, height: 40 + 3 * 200, title: title)
        svg.text(title, x: 320, y: 24, size: 15, anchor: .middle, bold: true)
        let xs = (0...512).map { Double($0) / 512 }
        for (k, name) in ["t(x)", "t(t(x))", "t(t(t(x)))"].enumerated() {
            let layers = Array(repeating: tent, count: k + 1)
            let frame = SVGPlot.Frame(width: 640, height: 200, xRange: 0...1, yRange: 0...1.05, originY: 30 + 200 * Double(k))
            frame.drawAxes(on: &svg, title: "", xLabel: k == 2 ? "x" : "", yLabel: name)
            frame.draw([SVGPlot.Series(name: name, points: xs.map { ($0, composition(layers, at: $0)) },
                                       color: SVGPlot.palette[k])], on: &svg)
        }
        return svg
    }
}
