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
        var colors: [[Bool]: String] = [:]
        var centres: [[Bool]: (x: Double, y: Double, count: Double)] = [:]
        frame.fill(cells: 160, on: &svg) { x, y in
            let pattern = activationPattern(at: [x, y], theta0: theta0, theta: theta)
            let centre = centres[pattern] ?? (0, 0, 0)
            centres[pattern] = (centre.x + x, centre.y + y, centre.count + 1)
            if let color = colors[pattern] { return color }
            // Hues 137.5° apart (the golden angle), and three lightnesses in turn, keep
            // neighbouring regions apart.
            let color = pastel(hue: 137.5 * Double(colors.count), lightness: [0.7, 0.84, 0.77][colors.count % 3])
            colors[pattern] = color
            return color
        }
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
                svg.text(patternText(pattern), x: frame.px(centre.x / centre.count), y: frame.py(centre.y / centre.count) + 4,
                         size: 13, anchor: .middle, bold: true)
            }
        }
        return svg
    }

    /// Returns a light colour of the given hue in degrees (HSL with saturation 0.7 and the
    /// given lightness), as `#rrggbb`.
    static func pastel(hue: Double, lightness l: Double) -> String {
        let s = 0.7
        let chroma = (1 - abs(2 * l - 1)) * s
        let h = hue.truncatingRemainder(dividingBy: 360) / 60
        let x = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(h) {
        case 0: (chroma, x, 0)
        case 1: (x, chroma, 0)
        case 2: (0, chroma, x)
        case 3: (0, x, chroma)
        case 4: (x, 0, chroma)
        default: (chroma, 0, x)
        }
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { value in
            let byte = Int(((value + l - chroma / 2) * 255).rounded())
            return String([digits[byte / 16], digits[byte % 16]])
        }.joined()
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
