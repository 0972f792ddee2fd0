import CourseKit

// The figures `course run lesson4 --svg DIR` writes, each drawn from the numbers its section
// prints.
extension Lesson4 {
    /// Returns a computational graph as a diagram: each node with its value, its adjoint
    /// ∂output/∂node in red beneath it, and each edge, drawn in the forward direction, with its
    /// local derivative ∂node/∂input.
    /// - Parameters:
    ///   - positions: the centre of every node, in pixels, by node index.
    static func graphFigure(_ graph: ComputationalGraph, output: Int, positions: [(x: Double, y: Double)],
                            title: String, width: Double, height: Double) -> SVGDocument {
        var svg = SVGDocument(width: width, height: height, title: title)
        svg.text(title, x: width / 2, y: 26, size: 15, anchor: .middle, bold: true)
        let adjoints = graph.backward(from: output).adjoints
        let radius = 30.0, outputName = graph.name(output)
        for (index, node) in graph.nodes.enumerated() {
            let to = positions[index]
            for edge in node.edges {
                let from = positions[edge.from]
                let length = ((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)).squareRoot()
                let (ux, uy) = ((to.x - from.x) / length, (to.y - from.y) / length)
                svg.arrow(x1: from.x + radius * ux, y1: from.y + radius * uy, x2: to.x - radius * ux, y2: to.y - radius * uy)
                // The label sits 10 pixels above the middle of the edge (right of it when the edge
                // is steep) and runs away from the edge: right if it falls, left if it climbs.
                let steep = abs(ux) < 0.3
                let (nx, ny) = steep ? (1.0, 0.0) : (ux > 0 ? (uy, -ux) : (-uy, ux))
                let (mx, my) = ((from.x + to.x) / 2 + 10 * nx, (from.y + to.y) / 2 + 10 * ny)
                let anchor: SVGDocument.Anchor = steep || ux * uy > 0.05 ? .start : ux * uy < -0.05 ? .end : .middle
                let local = edge.formula == formatNumber(edge.localDerivative)
                    ? edge.formula : "\(edge.formula) = \(formatNumber(edge.localDerivative))"
                svg.text("∂\(node.name)/∂\(graph.name(edge.from)) = \(local)", x: mx, y: my + (steep ? 4 : 0), size: 12,
                         anchor: anchor, color: "#aa3377")
            }
        }
        for (index, node) in graph.nodes.enumerated() {
            let (x, y) = positions[index]
            svg.circle(x: x, y: y, radius: radius, fill: node.edges.isEmpty ? "#dbe6f1" : "#ffffff", stroke: "#333333")
            svg.text(node.name, x: x, y: y - 4, size: 14, anchor: .middle, bold: true)
            svg.text(formatNumber(node.value), x: x, y: y + 14, size: 12, anchor: .middle)
            svg.text("∂\(outputName)/∂\(node.name) = \(formatNumber(adjoints[index]))", x: x, y: y + radius + 18,
                     size: 12, anchor: .middle, color: "#cc3311")
        }
        svg.text("In a node: its value. Red: its adjoint ∂\(outputName)/∂node. Purple: an edge's local derivative.",
                 x: width / 2, y: height - 14, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Returns the θ₁θ₂x graph of section 1 as a diagram, inputs on the left, L on the right.
    static func productGraphFigure(_ model: ProductGraph) -> SVGDocument {
        var positions = [(x: Double, y: Double)](repeating: (0, 0), count: model.graph.nodes.count)
        for (node, place) in [(model.theta1, (80.0, 110.0)), (model.theta2, (80, 300)), (model.a, (280, 205)),
                              (model.x, (380, 360)), (model.b, (500, 205)), (model.y, (600, 360)),
                              (model.c, (720, 205)), (model.loss, (900, 205))] {
            positions[node] = place
        }
        return graphFigure(model.graph, output: model.loss, positions: positions,
                           title: "a = θ₁θ₂,  b = a x,  c = b − y,  L = c²: forward values and adjoints",
                           width: 980, height: 460)
    }

    /// Returns the graph e = (a + b)(b + 1) of section 2 as a diagram.
    static func pathSumFigure(_ p: PathSumGraph) -> SVGDocument {
        var positions = [(x: Double, y: Double)](repeating: (0, 0), count: p.graph.nodes.count)
        for (node, place) in [(p.a, (90.0, 110.0)), (p.b, (90, 300)), (p.c, (340, 110)), (p.d, (340, 300)),
                              (p.e, (580, 205))] {
            positions[node] = place
        }
        return graphFigure(p.graph, output: p.e, positions: positions,
                           title: "e = (a + b)(b + 1): b reaches e along two paths", width: 700, height: 420)
    }

    /// Returns the loss per step of gradient descent for each learning rate: on the left clipped
    /// at the starting loss, as the terminal draws it, with the legend, and on the right on a
    /// log scale, where the diverging run stays in view until it stops.
    static func learningRatesFigure(_ runs: [LineFit.Run], verdicts: [String]) -> SVGDocument {
        let title = "The loss per step for three learning rates"
        var svg = SVGDocument(width: 1100, height: 440, title: title)
        svg.text(title, x: 550, y: 24, size: 16, anchor: .middle, bold: true)
        let start = runs[0].losses[0]
        let logs = runs.flatMap(\.losses).filter { $0 > 0 }.map(log10)
        let panels: [(String, String, ClosedRange<Double>, (Double) -> Double)] = [
            ("clipped at the starting loss", "loss", 0...(1.05 * start), { $0 }),
            ("log scale", "log₁₀ loss", floor(logs.min() ?? -2)...ceil(logs.max() ?? 1), { log10($0) }),
        ]
        for (k, (name, yLabel, yRange, scale)) in panels.enumerated() {
            let frame = SVGPlot.Frame(width: 550, height: 400, xRange: 0...40, yRange: yRange, originX: 550 * Double(k),
                                      originY: 40)
            let series = zip(runs, verdicts).map { run, verdict in
                SVGPlot.Series(name: "α = \(formatNumber(run.learningRate)): \(verdict)",
                               points: run.losses.enumerated().map { (Double($0.offset), scale($0.element)) })
            }
            frame.drawAxes(on: &svg, title: name, xLabel: "step", yLabel: yLabel)
            frame.draw(series, on: &svg)
            if k == 0 {
                let entries = series.enumerated().compactMap { SVGPlot.LegendEntry(series: $0.element, index: $0.offset) }
                frame.drawLegend(entries, at: .topRight, on: &svg)
            }
        }
        return svg
    }
}
