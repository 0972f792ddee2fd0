import CourseKit

extension Lesson4 {
    /// Section 1: y = wx + q, then the θ₁θ₂x graph forwards and backwards on numbers.
    static func computationalGraphs(_ console: LessonConsole) {
        console.heading("1. Computational graphs and the chain rule")
        var g = ComputationalGraph()
        let w = g.input("w", 3), x = g.input("x", 2), q = g.input("q", 1)
        let a = g.multiply(w, x, name: "a")
        let y = g.add(a, q, name: "y")
        console.text("y = wx + q, one operation per node, at w = 3, x = 2, q = 1:")
        console.block(nodeTable(g))
        console.text("\nBackwards from y, one edge at a time:")
        console.block(backwardTable(g, from: y))
        let dy = g.backward(from: y).adjoints
        console.text("So ∂y/∂w = x = \(formatNumber(dy[w])), ∂y/∂x = w = \(formatNumber(dy[x])), "
                     + "∂y/∂q = \(formatNumber(dy[q])).")

        let model = ProductGraph(theta1: 2, theta2: 3, x: 1.5, y: 4)
        let (av, bv, cv, lv) = model.forwardValues
        console.text("""

            The model θ₁θ₂x with loss L = (θ₁θ₂x − y)², at θ₁ = 2, θ₂ = 3, x = 1.5, y = 4.
            Forward pass (inputs first, then each node once its inputs are known):
            """)
        console.block(nodeTable(model.graph))
        console.text("\nBackward pass, in the order backpropagation visits the edges:")
        console.block(backwardTable(model.graph, from: model.loss))
        console.figure("computational-graph") { productGraphFigure(model) }
        let gradient = model.gradient
        console.text("""

            ∂L/∂θ₁ = \(formatNumber(gradient.theta1))   and the closed form 2cxθ₂ = 2·\(formatNumber(cv))·1.5·3 = \
            \(formatNumber(2 * cv * 1.5 * 3))
            ∂L/∂θ₂ = \(formatNumber(gradient.theta2))   and the closed form 2cxθ₁ = 2·\(formatNumber(cv))·1.5·2 = \
            \(formatNumber(2 * cv * 1.5 * 2))
            (a = \(formatNumber(av)), b = \(formatNumber(bv)), c = \(formatNumber(cv)), L = \(formatNumber(lv)).)
            """)
        let check = GradientCheck().check(analytic: [gradient.theta1, gradient.theta2], of: { θ in
            ProductGraph(theta1: θ[0], theta2: θ[1], x: 1.5, y: 4).forwardValues.loss
        }, at: [2, 3])
        console.text("Central differences agree: relative errors "
                     + check.entries.map { formatNumber($0.relativeError, digits: 2) }.joined(separator: " and ") + ".")
    }

    /// Section 2: the sum over paths, factoring, and forward against reverse mode.
    static func summingOverPaths(_ console: LessonConsole) {
        console.heading("2. Summing over paths; forward and reverse mode")
        let p = PathSumGraph()
        let g = p.graph
        console.text("c = a + b, d = b + 1, e = c · d at a = 2, b = 1:")
        console.block(nodeTable(g))
        let terms = p.pathTermsForB
        let names = ["∂e/∂c·∂c/∂b", "∂e/∂d·∂d/∂b"]
        console.text("\nb reaches e along \(terms.count) paths, b → c → e and b → d → e:")
        console.text("  ∂e/∂b = " + names.joined(separator: " + ") + " = "
                     + terms.map { $0.map { formatNumber($0) }.joined(separator: "·") }.joined(separator: " + ")
                     + " = \(formatNumber(p.derivativeBySummingPaths))")

        console.text("\nReverse mode: one sweep from e gives the derivative for every input.")
        console.block(backwardTable(g, from: p.e))
        let adjoint = g.backward(from: p.e).adjoints
        console.text("∂e/∂a = \(formatNumber(adjoint[p.a])), ∂e/∂b = \(formatNumber(adjoint[p.b])) "
                     + "— \(g.edgeCount) multiplications, one per edge.")
        console.figure("path-sum-graph") { pathSumFigure(p) }

        console.text("\nForward mode: one sweep per input, carrying ∂node/∂input forwards.")
        var table = TextTable(header: ["seeded input", "∂a", "∂b", "∂c", "∂d", "∂e"])
        for input in [p.a, p.b] {
            table.append(["\(g.name(input))"] + g.tangents(withRespectTo: input).map { formatNumber($0) })
        }
        console.block(table)
        console.text("Two sweeps, \(2 * g.edgeCount) multiplications, for the same two numbers.")

        let factored = FactoredPaths(first: [0.5, -1, 2], second: [3, -0.5, 1.5])
        let (sumValue, sumMultiplications, sumAdditions) = factored.summedOverPaths
        let (factorValue, factorMultiplications, factorAdditions) = factored.factored
        console.text("""

            Three edges α, β, γ from X to Y and three δ, ε, ζ from Y to Z, with values \
            α, β, γ = 0.5, −1, 2 and δ, ε, ζ = 3, −0.5, 1.5:
              nine paths summed:       ∂Z/∂X = \(formatNumber(sumValue))  (\(sumMultiplications) products, \
            \(sumAdditions) sums)
              factored (α+β+γ)(δ+ε+ζ): ∂Z/∂X = \(formatNumber(factorValue))  (\(factorMultiplications) product, \
            \(factorAdditions) sums)

            Multiplications for the gradient of one example's loss with respect to all weights \
            (a forward pass makes one per weight, M = P; the ratio is forward mode / reverse mode):
            """)
        var costs = TextTable(header: ["layer widths", "P = M", "reverse mode", "forward mode", "ratio"])
        for sizes in [[2, 3, 1], [3, 3, 1], [2, 4, 3, 5, 2], [784, 100, 10], [1000, 1000, 1000, 10]] {
            let cost = ModeCost(layerSizes: sizes)
            let ratio = Double(cost.forwardMode) / Double(cost.reverseMode)
            costs.append([sizes.map(String.init).joined(separator: "-"), formatCount(cost.weightCount),
                          formatCount(cost.reverseMode), formatCount(cost.forwardMode),
                          ratio < 100 ? formatNumber(ratio, digits: 1) : formatCount(Int(ratio.rounded()))])
        }
        console.block(costs)
    }
}
