import CourseKit

// The figures `course run lesson1 --svg DIR` writes, each drawn from the numbers its section
// prints.
extension Lesson1 {
    /// Returns the unit of section 1 as a diagram: inputs and the constant 1, weighted into
    /// the sum z, then the activation.
    static func unitFigure(weights w: [Double], bias b: Double, x: [Double]) -> SVGDocument {
        var svg = SVGDocument(width: 720, height: 330, title: "The perceptron: y = f(w·x + b)")
        svg.text(svg.title, x: 360, y: 28, size: 15, anchor: .middle, bold: true)
        let z = preactivation(weights: w, bias: b, x: x)
        let inputs = [("x₁ = \(format(x[0]))", "w₁ = \(format(w[0]))"), ("x₂ = \(format(x[1]))", "w₂ = \(format(w[1]))"),
                      ("1", "b = \(format(b))")]
        let sum = (x: 330.0, y: 170.0)
        for (k, (name, weight)) in inputs.enumerated() {
            let y = 80 + 90 * Double(k), end = (x: sum.x - 36, y: sum.y + (y - sum.y) * 0.15)
            svg.circle(x: 90, y: y, radius: 30, fill: k < 2 ? "#dbe6f1" : "#eeeeee", stroke: "#333333")
            svg.text(name, x: 90, y: y + 5, size: 13, anchor: .middle)
            svg.arrow(x1: 120, y1: y, x2: end.x, y2: end.y)
            svg.text(weight, x: 180, y: y + (end.y - y) * 60 / (end.x - 120) - 12, size: 13, anchor: .middle,
                     color: "#aa3377")
        }
        svg.circle(x: sum.x, y: sum.y, radius: 36, fill: "#ffffff", stroke: "#333333")
        svg.text("Σ", x: sum.x, y: sum.y + 2, size: 20, anchor: .middle)
        svg.text("z = \(format(z))", x: sum.x, y: sum.y + 56, size: 13, anchor: .middle)
        svg.arrow(x1: sum.x + 36, y1: sum.y, x2: 446, y2: sum.y)
        svg.rect(x: 446, y: sum.y - 26, width: 52, height: 52, fill: "#ffffff", stroke: "#333333")
        svg.text("f", x: 472, y: sum.y + 6, size: 18, anchor: .middle)
        svg.arrow(x1: 498, y1: sum.y, x2: 540, y2: sum.y)
        let outputs = [("step", step(z)), ("sign", Double(predict(weights: w, bias: b, x: x))), ("sigmoid", sigmoid(z)),
                       ("identity", z)]
        for (k, (name, y)) in outputs.enumerated() {
            svg.text("\(name): y = \(format(y))", x: 548, y: sum.y - 36 + 24 * Double(k), size: 13)
        }
        return svg
    }

    /// Returns the labelled points as scatter-plot points: class 0 for −1, class 1 for +1.
    static func scatterPoints(_ data: LabelledPoints) -> [SVGPlot.Point] {
        zip(data.points, data.labels).map { x, t in SVGPlot.Point(x: x[0], y: x[1], group: t > 0 ? 1 : 0) }
    }

    /// Returns the line w·x + b = 0 as a series long enough to cross any frame near the origin.
    static func boundary(weights w: [Double], bias b: Double, name: String, style: SVGPlot.Series.Style = .solid,
                         color: String = "#222222") -> SVGPlot.Series {
        let norm2 = w[0] * w[0] + w[1] * w[1]
        // The point of the line nearest the origin, −b w/|w|², and the direction (−w₂, w₁).
        let (x0, y0) = (-b * w[0] / norm2, -b * w[1] / norm2)
        let (dx, dy) = (-w[1] / norm2.squareRoot(), w[0] / norm2.squareRoot())
        return SVGPlot.Series(name: name, points: [(x0 - 10 * dx, y0 - 10 * dy), (x0 + 10 * dx, y0 + 10 * dy)],
                              style: style, color: color)
    }

    /// Returns the separable points of section 2 with the learned boundary and the shading of
    /// its positive side.
    static func decisionBoundaryFigure(_ data: LabelledPoints, weights w: [Double], bias b: Double) -> SVGDocument {
        let line = LabelledPoints.generatingLine
        return SVGPlot.scatter(
            scatterPoints(data), region: { w[0] * $0 + w[1] * $1 + b },
            lines: [boundary(weights: w, bias: b, name: "learned: w·x + b = 0"),
                    boundary(weights: line.weights, bias: line.bias, name: "generating line", style: .dashed,
                             color: "#888888")],
            xRange: -1.1...1.1, yRange: -1.1...1.1,
            title: "The boundary learned by Rosenblatt's rule",
            groupNames: ["label −1", "label +1"], regionNames: ["w·x + b ≤ 0", "w·x + b > 0"])
    }

    /// Returns sigmoid, tanh, softplus, GELU and ReLU on [−3, 3] in one panel and their
    /// derivatives in another.
    static func activationsFigure() -> SVGDocument {
        let named = Dictionary(uniqueKeysWithValues: (ActivationFunction.table + [ActivationFunction.gelu]).map { ($0.name, $0) })
        let rows = ["sigmoid", "tanh", "softplus", "GELU", "ReLU"].compactMap { named[$0] }
        let xs = stride(from: -3.0, through: 3.0, by: 0.01).map { $0 }
        let title = "Activation functions g and their derivatives g′"
        var svg = SVGDocument(width: 1040, height: 440, title: title)
        let panels: [(String, String, ClosedRange<Double>, (ActivationFunction) -> (Double) -> Double)] = [
            ("g(x)", "g(x)", -1.1...3.1, { $0.function }), ("g′(x)", "g′(x)", -0.2...1.2, { $0.derivative }),
        ]
        for (k, (name, yLabel, yRange, curve)) in panels.enumerated() {
            let frame = SVGPlot.Frame(width: 520, height: 400, xRange: -3...3, yRange: yRange,
                                      originX: 520 * Double(k), originY: 40)
            let series = rows.map { row in
                SVGPlot.Series(name: row.name + (k == 0 ? "" : "′"), points: xs.map { ($0, curve(row)($0)) })
            }
            frame.drawAxes(on: &svg, title: name, xLabel: "x", yLabel: yLabel)
            frame.draw(series, on: &svg)
            frame.drawLegend(series.enumerated().compactMap { SVGPlot.LegendEntry(series: $0.element, index: $0.offset) },
                             at: .topLeft, on: &svg)
        }
        svg.text(title, x: 520, y: 24, size: 16, anchor: .middle, bold: true)
        return svg
    }

    /// Returns XOR with the best line of all (3 of 4 strictly on their side, the widest
    /// margin), the side where w·x + b > 0 shaded and the point it gets wrong ringed.
    static func xorBoundaryFigure(_ data: LabelledPoints) -> SVGDocument {
        let best = bestLine(points: data.points, labels: data.labels)
        let title = "XOR: the best line gets \(best.correct) of 4"
        let (w1, w2) = (format(best.weights[0], digits: 2), format(best.weights[1], digits: 2))
        let bias = (best.bias < 0 ? "− " : "+ ") + format(abs(best.bias), digits: 2)
        var svg = SVGPlot.scatter(scatterPoints(data), region: { best.weights[0] * $0 + best.weights[1] * $1 + best.bias },
                                  lines: [boundary(weights: best.weights, bias: best.bias,
                                                   name: "best line: \(w1)x₁ + \(w2)x₂ \(bias) = 0")],
                                  xRange: -0.5...1.5, yRange: -0.5...1.5, title: title,
                                  groupNames: ["label −1", "label +1"], regionNames: ["w·x + b < 0", "w·x + b > 0"])
        let frame = SVGPlot.scatterFrame(xRange: -0.5...1.5, yRange: -0.5...1.5)
        for (x, t) in zip(data.points, data.labels)
        where Double(t) * preactivation(weights: best.weights, bias: best.bias, x: x) <= 0 {
            svg.circle(x: frame.px(x[0]), y: frame.py(x[1]), radius: 12, fill: "none", stroke: "#222222")
            svg.text("wrong side", x: frame.px(x[0]) + 16, y: frame.py(x[1]) + 4, size: 12)
        }
        return svg
    }

    /// Returns a count per epoch as a line plot with a dot at each epoch, from 0 up.
    static func mistakesFigure(_ mistakes: [Int], title: String) -> SVGDocument {
        SVGPlot.lines([SVGPlot.Series(name: "mistakes in the epoch",
                                      points: mistakes.enumerated().map { (Double($0.offset + 1), Double($0.element)) },
                                      style: .lineAndDots)],
                      title: title, xLabel: "epoch", yLabel: "mistakes",
                      xRange: 0.5...(Double(mistakes.count) + 0.5), yRange: 0...Double((mistakes.max() ?? 0) + 1))
    }
}
