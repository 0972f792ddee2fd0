import CourseKit

// The figures of sections 1 and 2: which inputs each output reads, and the banded matrix of
// tied weights, both drawn from the worked example the run prints.
extension Lesson5 {
    /// The colour of kernel tap j, shared by the figures that show which weight an edge carries.
    static func tapColor(_ j: Int) -> String { ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee"][j % 5] }

    /// Returns one panel per mode: the input as a row of boxes (padding in grey), the output as
    /// a row above, each output joined to the inputs it reads, the line coloured by kernel tap.
    static func convolutionModesFigure(_ x: [Double], kernel w: [Double],
                                       modes: [(name: String, stride: Int, dilation: Int, padding: Int)]) -> SVGDocument {
        let title = "1D convolution: which inputs each output reads (w = \(formatVector(w)))"
        let (panelWidth, panelHeight, cell) = (500.0, 200.0, 38.0)
        var svg = SVGDocument(width: 2 * panelWidth, height: 60 + panelHeight * Double((modes.count + 1) / 2) + 30,
                              title: title)
        svg.text(title, x: svg.width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        for (k, mode) in modes.enumerated() {
            let (left, top) = (panelWidth * Double(k % 2) + 30, 60 + panelHeight * Double(k / 2))
            let (s, d, p) = (mode.stride, mode.dilation, mode.padding)
            let z = convolve(x, kernel: w, stride: s, dilation: d, padding: p)
            svg.text("\(mode.name): s = \(s), d = \(d), p = \(p), \(z.count) outputs", x: left, y: top + 14, size: 13,
                     bold: true)
            // Input position t (−p ≤ t < L + p) sits in column t + p.
            func inputX(_ t: Int) -> Double { left + cell * (Double(t + p) + 0.5) }
            let (outputY, inputY) = (top + 50, top + 150)
            for i in z.indices {
                let reads = inputPositions(ofOutput: i, kernelSize: w.count, stride: s, dilation: d, padding: p)
                let ox = (inputX(reads.first!) + inputX(reads.last!)) / 2
                for (j, t) in reads.enumerated() {
                    svg.line(x1: ox, y1: outputY + 14, x2: inputX(t), y2: inputY - 14, stroke: tapColor(j), width: 1.5)
                }
                svg.rect(x: ox - 17, y: outputY - 14, width: 34, height: 28, fill: "#ffffff", stroke: "#333333")
                svg.text(formatNumber(z[i]), x: ox, y: outputY + 5, size: 12, anchor: .middle)
            }
            for t in -p..<(x.count + p) {
                let inside = x.indices.contains(t)
                svg.rect(x: inputX(t) - 17, y: inputY - 14, width: 34, height: 28, fill: inside ? "#dbe6f1" : "#eeeeee",
                         stroke: inside ? "#333333" : "#bbbbbb")
                svg.text(inside ? formatNumber(x[t]) : "0", x: inputX(t), y: inputY + 5, size: 12, anchor: .middle,
                         color: inside ? "#222222" : "#999999")
            }
            svg.text("z", x: left - 14, y: outputY + 5, size: 13, anchor: .middle, bold: true)
            svg.text("x", x: left - 14, y: inputY + 5, size: 13, anchor: .middle, bold: true)
        }
        let legend = w.indices.map { "w\(subscriptDigits($0)) = \(formatNumber(w[$0]))" }
        for (j, entry) in legend.enumerated() {
            let x = svg.width / 2 - 150 + 110 * Double(j)
            svg.line(x1: x, y1: svg.height - 20, x2: x + 24, y2: svg.height - 20, stroke: tapColor(j), width: 3)
            svg.text(entry, x: x + 30, y: svg.height - 16, size: 12)
        }
        return svg
    }

    /// Returns the layer's fully connected weight matrix Ω as a grid, each tied value in its
    /// tap's colour and the zeros blank, beside the same layer as a network whose edges carry
    /// the same colours.
    static func tiedWeightsFigure(_ Ω: Matrix, kernel w: [Double], padding p: Int) -> SVGDocument {
        let title = "A convolutional layer as a \(Ω.rows)×\(Ω.columns) fully connected layer with tied weights"
        let cell = 46.0
        var svg = SVGDocument(width: 900, height: 110 + cell * Double(max(Ω.rows, Ω.columns)), title: title)
        svg.text(title, x: 450, y: 28, size: 15, anchor: .middle, bold: true)
        let (left, top) = (70.0, 70.0)
        // Ω[i, t] is tap j = t − i + p of the kernel when 0 ≤ j < K, and zero otherwise.
        func tap(_ i: Int, _ t: Int) -> Int? { w.indices.contains(t - i + p) && Ω[i, t] != 0 ? t - i + p : nil }
        for i in 0..<Ω.rows {
            svg.text("\(i)", x: left - 12, y: top + cell * (Double(i) + 0.5) + 4, size: 12, anchor: .end, color: "#555555")
            for t in 0..<Ω.columns {
                let j = tap(i, t)
                svg.rect(x: left + cell * Double(t), y: top + cell * Double(i), width: cell, height: cell,
                         fill: j.map(tapColor) ?? "#ffffff", stroke: "#bbbbbb", opacity: j == nil ? 1 : 0.45)
                if j != nil {
                    svg.text(formatNumber(Ω[i, t]), x: left + cell * (Double(t) + 0.5), y: top + cell * (Double(i) + 0.5) + 5,
                             size: 13, anchor: .middle)
                }
            }
        }
        for t in 0..<Ω.columns {
            svg.text("\(t)", x: left + cell * (Double(t) + 0.5), y: top - 8, size: 12, anchor: .middle, color: "#555555")
        }
        svg.text("output i (rows) × input t (columns); blank: zero", x: left + cell * Double(Ω.columns) / 2,
                 y: top + cell * Double(Ω.rows) + 24, size: 12, anchor: .middle, color: "#555555")
        let (inputX, outputX, netTop) = (520.0, 800.0, top + cell / 2)
        for i in 0..<Ω.rows {
            for t in 0..<Ω.columns {
                guard let j = tap(i, t) else { continue }
                svg.line(x1: inputX + 16, y1: netTop + cell * Double(t), x2: outputX - 16, y2: netTop + cell * Double(i),
                         stroke: tapColor(j), width: 2)
            }
        }
        for (x, count, name) in [(inputX, Ω.columns, "x"), (outputX, Ω.rows, "z")] {
            svg.text(name, x: x, y: top - 8, size: 13, anchor: .middle, bold: true)
            for k in 0..<count {
                svg.circle(x: x, y: netTop + cell * Double(k), radius: 15, fill: name == "x" ? "#dbe6f1" : "#ffffff",
                           stroke: "#333333")
                svg.text("\(k)", x: x, y: netTop + cell * Double(k) + 4, size: 12, anchor: .middle)
            }
        }
        for j in w.indices {
            let x = 560 + 80 * Double(j)
            svg.line(x1: x, y1: svg.height - 22, x2: x + 20, y2: svg.height - 22, stroke: tapColor(j), width: 3)
            svg.text("w\(subscriptDigits(j)) = \(formatNumber(w[j]))", x: x + 24, y: svg.height - 18, size: 12)
        }
        return svg
    }

}
