import CourseKit

// The figure of section 1, drawn from the inputs and projections the run prints.
extension Lesson6 {
    /// Returns the inputs as columns of boxes, each sent through Ω_v, Ω_q and Ω_k (plus the
    /// biases) into its value, query and key, also drawn as columns of boxes.
    static func projectionsFigure(_ pass: SelfAttentionPass, inputs x: Matrix) -> SVGDocument {
        let (D, N) = x.shape
        let title = "Each of the N = \(N) inputs xₙ gives a value, a query and a key: vₙ = β_v + Ω_v xₙ, …"
        let (box, step) = (26.0, 190.0)
        var svg = SVGDocument(width: 60 + step * Double(N), height: 150 + 2 * box * Double(D) + 120, title: title)
        svg.text(title, x: svg.width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        let (outputTop, inputTop) = (80.0, 200 + box * Double(D))
        func column(_ values: [Double], x: Double, top: Double, fill: String) {
            for (d, value) in values.enumerated() {
                svg.rect(x: x - 24, y: top + box * Double(d), width: 48, height: box, fill: fill, stroke: "#333333")
                svg.text(formatNumber(value, digits: 2), x: x, y: top + box * Double(d) + 17, size: 11, anchor: .middle)
            }
        }
        let outputs = [(name: "v", array: pass.values, fill: "#ccddaa", stroke: "#668833"),
                       (name: "q", array: pass.queries, fill: "#eeccdd", stroke: "#aa4477"),
                       (name: "k", array: pass.keys, fill: "#ddcc99", stroke: "#997722")]
        for n in 0..<N {
            let centre = 30 + step * (Double(n) + 0.5)
            column(x.column(n), x: centre, top: inputTop, fill: "#dbe6f1")
            svg.text("x\(subscriptDigits(n + 1))", x: centre, y: inputTop + box * Double(D) + 20, size: 14, anchor: .middle,
                     bold: true)
            for (k, output) in outputs.enumerated() {
                let ox = centre + 56 * Double(k - 1)
                svg.arrow(x1: centre, y1: inputTop - 4, x2: ox, y2: outputTop + box * Double(D) + 22,
                          stroke: output.stroke)
                column(output.array.column(n), x: ox, top: outputTop, fill: output.fill)
                svg.text("\(output.name)\(subscriptDigits(n + 1))", x: ox, y: outputTop - 8, size: 13, anchor: .middle, bold: true)
            }
        }
        svg.text("Green: values (Ω_v). Pink: queries (Ω_q). Ochre: keys (Ω_k). The same parameters for every input, "
                 + "so D = \(D) fixes their number, not N.", x: svg.width / 2, y: svg.height - 16, size: 12,
                 anchor: .middle, color: "#555555")
        return svg
    }

}
