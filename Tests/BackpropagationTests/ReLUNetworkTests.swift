import CourseTestSupport
import Testing
import CourseKit
@testable import Backpropagation

@Suite struct ReLUNetworkTests {
    static func network(_ sizes: [Int], seed: UInt64) -> ReLUNetwork {
        var random = SeededGenerator(seed: seed)
        var network = ReLUNetwork(layerSizes: sizes, random: &random)
        network.biases = network.biases.map { random.matrix(rows: $0.rows, columns: 1, in: -0.3...0.3) }
        return network
    }

    static func check(_ network: ReLUNetwork, x: Matrix, y: Matrix) -> [ParameterCheck] {
        let pass = network.forward(x)
        let error = ReLUNetwork.squaredError(output: pass.output, targets: y)
        let g = network.backward(pass, outputGradient: error.outputGradient)
        let k = network.weights.indices
        return checkGradients(of: k.map { ("Ω\($0)", network.weights[$0]) } + k.map { ("β\($0)", network.biases[$0]) },
                              analytic: g.weights + g.biases) { p in
            let moved = ReLUNetwork(weights: Array(p[0..<k.count]), biases: Array(p[k.count...]))
            return ReLUNetwork.squaredError(output: moved.forward(x).output, targets: y).loss
        }
    }

    // Every ∂ℓ/∂Ωₖ = ∂ℓ/∂fₖ hₖᵀ and ∂ℓ/∂βₖ agrees with central differences, on non-square
    // layers of several depths (K = 0, 1, 3) and a batch of examples.
    @Test(arguments: [[3, 2], [2, 5, 3], [2, 4, 3, 5, 2]])
    func backwardPassPassesTheGradientCheck(sizes: [Int]) {
        let network = Self.network(sizes, seed: 7)
        var random = SeededGenerator(seed: 70)
        let x = random.matrix(rows: sizes[0], columns: 5, in: -2...2)
        let y = random.matrix(rows: sizes.last!, columns: 5, in: -1...1)
        expectAgree(Self.check(network, x: x, y: y))
    }

    // The lesson's worked example: with x = (0.8, −1.2), every hidden layer has units on and
    // off, and ∂ℓ/∂fₖ₋₁ is zero exactly where fₖ₋₁ ≤ 0.
    @Test func masksZeroTheGradientOfInactiveUnits() {
        let network = Lesson4.sectionFiveNetwork()
        let pass = network.forward(Matrix(column: [0.8, -1.2]))
        let g = network.backward(pass, outputGradient: 2 * (pass.output - Matrix(column: [0.5, -0.3])))
        for k in 0..<3 {
            let inactive = pass.f[k].scalars.indices.filter { pass.f[k].scalars[$0] <= 0 }
            #expect(!inactive.isEmpty && inactive.count < pass.f[k].count, "layer \(k) should mix on and off units")
            #expect(inactive.allSatisfy { g.preActivations[k].scalars[$0] == 0 },
                    "∂ℓ/∂f\(k) = \(g.preActivations[k]) should vanish where f\(k) = \(pass.f[k]) ≤ 0")
        }
        expectClose(g.weights[3], g.preActivations[3] * pass.h[3].transposed, "∂ℓ/∂Ω₃ = ∂ℓ/∂f₃ h₃ᵀ")
        expectClose(g.biases[2], g.preActivations[2], "∂ℓ/∂β₂ = ∂ℓ/∂f₂")
    }

    // A batch stored as columns gives the sum of the examples' gradients.
    @Test func batchGradientIsTheSumOverExamples() {
        let network = Self.network([2, 4, 3], seed: 9)
        let x = Matrix([[0.5, -1, 1.5], [1, 0.3, -0.4]]), y = Matrix([[0.2, -0.5, 1], [-1, 0.4, 0.6], [0, 0.1, 0.3]])
        let whole = network.forward(x)
        let batch = network.backward(whole, outputGradient: 2 * (whole.output - y))
        var sums = network.weights.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for n in 0..<3 {
            let pass = network.forward(Matrix(column: x.column(n)))
            let g = network.backward(pass, outputGradient: 2 * (pass.output - Matrix(column: y.column(n))))
            sums = zip(sums, g.weights).map(+)
        }
        for k in sums.indices { expectClose(batch.weights[k], sums[k], "∂ℓ/∂Ω\(k)") }
    }

    // He initialisation: the weights of a layer with D inputs have variance about 2/D.
    @Test func heInitialisationScalesWithFanIn() {
        var random = SeededGenerator(seed: 1)
        let network = ReLUNetwork(layerSizes: [200, 300, 1], random: &random)
        let w = network.weights[0].scalars
        let variance = w.map { $0 * $0 }.reduce(0, +) / Double(w.count)
        expectClose(variance, 2.0 / 200, tolerance: .init(relative: 0.05, absolute: 0), "variance of Ω₀")
        #expect(network.parameterCount == 200 * 300 + 300 + 300 + 1)
    }
}
