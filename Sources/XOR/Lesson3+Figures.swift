import CourseKit

// The figures `course run lesson3 --svg DIR` writes, each drawn from the numbers its section
// prints.
extension Lesson3 {
    /// The names of the two classes in the legends.
    static let classNames = ["XOR = 0", "XOR = 1"]

    /// Returns the four inputs (or their images, one per row of `points`) as scatter points
    /// of class XOR.
    static func xorPoints(_ points: Matrix) -> [SVGPlot.Point] {
        (0..<4).map { n in SVGPlot.Point(x: points[n, 0], y: points[n, 1], group: Int(xorTargets[n])) }
    }

    /// Returns the inputs in x-space beside their images in h-space, where the output
    /// h₁ − 2h₂ separates them at ½; every point is labelled with its input.
    static func representationFigure(hidden: Matrix, outputWeights: Matrix, outputBias: Double) -> SVGDocument {
        let title = "The hidden layer makes XOR linearly separable"
        var svg = SVGDocument(width: 1080, height: 500, title: title)
        svg.text(title, x: 540, y: 24, size: 16, anchor: .middle, bold: true)
        let left = SVGPlot.Frame(width: 460, height: 460, xRange: -0.5...1.5, yRange: -0.5...1.5, originY: 40)
        let right = SVGPlot.Frame(width: 620, height: 460, xRange: -0.5...2.5, yRange: -0.5...1.5, originX: 460,
                                  originY: 40, rightMargin: 184)
        let output = { (h1: Double, h2: Double) in outputWeights[0, 0] * h1 + outputWeights[1, 0] * h2 + outputBias }
        right.fill(on: &svg) { output($0, $1) > 0.5 ? SVGPlot.tints[1] : SVGPlot.tints[0] }
        left.drawAxes(on: &svg, title: "inputs x: no line separates them", xLabel: "x₁", yLabel: "x₂")
        right.drawAxes(on: &svg, title: "hidden units h = max{0, Wᵀx + c}", xLabel: "h₁", yLabel: "h₂")
        // The line w₁h₁ + w₂h₂ + b = ½, from h₁ = −1 to h₁ = 3.
        let line = [-1.0, 3.0].map { h1 in (x: h1, y: (0.5 - outputBias - outputWeights[0, 0] * h1) / outputWeights[1, 0]) }
        let separator = SVGPlot.Series(name: "h₁ − 2h₂ = ½", points: line, color: "#222222")
        right.draw([separator], on: &svg)
        for (frame, points) in [(left, xorInputRows), (right, hidden)] {
            frame.draw(xorPoints(points), on: &svg)
            var labels: [String: [String]] = [:]
            for n in 0..<4 {
                let key = "\(frame.px(points[n, 0])),\(frame.py(points[n, 1]))"
                labels[key, default: []].append("(\(formatNumber(xorInputRows[n, 0])), \(formatNumber(xorInputRows[n, 1])))")
            }
            for n in 0..<4 {
                let (x, y) = (frame.px(points[n, 0]), frame.py(points[n, 1]))
                guard let text = labels.removeValue(forKey: "\(x),\(y)") else { continue }
                svg.text((frame.originX > 0 ? "from " : "") + text.joined(separator: " and "), x: x + 10, y: y - 10, size: 12)
            }
        }
        right.drawLegend(classNames.enumerated().map { SVGPlot.LegendEntry(name: $0.element, group: $0.offset) }
                         + [SVGPlot.LegendEntry(name: "output > ½", color: SVGPlot.tints[1], mark: .patch),
                            SVGPlot.LegendEntry(series: separator, index: 0)!],
                         at: .right, on: &svg)
        return svg
    }

    /// Returns the decision regions of the network (output above ½ shaded red) over the unit
    /// square after each number of steps of the training of section 6, with the loss then.
    static func trainingRegionsFigure(_ network: TwoLayerNetwork, start: TwoLayerParameters, learningRate: Double,
                                      steps: [Int]) -> SVGDocument {
        let title = "Decision regions during training (shaded red: ŷ > ½)"
        var svg = SVGDocument(width: 840, height: 860, title: title)
        svg.text(title, x: 420, y: 24, size: 16, anchor: .middle, bold: true)
        for (k, count) in steps.enumerated() {
            let p = network.train(start, inputs: xorInputColumns, targets: xorTargets, learningRate: learningRate,
                                  steps: count).parameters
            let frame = SVGPlot.Frame(width: 420, height: 390, xRange: -0.25...1.25, yRange: -0.25...1.25,
                                      originX: 420 * Double(k % 2), originY: 40 + 390 * Double(k / 2))
            frame.fill(cells: 80, on: &svg) { x, y in
                network.outputs(p, inputs: Matrix(column: [x, y]))[0] > 0.5 ? SVGPlot.tints[1] : SVGPlot.tints[0]
            }
            let loss = network.loss(p, inputs: xorInputColumns, targets: xorTargets)
            let correct = correctCount(network.outputs(p, inputs: xorInputColumns))
            frame.drawAxes(on: &svg, title: "step \(count): L = \(formatNumber(loss, digits: 3)), \(correct)/4 correct",
                           xLabel: "x₁", yLabel: "x₂")
            frame.draw(xorPoints(xorInputRows), on: &svg)
        }
        SVGPlot.drawLegendRow(classNames.enumerated().map { SVGPlot.LegendEntry(name: $0.element, group: $0.offset) }
                              + [SVGPlot.LegendEntry(name: "ŷ > ½", color: SVGPlot.tints[1], mark: .patch),
                                 SVGPlot.LegendEntry(name: "ŷ ≤ ½", color: SVGPlot.tints[0], mark: .patch)],
                              centerX: 420, y: 838, on: &svg)
        return svg
    }
}
