import CourseKit

// The figure of section 7: one layer z = W x + b and its three output activations.
extension Lesson1 {
    /// Returns the layer of section 7 as a diagram: D inputs and the constant 1 fully connected
    /// to C scores (blue edges for positive weights, red for negative, thicker for larger), then
    /// the C outputs under each of the three activations.
    static func layerFigure(weights W: Matrix, bias b: Matrix, x: Matrix) -> SVGDocument {
        let (C, D) = W.shape
        let title = "One layer z = W x + b (C = \(C), D = \(D)) and three output activations"
        var svg = SVGDocument(width: 820, height: 150 + 90 * Double(max(C, D + 1)), title: title)
        svg.text(title, x: 410, y: 28, size: 15, anchor: .middle, bold: true)
        let z = layerScores(weights: W, bias: b, x: x)
        let radius = 30.0, top = 110.0
        let inputs = (0..<D).map { (name: "x\(subscriptDigits($0 + 1))", value: format(x[$0, 0]), weights: W.column($0)) }
            + [(name: "1", value: "", weights: b.column(0))]
        let scale = (W.scalars + b.scalars).map(abs).max() ?? 1
        for (d, input) in inputs.enumerated() {
            let y = top + 90 * Double(d)
            for c in 0..<C {
                let w = input.weights[c], yc = top + 90 * Double(c)
                svg.line(x1: 90 + radius, y1: y, x2: 330 - radius, y2: yc, stroke: w >= 0 ? "#4477aa" : "#cc3311",
                         width: 0.5 + 3 * abs(w) / scale, dashed: d == D)
            }
            svg.circle(x: 90, y: y, radius: radius, fill: d < D ? "#dbe6f1" : "#eeeeee", stroke: "#333333")
            svg.text(input.name, x: 90, y: y + (d < D ? -3 : 5), size: 14, anchor: .middle, bold: d < D)
            svg.text(input.value, x: 90, y: y + 14, size: 12, anchor: .middle)
        }
        let columns = OutputActivation.allCases.map { activation in
            (name: activation.rawValue, values: layerOutput(weights: W, bias: b, x: x, activation: activation))
        }
        for (k, column) in columns.enumerated() {
            svg.text(column.name, x: 500 + 110 * Double(k), y: top - 50, size: 13, anchor: .middle, bold: true)
            svg.text("Σ = \(format(column.values.sum()))", x: 500 + 110 * Double(k), y: top + 90 * Double(C - 1) + 40,
                     size: 12, anchor: .middle, color: "#555555")
        }
        for c in 0..<C {
            let y = top + 90 * Double(c)
            svg.circle(x: 330, y: y, radius: radius + 6, fill: "#ffffff", stroke: "#333333")
            svg.text("z\(subscriptDigits(c + 1))", x: 330, y: y - 3, size: 14, anchor: .middle, bold: true)
            svg.text(format(z[c, 0]), x: 330, y: y + 14, size: 12, anchor: .middle)
            svg.arrow(x1: 366, y1: y, x2: 440, y2: y)
            for (k, column) in columns.enumerated() {
                svg.rect(x: 456 + 110 * Double(k), y: y - 16, width: 88, height: 32, fill: "#f4f4f4", stroke: "#bbbbbb")
                svg.text(format(column.values[c, 0]), x: 500 + 110 * Double(k), y: y + 5, size: 13, anchor: .middle)
            }
        }
        svg.text("Edges: the weights W_cd (solid) and biases b_c (dashed); blue positive, red negative, width ∝ |weight|.",
                 x: 410, y: svg.height - 40, size: 12, anchor: .middle, color: "#555555")
        svg.text("identity: regression · sigmoid: C separate yes/no questions · softmax: one of C classes, sums to 1",
                 x: 410, y: svg.height - 18, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

}
