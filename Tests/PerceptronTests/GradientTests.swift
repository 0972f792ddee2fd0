import CourseTestSupport
import Testing
import CourseKit
import Perceptron

@Suite struct GradientTests {
    let checker = GradientCheck()

    // Algorithm 1's gradients ∂L/∂w = (ŷ − y)x and ∂L/∂b = ŷ − y agree with central differences.
    @Test func linearUnitGradientAgreesWithCentralDifferences() {
        for (w, b, x, y) in [([0.3, -1.2], 0.4, [1.5, 0.7], 1.0), ([2.0, 0.5, -1.0], -0.3, [-0.2, 1.1, 0.9], -1.0)] {
            let g = linearUnitGradient(weights: w, bias: b, x: x, target: y)
            let result = checker.check(analytic: g.weights + [g.bias],
                                       of: { linearUnitLoss(weights: Array($0.dropLast()), bias: $0.last!, x: x, target: y) },
                                       at: w + [b])
            expectPasses(result, "∂L/∂(w, b) at w = \(w)")
        }
    }

    // Algorithm 1 on the lesson's data: the mean loss goes down (0.2751 → 0.1154) and never
    // rises, and sign(ŷ) ends up right on every point.
    @Test func algorithm1LossGoesDown() {
        let data = LabelledPoints.separable()
        var random = SeededGenerator(seed: 4)
        let w0 = random.array(count: 2, in: -0.5...0.5), b0 = random.uniform(in: -0.5...0.5)
        let trained = trainLinearUnit(points: data.points, targets: data.signedTargets, learningRate: 0.05,
                                      epochs: 30, initialWeights: w0, initialBias: b0)
        let initial = zip(data.points, data.signedTargets)
            .map { linearUnitLoss(weights: w0, bias: b0, x: $0, target: $1) }.reduce(0, +) / 30
        expectClose(initial, 0.2751, "initial mean loss", tolerance: Tolerance(relative: 0, absolute: 5e-5))
        expectClose(trained.losses.last!, 0.1154, "final mean loss", tolerance: Tolerance(relative: 0, absolute: 5e-5))
        for (e, (before, after)) in zip([initial] + trained.losses, trained.losses).enumerated() {
            #expect(after <= before + 1e-12, "the loss rose in epoch \(e + 1): \(before) → \(after)")
        }
        let correct = correctCount(weights: trained.weights, bias: trained.bias, points: data.points, labels: data.labels)
        #expect(correct == 30, "sign(ŷ) right on \(correct)/30 points")
    }

    // Seed 002's formulas on the lesson's worked example, where θ·x + b = 0 so g = ½ and
    // g(1 − g) = ¼: Δθ = 2(½ − 1)¼ (1, 2) = (−0.25, −0.5) and Δb = −0.25.
    @Test func sigmoidUnitGradientReproducesTheWorkedExample() {
        let g = sigmoidUnitGradient(weights: [0.75, -0.5], bias: 0.25, x: [1, 2], target: 1)
        #expect(g.weights == [-0.25, -0.5] && g.bias == -0.25, "expected Δθ = (−0.25, −0.5), Δb = −0.25, observed \(g)")
        #expect(sigmoidUnitLoss(weights: [0.75, -0.5], bias: 0.25, x: [1, 2], target: 1) == 0.25)
    }

    // Seed 002's Δθᵢ, Δb and the cross-entropy's (g − y)xᵢ, g − y agree with central differences.
    @Test(arguments: [0.0, 1.0])
    func sigmoidUnitGradientsAgreeWithCentralDifferences(target y: Double) {
        let θ = [0.4, -1.3, 0.8], b = 0.2, x = [1.5, 0.3, -0.7]
        for (name, loss, gradient) in [("squared error", sigmoidUnitLoss as UnitLoss, sigmoidUnitGradient as UnitGradient),
                                       ("cross-entropy", logisticLoss, logisticGradient)] {
            let g = gradient(θ, b, x, y)
            expectPasses(checker.check(analytic: g.weights + [g.bias],
                                       of: { loss(Array($0.dropLast()), $0.last!, x, y) }, at: θ + [b]),
                         "\(name) with y = \(y)")
        }
    }

    // Section 6's training: from zero with η = 0.5, both the squared error and the cross-entropy
    // fall in every one of 40 epochs, to 0.0141 and 0.0357, and every point ends on its side.
    @Test func sigmoidUnitTrainingLowersBothLosses() {
        let data = LabelledPoints.separable()
        let runs: [(String, UnitLoss, UnitGradient, Double)] = [
            ("squared error", sigmoidUnitLoss, sigmoidUnitGradient, 0.0141),
            ("cross-entropy", logisticLoss, logisticGradient, 0.0357),
        ]
        for (name, loss, gradient, final) in runs {
            let fit = trainUnit(points: data.points, targets: data.binaryTargets, learningRate: 0.5, epochs: 40,
                                initialWeights: [0, 0], initialBias: 0, loss: loss, gradient: gradient)
            for (e, (before, after)) in zip(fit.losses, fit.losses.dropFirst()).enumerated() {
                #expect(after < before, "\(name) rose in epoch \(e + 2): \(before) → \(after)")
            }
            expectClose(fit.losses.last!, final, "\(name) after 40 epochs", tolerance: Tolerance(relative: 0, absolute: 5e-5))
            let correct = correctCount(weights: fit.weights, bias: fit.bias, points: data.points, labels: data.labels)
            #expect(correct == 30, "\(name): \(correct)/30 on the right side")
        }
    }

    // The layer gradient passes the gradient check on non-square W, in both orientations.
    @Test(arguments: [(3, 2), (2, 4), (1, 3)])
    func sigmoidLayerGradientAgreesWithCentralDifferences(shape: (outputs: Int, inputs: Int)) {
        var random = SeededGenerator(seed: 7)
        let W = random.matrix(rows: shape.outputs, columns: shape.inputs, in: -1.5...1.5)
        let b = random.matrix(rows: shape.outputs, columns: 1, in: -0.5...0.5)
        let x = random.matrix(rows: shape.inputs, columns: 1, in: -2...2)
        let t = Matrix(rows: shape.outputs, columns: 1) { i, _ in Double(i % 2) }
        let g = sigmoidLayerGradient(weights: W, bias: b, x: x, target: t)
        #expect(g.weights.shape == W.shape && g.bias.shape == b.shape,
                "shapes: ∂L/∂W \(g.weights.shape) for W \(W.shape), ∂L/∂b \(g.bias.shape) for b \(b.shape)")
        expectPasses(checker.check(analytic: g.weights, of: { sigmoidLayerLoss(weights: $0, bias: b, x: x, target: t) }, at: W),
                     "∂L/∂W, C×D = \(shape)")
        expectPasses(checker.check(analytic: g.bias, of: { sigmoidLayerLoss(weights: W, bias: $0, x: x, target: t) }, at: b),
                     "∂L/∂b, C×D = \(shape)")
        let ce = sigmoidLayerCrossEntropyGradient(weights: W, bias: b, x: x, target: t)
        expectPasses(checker.check(analytic: ce.weights, of: { sigmoidLayerCrossEntropy(weights: $0, bias: b, x: x, target: t) }, at: W),
                     "cross-entropy ∂L/∂W, C×D = \(shape)")
        expectPasses(checker.check(analytic: ce.bias, of: { sigmoidLayerCrossEntropy(weights: W, bias: $0, x: x, target: t) }, at: b),
                     "cross-entropy ∂L/∂b, C×D = \(shape)")
    }

    // With C = 1 the layer is seed 002's single unit: the same loss and the same Δθ, Δb.
    @Test func sigmoidLayerWithOneUnitIsSeed002sUnit() {
        let θ = [0.4, -1.3], b = 0.2, x = [1.5, 0.3], y = 1.0
        let W = Matrix(row: θ), B = Matrix(column: [b]), X = Matrix(column: x), T = Matrix(column: [y])
        expectClose(sigmoidLayerLoss(weights: W, bias: B, x: X, target: T),
                    sigmoidUnitLoss(weights: θ, bias: b, x: x, target: y), "loss")
        let layer = sigmoidLayerGradient(weights: W, bias: B, x: X, target: T)
        let unit = sigmoidUnitGradient(weights: θ, bias: b, x: x, target: y)
        expectClose(layer.weights.scalars, unit.weights, "Δθ")
        expectClose(layer.bias[0, 0], unit.bias, "Δb")
    }

    // Scores in the hundreds give g = 0 or 1 exactly, a finite loss and a finite gradient.
    @Test func sigmoidLayerStaysFiniteForLargeScores() {
        let W = Matrix([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
        let b = Matrix(column: [0.1, -0.3, 0.2]), x = Matrix(column: [600, -2]), t = Matrix(column: [1, 0, 1])
        #expect(sigmoidLayerLoss(weights: W, bias: b, x: x, target: t) == 2, "two units saturate on the wrong side")
        let g = sigmoidLayerGradient(weights: W, bias: b, x: x, target: t)
        let finite = (g.weights.scalars + g.bias.scalars).allSatisfy { $0.isFinite }
        #expect(finite, "a gradient entry is not finite: \(g)")
    }

    // The unifying view: identity returns z, sigmoid answers C questions in (0, 1), softmax
    // gives C probabilities that sum to 1 and keep the order of the scores.
    @Test func outputActivationsSuitTheirTasks() {
        let W = Matrix([[1.0, -0.5], [0.3, 0.8], [-1.2, 0.4]])
        let b = Matrix(column: [0.1, -0.2, 0.3]), x = Matrix(column: [0.5, -1.5])
        let z = layerScores(weights: W, bias: b, x: x)
        expectClose(z.scalars, [1.35, -1.25, -0.9], "z = W x + b")
        #expect(layerOutput(weights: W, bias: b, x: x, activation: .identity) == z)
        let p = layerOutput(weights: W, bias: b, x: x, activation: .sigmoid)
        expectClose(p.scalars, z.scalars.map(sigmoid), "σ(z)")
        let s = layerOutput(weights: W, bias: b, x: x, activation: .softmax)
        expectClose(s.sum(), 1, "Σ softmax(z)")
        expectClose(s.scalars, [0.8477, 0.0630, 0.0893], "softmax(z)", tolerance: Tolerance(relative: 0, absolute: 5e-5))
    }
}
