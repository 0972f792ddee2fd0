import CourseTestSupport
import Testing
import CourseKit
@testable import Backpropagation

@Suite struct DeltaRuleTests {
    static func network() -> DeltaRuleNetwork {
        var random = SeededGenerator(seed: 21)
        return DeltaRuleNetwork(weights: [random.matrix(rows: 4, columns: 3, in: -1...1),
                                          random.matrix(rows: 2, columns: 4, in: -1...1)],
                                biases: [random.matrix(rows: 4, columns: 1, in: -0.5...0.5),
                                         random.matrix(rows: 2, columns: 1, in: -0.5...0.5)])
    }
    let inputs = [[1, 0.5, -1], [0, -1, 2], [0.5, 1.5, 0.5]]
    let targets = [[0.9, 0.2], [0.1, 0.7], [0.8, 0.4]]

    // ∂J/∂W = (1/m)ΔW + λW and ∂J/∂b = (1/m)Δb are the derivatives of
    // J = (1/m) Σ ½|h − y|² + (λ/2) Σ W², on a 3-4-2 network with two outputs.
    @Test func gradientOfTheCostPassesTheGradientCheck() {
        let net = Self.network()
        let λ = 0.05
        let gradient = net.gradient(inputs: inputs, targets: targets, weightDecay: λ)
        expectAgree(checkGradients(
            of: [("W⁽¹⁾", net.weights[0]), ("b⁽¹⁾", net.biases[0]), ("W⁽²⁾", net.weights[1]), ("b⁽²⁾", net.biases[1])],
            analytic: [gradient.weights[0], gradient.biases[0], gradient.weights[1], gradient.biases[1]]
        ) { p in
            DeltaRuleNetwork(weights: [p[0], p[2]], biases: [p[1], p[3]])
                .cost(inputs: inputs, targets: targets, weightDecay: λ)
        })
    }

    // Weight decay changes each weight gradient by exactly λW and leaves the biases alone.
    @Test func weightDecayReachesTheWeightsOnly() {
        let net = Self.network()
        let plain = net.gradient(inputs: inputs, targets: targets, weightDecay: 0)
        let decayed = net.gradient(inputs: inputs, targets: targets, weightDecay: 0.3)
        for l in 0..<2 {
            expectClose(decayed.weights[l], plain.weights[l] + 0.3 * net.weights[l], "∂J/∂W⁽\(l + 1)⁾")
            expectClose(decayed.biases[l], plain.biases[l], "∂J/∂b⁽\(l + 1)⁾")
        }
    }

    // The batch update is W ← W − α[(1/m)ΔW + λW], b ← b − α(1/m)Δb.
    @Test func batchUpdateFollowsTheNotes() {
        let net = Self.network()
        let (dW, dB) = net.accumulated(inputs: inputs, targets: targets)
        let next = net.updated(inputs: inputs, targets: targets, learningRate: 0.7, weightDecay: 0.02)
        for l in 0..<2 {
            expectClose(next.weights[l], net.weights[l] - 0.7 * (dW[l] / 3 + 0.02 * net.weights[l]), "W⁽\(l + 1)⁾")
            expectClose(next.biases[l], net.biases[l] - 0.7 * (dB[l] / 3), "b⁽\(l + 1)⁾")
        }
        #expect(next.cost(inputs: inputs, targets: targets, weightDecay: 0.02)
                < net.cost(inputs: inputs, targets: targets, weightDecay: 0.02), "one update should lower J")
    }

    // The error terms use g′ read from the cached activations, h(1 − h), which equals σ′(z):
    // the output δ is −(y − h)·h(1 − h) and matches a σ′ computed from z.
    @Test func cachedActivationsGiveTheSigmoidDerivative() {
        let net = Self.network()
        let h = net.activations(inputs[0])
        let z = net.weights[1] * h[1] + net.biases[1]
        let δ = net.deltas(activations: h, target: targets[0])
        let expected = (h[2] - Matrix(column: targets[0])) .* z.map { sigmoid($0) * (1 - sigmoid($0)) }
        expectClose(δ[1], expected, "δ⁽³⁾")
    }
}
