import CourseKit

extension Lesson4 {
    /// The classifier of section 3 and its data: four samples with two features as rows.
    static let classifierExample = (
        model: BinaryClassifier(w1: Matrix([[0.5, -1, 0.8], [0.3, 0.6, -0.5]]),
                                w2: Matrix(column: [1.2, -0.7, 0.5]), b: -0.2),
        x: Matrix([[1, 2], [-1, 0.5], [2, -1], [0.5, 1.5]]),
        y: Matrix(column: [1, 0, 1, 0]))

    /// Section 3: the binary classifier, its three gradients and the cancellation.
    static func binaryClassifier(_ console: LessonConsole) {
        console.heading("3. A binary classifier by hand")
        let (model, x, y) = classifierExample
        let pass = model.forward(x)
        console.text("N = 4 samples as the rows of X, labels y = \(asRow(y)):")
        console.text("X =")
        console.block(x)
        console.text("w₁ =")
        console.block(model.w1)
        console.text("w₂ = \(asRow(model.w2)),  b = \(formatNumber(model.b))")
        console.text("\nForward pass:")
        console.text("X w₁ =")
        console.block(pass.preActivation)
        console.text("h = ReLU(X w₁) =")
        console.block(pass.h)
        console.text("z = h w₂ + b = \(asRow(pass.z))")
        console.text("ŷ = σ(z)     = \(asRow(pass.yHat))")
        console.text("L = mean BCE = \(formatNumber(model.loss(pass, labels: y), digits: 6))")

        let gradients = model.gradients(pass, labels: y)
        console.text("\nδ = ∂L/∂z = (ŷ − y)/N = \(asRow((pass.yHat - y) / 4))")
        console.text("∂L/∂w₂ = hᵀ δ = \(asRow(gradients.w2))")
        console.text("∂L/∂b  = 𝟙ᵀ δ = \(formatNumber(gradients.b, digits: 6))")
        console.text("∂L/∂w₁ = Xᵀ (𝟙[X w₁ > 0] ⊙ δ w₂ᵀ) =")
        console.block(gradients.w1)
        let checks = checkGradients(
            of: [("w₁", model.w1), ("w₂", model.w2), ("b", Matrix([[model.b]]))],
            analytic: [gradients.w1, gradients.w2, Matrix([[gradients.b]])]
        ) { p in
            let m = BinaryClassifier(w1: p[0], w2: p[1], b: p[2][0, 0])
            return m.loss(m.forward(x), labels: y)
        }
        console.block(gradientCheckTable(checks))
        console.figure("classifier-graph") { classifierGraphFigure(model, pass, labels: y) }

        console.text("\nThe two factors of ∂L/∂z cancel sample by sample:")
        var table = TextTable(header: ["i", "ŷᵢ", "yᵢ", "∂L/∂ŷᵢ", "∂ŷᵢ/∂zᵢ", "product", "(ŷᵢ − yᵢ)/N"])
        for (i, factors) in model.cancellingFactors(pass, labels: y).enumerated() {
            table.append(["\(i + 1)", formatNumber(pass.yHat[i, 0]), formatNumber(y[i, 0]),
                          formatNumber(factors.dLossByYHat), formatNumber(factors.dYHatByZ),
                          formatNumber(factors.dLossByYHat * factors.dYHatByZ),
                          formatNumber((pass.yHat[i, 0] - y[i, 0]) / 4)])
        }
        console.block(table)
        let z = 40.0, p = sigmoid(z)
        let literal = (p - 0) / (p * (1 - p)) * (p * (1 - p))
        console.text("""
            At z = 40 with label 0, σ(z) rounds to exactly \(formatNumber(p)) in Double, and the literal chain \
            (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) gives \(formatNumber(literal)); the cancelled form gives ŷ − y = \
            \(formatNumber(p - 0)).
            Likewise −log(1 − ŷ) = \(formatNumber(-log(1 - p))), while the loss computed from the logit is \
            \(formatNumber(binaryCrossEntropy(logit: z, label: 0))).
            """)
    }

    /// Section 4: the δ-rule with weight decay, the batch update and the cached g′.
    static func deltaRule(_ console: LessonConsole) {
        console.heading("4. The δ-rule, weight decay and the batch update")
        var random = SeededGenerator(seed: 2)
        let network = DeltaRuleNetwork(weights: [random.matrix(rows: 3, columns: 3, in: -1...1),
                                                 random.matrix(rows: 1, columns: 3, in: -1...1)],
                                       biases: [random.matrix(rows: 3, columns: 1, in: -0.5...0.5),
                                                random.matrix(rows: 1, columns: 1, in: -0.5...0.5)])
        let inputs = [[1, 0.5, -1], [0, -1, 2], [0.5, 1.5, 0.5], [-1, -0.5, 1]]
        let targets = [[0.9], [0.1], [0.8], [0.2]]
        let (λ, α) = (0.01, 2.0)
        console.text("A 3-3-1 network of sigmoid units, m = 4 examples, "
                     + "λ = \(formatNumber(λ)), α = \(formatNumber(α)).")
        let h = network.activations(inputs[0])
        let δ = network.deltas(activations: h, target: targets[0])
        console.text("""
            Example 1, forward:  h⁽²⁾ = \(asRow(h[1]))   h⁽³⁾ = \(asRow(h[2]))
            Example 1, backward: δ⁽³⁾ = −(y − h⁽³⁾) ⊙ h⁽³⁾(1 − h⁽³⁾) = \(asRow(δ[1]))
                                 δ⁽²⁾ = ((W⁽²⁾)ᵀ δ⁽³⁾) ⊙ h⁽²⁾(1 − h⁽²⁾) = \(asRow(δ[0]))
            """)
        let z2 = network.weights[0] * h[0] + network.biases[0]
        let fromZ = z2.map { sigmoid($0) * (1 - sigmoid($0)) }
        let fromCache = h[1].map { $0 * (1 - $0) }
        let gap = (fromZ - fromCache).scalars.map(abs).max() ?? 0
        console.text("""
            g′(z⁽²⁾) from z:             σ(z)(1 − σ(z)) = \(asRow(fromZ))
            g′(z⁽²⁾) from the cached h⁽²⁾: h(1 − h)      = \(asRow(fromCache))
            Largest difference \(formatNumber(gap, digits: 2)), and the cached form evaluates no exponential.
            """)

        let (dW, dB) = network.accumulated(inputs: inputs, targets: targets)
        console.text("\nΔW⁽¹⁾ = Σᵢ δ⁽²⁾(h⁽¹⁾)ᵀ over the batch =")
        console.block(dW[0])
        console.text("ΔW⁽²⁾ = \(dW[1])   Δb⁽²⁾ = \(formatNumber(dB[1][0, 0]))")
        console.figure("delta-rule-network") {
            deltaRuleFigure(network, firstInput: inputs[0], deltas: δ, sums: dW, biasSums: dB)
        }
        let gradient = network.gradient(inputs: inputs, targets: targets, weightDecay: λ)
        let checks = checkGradients(
            of: [("W⁽¹⁾", network.weights[0]), ("b⁽¹⁾", network.biases[0]),
                 ("W⁽²⁾", network.weights[1]), ("b⁽²⁾", network.biases[1])],
            analytic: [gradient.weights[0], gradient.biases[0], gradient.weights[1], gradient.biases[1]]
        ) { p in
            DeltaRuleNetwork(weights: [p[0], p[2]], biases: [p[1], p[3]])
                .cost(inputs: inputs, targets: targets, weightDecay: λ)
        }
        console.text("\n∂J/∂W = (1/m)ΔW + λW and ∂J/∂b = (1/m)Δb against central differences of J:")
        console.block(gradientCheckTable(checks))

        var costs = TextTable(header: ["updates", "J(W, b)"])
        var current = network
        for t in 0...50 {
            if [0, 1, 2, 5, 10, 20, 50].contains(t) {
                costs.append(["\(t)", formatNumber(current.cost(inputs: inputs, targets: targets, weightDecay: λ),
                                                   digits: 6)])
            }
            current = current.updated(inputs: inputs, targets: targets, learningRate: α, weightDecay: λ)
        }
        console.text("\nBatch updates W ← W − α[(1/m)ΔW + λW], b ← b − α(1/m)Δb:")
        console.block(costs)
    }

    /// The network of section 5 and one example: widths 2-4-3-5-2, three hidden layers.
    static func sectionFiveNetwork() -> ReLUNetwork {
        var random = SeededGenerator(seed: 7)
        var network = ReLUNetwork(layerSizes: [2, 4, 3, 5, 2], random: &random)
        network.biases = network.biases.map { random.matrix(rows: $0.rows, columns: 1, in: -0.3...0.3) }
        return network
    }

    /// Section 5: the K-layer ReLU network forwards and backwards, every gradient checked.
    static func deepReLUNetwork(_ console: LessonConsole) {
        console.heading("5. Backpropagation through K ReLU layers")
        let network = sectionFiveNetwork()
        let x = Matrix(column: [0.8, -1.2]), y = Matrix(column: [0.5, -0.3])
        let pass = network.forward(x)
        console.text("Widths \(network.layerSizes.map(String.init).joined(separator: "-")) (K = 3 hidden layers), "
                     + "x = \(asRow(x)), y = \(asRow(y)), ℓ = |f₃ − y|².")
        console.text("Forward pass, storing every fₖ and hₖ:")
        for k in network.weights.indices {
            console.text("  h\(subscriptDigits(k)) = \(asRow(pass.h[k]))")
            console.text("  f\(subscriptDigits(k)) = \(asRow(pass.f[k]))")
        }
        let (loss, dOutput) = ReLUNetwork.squaredError(output: pass.output, targets: y)
        console.text("  ℓ  = \(formatNumber(loss, digits: 6))")
        let gradients = network.backward(pass, outputGradient: dOutput)
        console.text("\nBackward pass: multiply by Ωₖᵀ, then keep the entries where fₖ₋₁ > 0:")
        for k in stride(from: network.weights.count - 1, through: 0, by: -1) {
            let mask = k > 0 ? "   mask 𝟙[f\(subscriptDigits(k - 1)) > 0] = \(asRow(pass.f[k - 1].map(step)))" : ""
            console.text("  ∂ℓ/∂f\(subscriptDigits(k)) = \(asRow(gradients.preActivations[k]))\(mask)")
        }
        console.text("  ∂ℓ/∂Ω₃ = ∂ℓ/∂f₃ h₃ᵀ =")
        console.block(gradients.weights[3])
        console.figure("relu-network-layers") { reluLayersFigure(network, pass, gradients, loss: loss) }

        var random = SeededGenerator(seed: 55)
        let batchX = random.matrix(rows: 2, columns: 6, in: -2...2)
        let batchY = random.matrix(rows: 2, columns: 6, in: -1...1)
        let batchPass = network.forward(batchX)
        let batchError = ReLUNetwork.squaredError(output: batchPass.output, targets: batchY)
        let batchGradients = network.backward(batchPass, outputGradient: batchError.outputGradient)
        let names = network.weights.indices.flatMap { ["Ω\(subscriptDigits($0))", "β\(subscriptDigits($0))"] }
        let values = network.weights.indices.flatMap { [network.weights[$0], network.biases[$0]] }
        let analytic = network.weights.indices.flatMap { [batchGradients.weights[$0], batchGradients.biases[$0]] }
        let checks = checkGradients(of: Array(zip(names, values)), analytic: analytic) { p in
            let moved = ReLUNetwork(weights: stride(from: 0, to: p.count, by: 2).map { p[$0] },
                                    biases: stride(from: 1, to: p.count, by: 2).map { p[$0] })
            return ReLUNetwork.squaredError(output: moved.forward(batchX).output, targets: batchY).loss
        }
        console.text("\nOn a batch of 6 examples (columns), ℓ = Σᵢ |f₃(xᵢ) − yᵢ|², every parameter checked:")
        console.block(gradientCheckTable(checks))
    }

}
