import CourseKit
import Backpropagation
import SubmissionRuntime

extension Catalogue {
    /// Exercise 8: backpropagation through a ReLU network of any depth (lesson 4, section 5)
    /// for the mean halved squared error with weight decay (section 4), and one SGD step.
    static let exercise8 = Exercise(
        number: 8, title: "Backpropagation through K ReLU layers", lesson: 4,
        functions: [
            "func networkForward(x: Matrix, weights: [Matrix], biases: [Matrix]) -> Matrix",
            "func networkCost(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double) -> Double",
            "func networkGradients(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double) -> (weights: [Matrix], biases: [Matrix])",
            "func sgdStep(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], learningRate: Double, weightDecay: Double) -> (weights: [Matrix], biases: [Matrix])",
        ],
        hints: [
            "Section 5 of lessons/lesson4-backpropagation.md gives the backward pass; section 4 gives the cost with the mean and the weight decay. Let the forward pass store every fₖ and every layer input hₖ (h₀ = x): the backward pass needs both. Only the last layer has no ReLU.",
            "The backward pass starts from ∂J/∂f_K = (f_K − y)/N, a D_out×N matrix: the ½ of the cost cancels the 2 of the square, and the mean brings the 1/N.",
            "For k = K down to 0: ∂J/∂Ωₖ = ∂J/∂fₖ hₖᵀ + λΩₖ and ∂J/∂βₖ = the row sums of ∂J/∂fₖ (no decay on biases). Then, for k ≥ 1, ∂J/∂fₖ₋₁ = 𝟙[fₖ₋₁ > 0] ⊙ (Ωₖᵀ ∂J/∂fₖ): first the transpose of Ωₖ (D₍ₖ₊₁₎×Dₖ) carries the gradient down, then the ReLU's mask.",
            "sgdStep calls your networkGradients once and returns Ωₖ − α ∂J/∂Ωₖ and βₖ − α ∂J/∂βₖ, in the same order. A quick test of your own: for a small α, J must go down.",
        ],
        checks: [
            Check("networkForward applies ReLU between layers and none after the last", points: 2,
                  hints: ["Loop over the K + 1 layers: f = Ωₖ h with βₖ added to every column, then h = ReLU(f) for every layer but the last, whose f is the output. With no hidden layer (K = 0) the network is a single affine map."]) { t in
                try expectForward(t, visibleNetwork)
            },
            Check("networkCost is the mean of ½|f_K − y|² plus (λ/2) ΣΩ²", points: 2,
                  hints: ["Two terms: the squared error with its ½, summed over the outputs and divided by N, the number of samples (columns); and (λ/2) times the sum of the squares of every weight, the biases left out."]) { t in
                try expectCost(t, visibleNetwork)
                try expectCost(t, visibleNetwork.withWeightDecay(0))
            },
            Check("networkGradients agree with central differences of your cost and with the reference", points: 6,
                  hints: ["Keep every fₖ and hₖ of the forward pass: the backward pass needs them. Each gradient has the shape of its parameter, in the same order, and only the weight gradients get λΩₖ. The central differences come from your networkCost, so get the cost right first."]) { t in
                try expectGradients(t, visibleNetwork)
            },
            Check("sgdStep moves every parameter by −α∇J and lowers J", points: 3,
                  hints: ["Call your networkGradients once, at the parameters you were given, then subtract α times each gradient from its parameter: every weight and every bias, in order."]) { t in
                try expectStep(t, visibleNetwork, learningRate: 0.5)
                try expectDescent(t, visibleNetwork, learningRate: 0.05)
            },
            Check("every function with 0, 1 and 3 hidden layers and λ = 0.07", points: 3) { t in
                for network in deepNetworks {
                    try expectForward(t, network)
                    try expectCost(t, network)
                    try expectGradients(t, network)
                }
            },
            Check("networkGradients where some pre-activations are exactly 0 (the ReLU's derivative is 0 there)", points: 2) { t in
                try expectGradients(t, kinkedNetwork)
            },
            Check("networkGradients agrees with the reference on 60 seeded networks of depth 0 to 3", points: 1) { t in
                try t.expectAgreement("networkGradients", on: networkSpace, count: 60, seed: 8_001,
                                      student: { n in
                                          let parts = try t.tuple("networkGradients", count: 2, n.x, n.y, n.weights, n.biases, n.weightDecay)
                                          return try t.decode(parts[0], as: [Matrix].self, "the weight gradients")
                                              + t.decode(parts[1], as: [Matrix].self, "the bias gradients")
                                      },
                                      reference: { n in
                                          let g = Backpropagation.networkGradients(x: n.x, y: n.y, weights: n.weights, biases: n.biases,
                                                                                   weightDecay: n.weightDecay)
                                          return g.weights + g.biases
                                      },
                                      agree: { agree($0, $1, t.tolerance) },
                                      show: { gradients in
                                          let k = gradients.count / 2
                                          return swiftText(gradients.enumerated().map { i, m in
                                              (i < k ? "∂J/∂Ω\(subscriptDigits(i))" : "∂J/∂β\(subscriptDigits(i - k))", m)
                                          })
                                      })
            },
            // hidden checks: begin (removed by `course export`)
            Check("every function on other depths and widths, and without weight decay (λ = 0)", points: 2, visibility: .hidden) { t in
                for network in otherNetworks {
                    try expectForward(t, network)
                    try expectCost(t, network)
                    try expectGradients(t, network)
                }
                let network = deepNetworks[1].withWeightDecay(0)
                try expectGradients(t, network)
                try expectStep(t, network, learningRate: 0.3)
            },
            // hidden checks: end
        ])

    /// A network's parameters, a batch (the samples are the columns of x and y) and λ.
    private struct Network: Sendable {
        let x, y: Matrix
        let weights, biases: [Matrix]
        let weightDecay: Double
        let name: String

        func withWeightDecay(_ λ: Double) -> Network {
            Network(x: x, y: y, weights: weights, biases: biases, weightDecay: λ,
                    name: name.replacingOccurrences(of: "λ = \(formatNumber(weightDecay))", with: "λ = \(formatNumber(λ))"))
        }
    }

    /// Networks of 0 to 3 hidden layers of 1 to 4 units, on 1 to 4 samples, with λ = 0, 0.05 or
    /// 0.3 and halves for every number, so that some pre-activations are exactly 0; shrunk by
    /// dropping a sample, setting λ to 0, or making every number a whole one.
    private static let networkSpace = InputSpace<Network>(
        edges: [kinkedNetwork],
        generate: { random in
            let sizes = (0..<(random.integer(in: 0...3) + 2)).map { _ in random.integer(in: 1...4) }
            let samples = random.integer(in: 1...4)
            func halves(_ rows: Int, _ columns: Int, _ random: inout SeededGenerator) -> Matrix {
                Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in Double(random.integer(in: -4...4)) / 2 })
            }
            let weights = zip(sizes, sizes.dropFirst()).map { halves($1, $0, &random) }
            let biases = sizes.dropFirst().map { halves($0, 1, &random) }
            let λ = [0, 0.05, 0.3][random.integer(below: 3)]
            return Network(x: halves(sizes[0], samples, &random), y: halves(sizes.last!, samples, &random),
                           weights: weights, biases: biases, weightDecay: λ, name: "")
        },
        shrink: { n in
            var smaller: [Network] = []
            if n.x.columns > 1 {
                smaller.append(Network(x: n.x.droppingLastColumn(), y: n.y.droppingLastColumn(), weights: n.weights, biases: n.biases,
                                       weightDecay: n.weightDecay, name: ""))
            }
            if n.weightDecay != 0 { smaller.append(n.withWeightDecay(0)) }
            let whole = { (m: Matrix) in m.map { $0.rounded(.towardZero) } }
            if !([n.x, n.y] + n.weights + n.biases).allSatisfy({ $0 == whole($0) }) {
                smaller.append(Network(x: whole(n.x), y: whole(n.y), weights: n.weights.map(whole), biases: n.biases.map(whole),
                                       weightDecay: n.weightDecay, name: ""))
            }
            return smaller
        },
        describe: { n in
            "networkGradients(x: \(swiftText(n.x)), y: \(swiftText(n.y)), weights: [\(n.weights.map(swiftText).joined(separator: ", "))], "
                + "biases: [\(n.biases.map(swiftText).joined(separator: ", "))], weightDecay: \(swiftText(n.weightDecay)))"
        })

    /// A 3-4-2 network (non-square layers) on N = 4 samples, λ = 0.1.
    private static let visibleNetwork = Network(
        x: Matrix([[0.5, -1, 1.5, 0.2], [1, 0.3, -0.4, -1.1], [-0.6, 0.8, 0.1, 0.9]]),
        y: Matrix([[0.2, -0.5, 1, 0.3], [-1, 0.4, 0.6, -0.2]]),
        weights: [Matrix([[0.4, -0.6, 0.3], [0.8, 0.2, -0.5], [-0.3, 0.7, 0.9], [0.5, -0.4, 0.1]]),
                  Matrix([[0.6, -0.2, 0.4, -0.7], [-0.5, 0.9, 0.3, 0.2]])],
        biases: [Matrix(column: [0.1, -0.2, 0.05, 0.3]), Matrix(column: [-0.1, 0.2])],
        weightDecay: 0.1, name: "the 3-4-2 network (N = 4, λ = 0.1)")

    /// Networks of widths 3-2, 3-5-2 and 3-4-6-2-2 on N = 5 samples, λ = 0.07, with non-zero biases.
    private static let deepNetworks = [[3, 2], [3, 5, 2], [3, 4, 6, 2, 2]].map { sizes in
        var random = SeededGenerator(seed: 88)
        let weights = zip(sizes, sizes.dropFirst()).map { random.matrix(rows: $1, columns: $0, in: -1...1) }
        let biases = sizes.dropFirst().map { random.matrix(rows: $0, columns: 1, in: -0.5...0.5) }
        let widths = sizes.map(String.init).joined(separator: "-")
        return Network(x: random.matrix(rows: 3, columns: 5, in: -2...2), y: random.matrix(rows: 2, columns: 5, in: -1...1),
                       weights: weights, biases: biases, weightDecay: 0.07, name: "the \(widths) network (N = 5, λ = 0.07)")
    }

    /// Networks of widths 2-3-3-1 and 4-1-3 (a single hidden unit) on N = 3 samples, λ = 0.2.
    private static let otherNetworks = [[2, 3, 3, 1], [4, 1, 3]].map { sizes in
        var random = SeededGenerator(seed: 89)
        let weights = zip(sizes, sizes.dropFirst()).map { random.matrix(rows: $1, columns: $0, in: -1...1) }
        let biases = sizes.dropFirst().map { random.matrix(rows: $0, columns: 1, in: -0.5...0.5) }
        let widths = sizes.map(String.init).joined(separator: "-")
        return Network(x: random.matrix(rows: sizes[0], columns: 3, in: -2...2), y: random.matrix(rows: sizes.last!, columns: 3, in: -1...1),
                       weights: weights, biases: biases, weightDecay: 0.2, name: "the \(widths) network (N = 3, λ = 0.2)")
    }

    /// A 2-3-1 network with dyadic values, so that f₀[0, 0] and f₀[1, 1] are exactly 0; N = 3,
    /// so that a forgotten mean (N) and a factor 2 give different numbers.
    private static let kinkedNetwork = Network(
        x: Matrix([[1, -0.5, 0.75], [0.5, 1, 0.25]]), y: Matrix([[0.5, -1, 0.25]]),
        weights: [Matrix([[0.5, -1], [1, 0.5], [-0.25, 0.75]]), Matrix([[1, -0.5, 0.75]])],
        biases: [Matrix(column: [0, 0, -0.5]), Matrix(column: [0.25])],
        weightDecay: 0.1, name: "the 2-3-1 network with f₀[0, 0] = f₀[1, 1] = 0 (N = 3, λ = 0.1)")

    private static func expectForward(_ t: CheckContext, _ n: Network) throws {
        let expected = Backpropagation.networkForward(x: n.x, weights: n.weights, biases: n.biases)
        t.expect(try t.matrix("networkForward", n.x, n.weights, n.biases), equals: expected, "For \(n.name), networkForward",
                 mistakes: [Mistake("The outputs are clipped at 0: the last layer f_K is linear, with no ReLU after it.", relu(expected))])
    }

    private static func expectCost(_ t: CheckContext, _ n: Network) throws {
        let expected = Backpropagation.networkCost(x: n.x, y: n.y, weights: n.weights, biases: n.biases, weightDecay: n.weightDecay)
        let decay = n.weightDecay / 2 * n.weights.map { ($0 .* $0).sum() }.reduce(0, +)
        let error = expected - decay
        let biasDecay = n.weightDecay / 2 * n.biases.map { ($0 .* $0).sum() }.reduce(0, +)
        let samples = Double(n.x.columns)
        let clipped = relu(Backpropagation.networkForward(x: n.x, weights: n.weights, biases: n.biases)) - n.y
        let clippedCost = 0.5 * (clipped .* clipped).sum() / samples + decay
        t.expect(try t.number("networkCost", n.x, n.y, n.weights, n.biases, n.weightDecay), equals: expected,
                 "For \(n.name), networkCost",
                 mistakes: [Mistake("This is the cost of outputs clipped at 0: the last layer f_K is linear, with no ReLU after it.", clippedCost),
                            Mistake("The biases are decayed too: the decay term (λ/2) Σₖ |Ωₖ|² has the weights only.", expected + biasDecay),
                            Mistake("The ½ of the error term is missing: J = (1/N) Σₙ ½ |f_K(xₙ) − yₙ|² + (λ/2) ΣΩ².", 2 * error + decay),
                            Mistake("The error term is summed over the samples: J takes its mean, (1/N) Σₙ.", samples * error + decay),
                            Mistake("The decay term lacks its ½: it is (λ/2) Σₖ Σᵢⱼ (Ωₖ)ᵢⱼ².", error + 2 * decay)])
    }

    private static func expectGradients(_ t: CheckContext, _ n: Network) throws {
        let parts = try explainingCrash(t, n, "networkGradients") {
            try t.tuple("networkGradients", count: 2, n.x, n.y, n.weights, n.biases, n.weightDecay)
        }
        let (dWeights, dBiases) = try layers(t, parts, n, "networkGradients")
        let expected = Backpropagation.networkGradients(x: n.x, y: n.y, weights: n.weights, biases: n.biases,
                                                        weightDecay: n.weightDecay)
        let variants = mistakenGradients(n)
        let cost = { (weights: [Matrix], biases: [Matrix]) in
            try t.number("networkCost", n.x, n.y, weights, biases, n.weightDecay)
        }
        for k in n.weights.indices {
            try t.expectGradient("For \(n.name), ∂J/∂Ω\(subscriptDigits(k))", analytic: dWeights[k], reference: expected.weights[k],
                                 at: n.weights[k], lossName: "your networkCost",
                                 loss: { var w = n.weights; w[k] = $0; return try cost(w, n.biases) },
                                 mistakes: variants.compactMap { v in v.weights.map { Mistake(v.explanation, $0[k]) } })
            try t.expectGradient("For \(n.name), ∂J/∂β\(subscriptDigits(k))", analytic: dBiases[k], reference: expected.biases[k],
                                 at: n.biases[k], lossName: "your networkCost",
                                 loss: { var b = n.biases; b[k] = $0; return try cost(n.weights, b) },
                                 mistakes: variants.compactMap { v in v.biases.map { Mistake(v.explanation, $0[k]) } })
        }
    }

    private static func expectStep(_ t: CheckContext, _ n: Network, learningRate α: Double) throws {
        let parts = try explainingCrash(t, n, "sgdStep") {
            try t.tuple("sgdStep", count: 2, n.x, n.y, n.weights, n.biases, α, n.weightDecay)
        }
        let (weights, biases) = try layers(t, parts, n, "sgdStep")
        let gradient = Backpropagation.networkGradients(x: n.x, y: n.y, weights: n.weights, biases: n.biases,
                                                        weightDecay: n.weightDecay)
        // The student's own gradients, when they can be had, to recognise a right step on wrong gradients.
        let own = try? layers(t, t.tuple("networkGradients", count: 2, n.x, n.y, n.weights, n.biases, n.weightDecay),
                              n, "networkGradients")
        let uphill = "The step adds α∇J and goes uphill: move against the gradient, φ ← φ − α∇J."
        let ownStep = "This is the right step for the gradients your networkGradients returns, but they are wrong: fix them first."
        let what = "After sgdStep on \(n.name) with α = \(formatNumber(α)), "
        for k in n.weights.indices {
            let s = subscriptDigits(k)
            t.expect(weights[k], equals: n.weights[k] - α * gradient.weights[k], what + "Ω\(s)",
                     mistakes: [Mistake(uphill, n.weights[k] + α * gradient.weights[k]),
                                Mistake("Ω\(s) did not move: subtract α ∂J/∂Ωₖ from every weight matrix.", n.weights[k])]
                         + (stepped(own?.0, k, from: n.weights[k], α).map { [Mistake(ownStep, $0)] } ?? []))
            t.expect(biases[k], equals: n.biases[k] - α * gradient.biases[k], what + "β\(s)",
                     mistakes: [Mistake(uphill, n.biases[k] + α * gradient.biases[k]),
                                Mistake("β\(s) did not move: the biases take a step too, βₖ − α ∂J/∂βₖ.", n.biases[k])]
                         + (stepped(own?.1, k, from: n.biases[k], α).map { [Mistake(ownStep, $0)] } ?? []))
        }
    }

    /// Returns φ − α g for layer k of the student's gradients g, when they have its shape.
    private static func stepped(_ gradients: [Matrix]?, _ k: Int, from φ: Matrix, _ α: Double) -> Matrix? {
        guard let g = gradients?[k], g.rows == φ.rows, g.columns == φ.columns else { return nil }
        return φ - α * g
    }

    /// Expects a small step to lower the cost, as computed by the reference.
    private static func expectDescent(_ t: CheckContext, _ n: Network, learningRate α: Double) throws {
        let parts = try explainingCrash(t, n, "sgdStep") {
            try t.tuple("sgdStep", count: 2, n.x, n.y, n.weights, n.biases, α, n.weightDecay)
        }
        let (weights, biases) = try layers(t, parts, n, "sgdStep")
        let shapesFit = zip(weights + biases, n.weights + n.biases).allSatisfy { $0.rows == $1.rows && $0.columns == $1.columns }
        t.expect(shapesFit, "sgdStep on \(n.name) returned parameters of other shapes than the ones it was given.")
        guard shapesFit else { return }
        let before = Backpropagation.networkCost(x: n.x, y: n.y, weights: n.weights, biases: n.biases, weightDecay: n.weightDecay)
        let after = Backpropagation.networkCost(x: n.x, y: n.y, weights: weights, biases: biases, weightDecay: n.weightDecay)
        t.expect(after < before, "sgdStep on \(n.name) with the small α = \(formatNumber(α)) takes J from "
                     + "\(formatNumber(before, digits: 6)) to \(formatNumber(after, digits: 6)); a step against the gradient must lower it.")
    }

    /// Reads the two lists of a result, one matrix per layer, or stops the check.
    private static func layers(_ t: CheckContext, _ parts: [WireValue], _ n: Network, _ function: String) throws -> ([Matrix], [Matrix]) {
        let weights = try t.decode(parts[0], as: [Matrix].self, "\(function)'s weights")
        let biases = try t.decode(parts[1], as: [Matrix].self, "\(function)'s biases")
        guard weights.count == n.weights.count, biases.count == n.biases.count else {
            throw CheckAbort("\(function) on \(n.name) returned \(weights.count) weight and \(biases.count) bias matrices; "
                                 + "the network has \(n.weights.count) of each: return one per layer, in the order given.")
        }
        return (weights, biases)
    }

    /// Runs a call; when the student's program crashes, records what the crash most likely
    /// means before passing it on.
    ///
    /// CourseKit stops a program whose matrix shapes do not fit, and (built with -O) without
    /// a message, so the crash alone does not say why. The usual culprit is a backward pass through Ωₖ instead of Ωₖᵀ, which only
    /// fits when the layers are square: so the student's networkGradients is tried on a
    /// network of square layers, and compared with that mistake.
    private static func explainingCrash<T>(_ t: CheckContext, _ n: Network, _ function: String, _ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let failure as SubmissionFailure {
            guard case .crashed(_, let message) = failure else { throw failure }
            let square = squareNetwork
            let probe = try? layers(t, t.tuple("networkGradients", count: 2, square.x, square.y, square.weights,
                                               square.biases, square.weightDecay), square, "networkGradients")
            let untransposed = gradients(square, transposed: false).weights
            if let probe, zip(probe.0, untransposed).allSatisfy({ close($0, $1) }) {
                t.expect(false, "\(function) crashed on \(n.name), whose layers are not square. On \(square.name) your "
                             + "networkGradients runs, and returns the weight gradients of a backward pass through Ωₖ instead of Ωₖᵀ. "
                             + "Going down a layer, multiply by the transpose: ∂J/∂hₖ = Ωₖᵀ ∂J/∂fₖ (Ωₖ is D₍ₖ₊₁₎×Dₖ, ∂J/∂fₖ is "
                             + "D₍ₖ₊₁₎×N). With non-square layers Ωₖ ∂J/∂fₖ is a product whose shapes do not fit, which stops the program.")
            } else if message == nil {
                t.expect(false, "\(function) crashed on \(n.name) without a message. CourseKit stops a program whose matrix shapes do not fit "
                             + "(a product, a sum, .* or addingToEachColumn): write down every shape. Ωₖ is D₍ₖ₊₁₎×Dₖ, hₖ is Dₖ×N, "
                             + "fₖ and ∂J/∂fₖ are D₍ₖ₊₁₎×N; the products that fit are Ωₖ hₖ, Ωₖᵀ ∂J/∂fₖ and ∂J/∂fₖ hₖᵀ.")
            }
            throw failure
        }
    }

    /// A 2-2-2-2 network on N = 3 samples: every weight matrix is square, so a backward pass
    /// through Ωₖ instead of Ωₖᵀ runs without a shape error.
    private static let squareNetwork = Network(
        x: Matrix([[0.9, -0.4, 1.3], [-0.7, 1.1, 0.2]]), y: Matrix([[0.5, -0.2, 0.8], [-0.6, 0.3, 0.1]]),
        weights: [Matrix([[0.8, -0.5], [0.3, 0.9]]), Matrix([[-0.6, 0.7], [1.2, 0.4]]), Matrix([[0.5, -1.1], [0.9, 0.6]])],
        biases: [Matrix(column: [0.2, -0.1]), Matrix(column: [0.15, 0.05]), Matrix(column: [-0.3, 0.25])],
        weightDecay: 0.1, name: "a network of square 2×2 layers")

    private static func close(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns && zip(a.scalars, b.scalars).allSatisfy { Tolerance.standard.accepts($0, $1) }
    }

    /// The gradients that typical mistakes produce, each with its explanation (nil for the
    /// parameters a mistake leaves right).
    private static func mistakenGradients(_ n: Network) -> [(explanation: String, weights: [Matrix]?, biases: [Matrix]?)] {
        let samples = Double(n.x.columns)
        let unmasked = gradients(n, mask: { _ in 1 })
        let maskedAtZero = gradients(n, mask: { $0 >= 0 ? 1 : 0 })
        let mean = gradients(n, outputScale: samples)
        let doubled = gradients(n, outputScale: 2)
        let reference = gradients(n)
        var variants: [(explanation: String, weights: [Matrix]?, biases: [Matrix]?)] = [
            ("These are the gradients without the ReLU's derivative: going down a layer, after multiplying by Ωₖᵀ keep only "
                + "the entries where fₖ₋₁ > 0, 𝟙[fₖ₋₁ > 0] ⊙ (Ωₖᵀ ∂J/∂fₖ).", unmasked.weights, unmasked.biases),
            ("Where fₖ₋₁ = 0 exactly, the ReLU's derivative is 0 by the course's convention (𝟙[f > 0], not 𝟙[f ≥ 0]).",
             maskedAtZero.weights, maskedAtZero.biases),
            ("The data part of this gradient is N times too large: J averages over the N samples, so ∂J/∂f_K = (f_K − y)/N; "
                + "divide by N.", mean.weights, mean.biases),
            ("The data part of this gradient is doubled: the derivative of ½|f_K − y|² is f_K − y, so ∂J/∂f_K = (f_K − y)/N, "
                + "without a factor 2.", doubled.weights, doubled.biases),
        ]
        if n.weightDecay != 0 {
            let decayed = zip(reference.biases, n.biases).map { $0 + n.weightDecay * $1 }
            let undecayed = zip(reference.weights, n.weights).map { $0 - n.weightDecay * $1 }
            variants += [
                ("This bias gradient includes λβₖ: weight decay penalises the weights only, so ∂J/∂βₖ has no decay term.", nil, decayed),
                ("The weight decay term is missing: ∂J/∂Ωₖ = ∂J/∂fₖ hₖᵀ + λΩₖ.", undecayed, nil),
            ]
        }
        return variants
    }

    /// Backpropagates ∂J/∂f_K = outputScale · (f_K − y)/N, with a given derivative of the ReLU,
    /// through Ωₖᵀ or (a mistake that only square layers survive) through Ωₖ.
    private static func gradients(_ n: Network, outputScale: Double = 1, mask: (Double) -> Double = step,
                                  transposed: Bool = true) -> (weights: [Matrix], biases: [Matrix]) {
        var f: [Matrix] = [], h = [n.x]
        for k in n.weights.indices {
            f.append((n.weights[k] * h[k]).addingToEachColumn(n.biases[k]))
            h.append(relu(f[k]))
        }
        var dWeights = n.weights, dBiases = n.biases
        var df = outputScale * (f[f.count - 1] - n.y) / Double(n.x.columns)
        for k in n.weights.indices.reversed() {
            dWeights[k] = df * h[k].transposed + n.weightDecay * n.weights[k]
            dBiases[k] = df.rowSums()
            if k > 0 {
                let back = (transposed ? n.weights[k].transposed : n.weights[k]) * df
                df = f[k - 1].map(mask) .* back
            }
        }
        return (dWeights, dBiases)
    }

}
