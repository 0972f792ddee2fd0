import CourseKit

// The figures of sections 3 to 5: the classifier as a graph of arrays, the δ-rule network and
// the deep ReLU network, each drawn from the numbers its section prints.
extension Lesson4 {
    /// Returns the shape of a matrix as "rows×columns".
    private static func shape(_ m: Matrix) -> String { "\(m.rows)×\(m.columns)" }

    /// Draws a box centred at (x, y) with a bold name above a second line.
    private static func box(_ svg: inout SVGDocument, _ name: String, _ detail: String, x: Double, y: Double,
                            width: Double, fill: String = "#ffffff") {
        svg.rect(x: x - width / 2, y: y - 26, width: width, height: 52, fill: fill, stroke: "#333333")
        svg.text(name, x: x, y: y - 5, size: 14, anchor: .middle, bold: true)
        svg.text(detail, x: x, y: y + 15, size: 12, anchor: .middle)
    }

    /// Returns the classifier of section 3 as a graph of arrays, X → Xw₁ → h → z → ŷ → L, with
    /// every array's shape, and in red the gradient that flows back to each one.
    static func classifierGraphFigure(_ model: BinaryClassifier, _ pass: BinaryClassifier.ForwardPass,
                                      labels y: Matrix) -> SVGDocument {
        let title = "The classifier as a graph of arrays: shapes forward, gradients (red) backward"
        var svg = SVGDocument(width: 1120, height: 400, title: title)
        svg.text(title, x: 560, y: 26, size: 15, anchor: .middle, bold: true)
        let gradients = model.gradients(pass, labels: y)
        let row: [(name: String, array: Matrix, gradient: [String])] = [
            ("X", pass.x, ["data: no gradient"]),
            ("X w₁", pass.preActivation, ["∂L/∂(X w₁) = 𝟙[X w₁ > 0]", "⊙ δ w₂ᵀ"]),
            ("h = ReLU", pass.h, ["∂L/∂h = δ w₂ᵀ"]),
            ("z = h w₂ + b", pass.z, ["δ = ∂L/∂z = (ŷ − y)/N"]),
            ("ŷ = σ(z)", pass.yHat, ["∂L/∂ŷ = (ŷ − y)", "/ (N ŷ(1 − ŷ))"]),
            ("L", Matrix([[model.loss(pass, labels: y)]]), ["∂L/∂L = 1"]),
        ]
        let (top, step, width) = (200.0, 188.0, 124.0)
        for (k, node) in row.enumerated() {
            let x = 90 + step * Double(k)
            box(&svg, node.name, shape(node.array), x: x, y: top, width: width, fill: k == 0 ? "#dbe6f1" : "#ffffff")
            for (line, text) in node.gradient.enumerated() {
                svg.text(text, x: x, y: top + 54 + 16 * Double(line), size: 12, anchor: .middle, color: "#cc3311")
            }
            if k > 0 {
                let (left, right) = (x - step + width / 2 + 2, x - width / 2 - 2)
                svg.arrow(x1: left, y1: top - 8, x2: right, y2: top - 8)
                svg.arrow(x1: right, y1: top + 10, x2: left, y2: top + 10, stroke: "#cc3311")
            }
        }
        let parameters: [(name: String, array: Matrix, gradient: String, x: Double, into: Int)] = [
            ("w₁", model.w1, "∂L/∂w₁ = Xᵀ ∂L/∂(X w₁)  (\(shape(gradients.w1)))", 278, 1),
            ("w₂", model.w2, "∂L/∂w₂ = hᵀ δ  (\(shape(gradients.w2)))", 560, 3),
            ("b", Matrix([[model.b]]), "∂L/∂b = 𝟙ᵀ δ  (1×1)", 760, 3),
        ]
        for parameter in parameters {
            box(&svg, parameter.name, shape(parameter.array), x: parameter.x, y: 96, width: 70, fill: "#eeeeee")
            svg.text(parameter.gradient, x: parameter.x, y: 58, size: 12, anchor: .middle, color: "#cc3311")
            let target = 90 + step * Double(parameter.into)
            svg.arrow(x1: parameter.x, y1: 122, x2: target + (parameter.x - target) * 0.3, y2: top - 27)
        }
        svg.text("N = \(pass.x.rows) samples as rows.  L = \(formatNumber(model.loss(pass, labels: y), digits: 6)),  "
                 + "δ = \(asRow((pass.yHat - y) / Double(pass.x.rows)))", x: 560, y: 350, size: 12, anchor: .middle)
        svg.text("Black arrows: the forward pass. Red arrows and labels: the gradient of L reaching each array.",
                 x: 560, y: 376, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Returns the 3-3-1 network of section 4 with each unit's δ for the first example inside
    /// it and each weight's ΔW, summed over the batch, on its edge.
    static func deltaRuleFigure(_ network: DeltaRuleNetwork, firstInput x: [Double], deltas δ: [Matrix],
                                sums dW: [Matrix], biasSums dB: [Matrix]) -> SVGDocument {
        let title = "The δ-rule: δ of each unit (first example) and ΔW of each weight (summed over the batch)"
        var svg = SVGDocument(width: 920, height: 560, title: title)
        svg.text(title, x: 460, y: 26, size: 15, anchor: .middle, bold: true)
        let sizes = [network.weights[0].columns] + network.weights.map(\.rows)
        func place(_ layer: Int, _ unit: Int) -> (x: Double, y: Double) {
            (130 + 320 * Double(layer), 280 + 130 * (Double(unit) - Double(sizes[layer] - 1) / 2))
        }
        for (l, w) in dW.enumerated() {
            for j in 0..<w.rows {
                for i in 0..<w.columns {
                    let (from, to) = (place(l, i), place(l + 1, j))
                    svg.line(x1: from.x + 36, y1: from.y, x2: to.x - 36, y2: to.y, stroke: "#999999")
                    let (lx, ly) = (from.x + 0.75 * (to.x - from.x), from.y + 0.75 * (to.y - from.y))
                    svg.rect(x: lx - 30, y: ly - 9, width: 60, height: 16, fill: "#ffffff", opacity: 0.9)
                    svg.text(formatNumber(w[j, i]), x: lx, y: ly + 4, size: 11, anchor: .middle, color: "#aa3377")
                }
            }
        }
        for (l, size) in sizes.enumerated() {
            svg.text(l == 0 ? "inputs h⁽¹⁾ = x" : "layer \(l + 1)", x: place(l, 0).x, y: 70, size: 13,
                     anchor: .middle, bold: true)
            for unit in 0..<size {
                let (cx, cy) = place(l, unit)
                svg.circle(x: cx, y: cy, radius: 36, fill: l == 0 ? "#dbe6f1" : "#ffffff", stroke: "#333333")
                svg.text(l == 0 ? "x\(subscriptDigits(unit + 1))" : "δ⁽\(l + 1)⁾", x: cx, y: cy - 4, size: 13, anchor: .middle, bold: true)
                svg.text(formatNumber(l == 0 ? x[unit] : δ[l - 1][unit, 0]), x: cx, y: cy + 14, size: 11,
                         anchor: .middle)
                if l > 0 {
                    svg.text("Δb = \(formatNumber(dB[l - 1][unit, 0]))", x: cx, y: cy + 52, size: 11, anchor: .middle,
                             color: "#555555")
                }
            }
        }
        svg.text("On each edge, purple: ΔW⁽ˡ⁾ = Σᵢ δ⁽ˡ⁺¹⁾(h⁽ˡ⁾)ᵀ over the m examples. In each unit: δ for example 1.",
                 x: 460, y: 540, size: 12, anchor: .middle, color: "#555555")
        return svg
    }

    /// Returns the ReLU network of section 5 layer by layer: x, then every fₖ with its value
    /// (black) and its adjoint ∂ℓ/∂fₖ (red), the hidden units that the masks switch off greyed.
    static func reluLayersFigure(_ network: ReLUNetwork, _ pass: ReLUNetwork.ForwardPass,
                                 _ gradients: ReLUNetwork.Gradients, loss: Double) -> SVGDocument {
        let widths = network.layerSizes.map(String.init).joined(separator: "-")
        let title = "The \(widths) ReLU network: forward values right, adjoints left, ℓ = \(formatNumber(loss, digits: 6))"
        var svg = SVGDocument(width: 1000, height: 520, title: title)
        svg.text(title, x: 500, y: 26, size: 15, anchor: .middle, bold: true)
        let columns = [pass.h[0]] + pass.f
        let last = columns.count - 1
        func place(_ k: Int, _ unit: Int) -> (x: Double, y: Double) {
            (100 + 200 * Double(k), 270 + 62 * (Double(unit) - Double(columns[k].rows - 1) / 2))
        }
        // A hidden unit is off when fₖ ≤ 0: ReLU passes 0 forward and the mask passes 0 back.
        func off(_ k: Int, _ unit: Int) -> Bool { k > 0 && k < last && columns[k][unit, 0] <= 0 }
        for k in 1...last {
            for j in 0..<columns[k].rows {
                for i in 0..<columns[k - 1].rows {
                    let (from, to) = (place(k - 1, i), place(k, j))
                    svg.line(x1: from.x + 60, y1: from.y, x2: to.x - 60, y2: to.y,
                             stroke: off(k - 1, i) ? "#e4e4e4" : "#aaaaaa", dashed: off(k - 1, i))
                }
            }
        }
        for (k, column) in columns.enumerated() {
            let name = k == 0 ? "x" : "f\(subscriptDigits(k - 1))"
            svg.text(k == 0 ? "input x" : "\(name) = Ω\(subscriptDigits(k - 1))h\(subscriptDigits(k - 1)) + β\(subscriptDigits(k - 1))",
                     x: place(k, 0).x, y: 96, size: 13, anchor: .middle, bold: true)
            for unit in 0..<column.rows {
                let (cx, cy) = place(k, unit), grey = off(k, unit)
                svg.rect(x: cx - 60, y: cy - 24, width: 120, height: 48, fill: grey ? "#e8e8e8" : "#ffffff",
                         stroke: grey ? "#bbbbbb" : "#333333")
                svg.text(formatNumber(column[unit, 0]), x: cx, y: cy + (k == 0 ? 5 : -4), size: 12, anchor: .middle,
                         color: grey ? "#888888" : "#222222")
                if k > 0 {
                    svg.text(formatNumber(gradients.preActivations[k - 1][unit, 0]), x: cx, y: cy + 14, size: 12,
                             anchor: .middle, color: grey ? "#e08a7a" : "#cc3311")
                }
            }
        }
        svg.arrow(x1: 200, y1: 440, x2: 800, y2: 440)
        svg.text("forward: hₖ₊₁ = ReLU(fₖ), fₖ₊₁ = Ωₖ₊₁hₖ₊₁ + βₖ₊₁", x: 500, y: 432, size: 12, anchor: .middle)
        svg.arrow(x1: 800, y1: 468, x2: 200, y2: 468, stroke: "#cc3311")
        svg.text("backward: ∂ℓ/∂fₖ₋₁ = 𝟙[fₖ₋₁ > 0] ⊙ Ωₖᵀ ∂ℓ/∂fₖ", x: 500, y: 486, size: 12, anchor: .middle,
                 color: "#cc3311")
        svg.text("In each box: the value fₖ (black) and its adjoint ∂ℓ/∂fₖ (red). Grey: fₖ ≤ 0, switched off by the mask.",
                 x: 500, y: 510, size: 12, anchor: .middle, color: "#555555")
        return svg
    }
}
