import CourseTestSupport
import Testing
import CourseKit
@testable import Backpropagation

@Suite struct ComputationalGraphTests {
    // y = wx + q: the derivative with respect to each factor of a product is the other factor.
    @Test func linearModelDerivativesAreTheOtherFactors() {
        var g = ComputationalGraph()
        let w = g.input("w", 3), x = g.input("x", 2), q = g.input("q", 1)
        let y = g.add(g.multiply(w, x, name: "a"), q, name: "y")
        let adjoint = g.backward(from: y).adjoints
        expectClose(g.value(y), 7, "y = 3·2 + 1")
        expectClose([adjoint[w], adjoint[x], adjoint[q]], [2, 3, 1], "(∂y/∂w, ∂y/∂x, ∂y/∂q)")
    }

    // Giobergia's graph a = θ₁θ₂, b = ax, c = b − y, L = c² gives ∂L/∂θ₁ = 2cxθ₂ and
    // ∂L/∂θ₂ = 2cxθ₁; at θ₁ = 2, θ₂ = 3, x = 1.5, y = 4 that is 2·5·1.5·3 = 45 and 30.
    @Test func reproducesTheThetaGraphOnNumbers() {
        let model = ProductGraph(theta1: 2, theta2: 3, x: 1.5, y: 4)
        let (a, b, c, loss) = model.forwardValues
        expectClose([a, b, c, loss], [6, 9, 5, 25], "(a, b, c, L)")
        let gradient = model.gradient
        expectClose(gradient.theta1, 2 * c * 1.5 * 3, "∂L/∂θ₁ = 2cxθ₂")
        expectClose(gradient.theta2, 2 * c * 1.5 * 2, "∂L/∂θ₂ = 2cxθ₁")
        expectClose([gradient.theta1, gradient.theta2], [45, 30], "(∂L/∂θ₁, ∂L/∂θ₂)")
    }

    // The slides' closed forms 2(θ₁θ₂x − y)xθ₂ and 2(θ₁θ₂x − y)xθ₁ hold at other points too.
    @Test func thetaGraphMatchesTheClosedFormsElsewhere() {
        for (t1, t2, x, y) in [(-0.7, 1.3, 2.2, 0.4), (1.9, -0.45, -3.1, 2.5)] {
            let gradient = ProductGraph(theta1: t1, theta2: t2, x: x, y: y).gradient
            let c = t1 * t2 * x - y
            expectClose([gradient.theta1, gradient.theta2], [2 * c * x * t2, 2 * c * x * t1],
                        "gradient at θ = (\(t1), \(t2))")
        }
    }

    // Backpropagation visits L → c, then c's inputs, then b's, then a's: each adjoint is
    // complete before it is passed on.
    @Test func backwardVisitsEdgesFromTheLossToTheParameters() {
        let model = ProductGraph(theta1: 2, theta2: 3, x: 1.5, y: 4)
        let g = model.graph
        let steps = g.backward(from: model.loss).steps
        let edges = steps.map { "\(g.name($0.node))→\(g.name($0.input))" }
        #expect(edges == ["L→c", "c→b", "c→y", "b→a", "b→x", "a→θ₁", "a→θ₂"], "observed order \(edges)")
        expectClose(steps.map(\.upstream), [1, 10, 10, 10, 10, 15, 15], "∂L/∂node at each step")
        expectClose(steps.map(\.localDerivative), [10, 1, -1, 1.5, 6, 3, 2], "local derivatives")
    }

    // Fournier Montgieu's example: ∂e/∂b = ∂e/∂c·∂c/∂b + ∂e/∂d·∂d/∂b = 2·1 + 3·1 = 5.
    @Test func sumsOverPathsToFive() {
        let p = PathSumGraph()
        expectClose([p.graph.value(p.c), p.graph.value(p.d), p.graph.value(p.e)], [3, 2, 6], "(c, d, e)")
        #expect(p.pathTermsForB == [[2, 1], [3, 1]], "observed path terms \(p.pathTermsForB)")
        expectClose(p.derivativeBySummingPaths, 5, "2·1 + 3·1")
        let adjoint = p.graph.backward(from: p.e).adjoints
        expectClose([adjoint[p.a], adjoint[p.b]], [2, 5], "(∂e/∂a, ∂e/∂b) by reverse mode")
        #expect(p.graph.pathCount(from: p.b, to: p.e) == 2)
    }

    // Forward mode gives, input by input, the same derivatives as one reverse sweep.
    @Test func forwardModeAgreesWithReverseMode() {
        let model = ProductGraph(theta1: -1.2, theta2: 0.8, x: 2.5, y: 0.3)
        let g = model.graph
        let adjoint = g.backward(from: model.loss).adjoints
        for input in [model.theta1, model.theta2, model.x, model.y] {
            expectClose(g.tangents(withRespectTo: input)[model.loss], adjoint[input], "∂L/∂\(g.name(input))")
        }
        let p = PathSumGraph()
        expectClose(p.graph.tangents(withRespectTo: p.b)[p.e], 5, "∂e/∂b by forward mode")
    }

    // Summing nine paths costs 9 products and 8 sums; (α+β+γ)(δ+ε+ζ) costs 1 and 4, same value.
    @Test func factoringPathsKeepsTheValueAndSavesWork() {
        let f = FactoredPaths(first: [0.5, -1, 2], second: [3, -0.5, 1.5])
        let summed = f.summedOverPaths, factored = f.factored
        expectClose(summed.value, factored.value, "∂Z/∂X both ways")
        expectClose(factored.value, 1.5 * 4, "(0.5 − 1 + 2)(3 − 0.5 + 1.5)")
        #expect(summed.multiplications == 9 && summed.additions == 8)
        #expect(factored.multiplications == 1 && factored.additions == 4)
    }

    // For widths 2-3-1: P = 9 weights, a forward pass of 9 products, reverse mode 2·9 − 2·3 = 12,
    // forward mode 9 passes of 9 = 81.
    @Test func countsForwardAndReverseModeMultiplications() {
        let cost = ModeCost(layerSizes: [2, 3, 1])
        #expect(cost.weightCount == 9 && cost.forwardPass == 9)
        #expect(cost.reverseMode == 12, "observed \(cost.reverseMode)")
        #expect(cost.forwardMode == 81, "observed \(cost.forwardMode)")
        let big = ModeCost(layerSizes: [784, 100, 10])
        #expect(big.forwardMode / big.reverseMode > 10_000, "forward mode should cost far more on a real network")
    }

    // Both losses of the θ graph have gradients that central differences confirm.
    @Test func thetaGraphGradientsPassTheGradientCheck() {
        for kind in [ProductGraph.Loss.squared, .logCosh] {
            let point = [1.3, -0.6]
            let gradient = ProductGraph(theta1: point[0], theta2: point[1], x: 2.1, y: 0.7, loss: kind).gradient
            let result = GradientCheck().check(analytic: [gradient.theta1, gradient.theta2], of: { θ in
                ProductGraph(theta1: θ[0], theta2: θ[1], x: 2.1, y: 0.7, loss: kind).forwardValues.loss
            }, at: point)
            #expect(result.passed, "\(kind) loss: \(result.failures)")
        }
    }

    // log cosh c = |c| − log 2 + log(1 + e^(−2|c|)) stays finite where cosh overflows.
    @Test func logCoshStaysFiniteForLargeResiduals() {
        expectClose(stableLogCosh(1000), 1000 - log(2.0), "log cosh 1000")
        expectClose(stableLogCosh(-800), 800 - log(2.0), "log cosh −800")
        expectClose(stableLogCosh(0.3), log(cosh(0.3)), "log cosh 0.3")
    }
}
