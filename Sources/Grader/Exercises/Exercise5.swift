import CourseKit
import XOR

extension Catalogue {
    /// Exercise 5: Goodfellow et al.'s XOR network, a weight set of the student's own, and
    /// training the sigmoid network on the cross-entropy (lesson 3, sections 3 to 7).
    static let exercise5 = Exercise(
        number: 5, title: "The XOR network", lesson: 3,
        functions: [
            "func xorNetwork(inputs: Matrix, weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double) -> Matrix",
            "func xorWeights() -> (weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double)",
            "func trainSigmoidXOR(inputs: Matrix, targets: [Double], hiddenWeights: Matrix, hiddenBias: Matrix, outputWeights: Matrix, outputBias: Double, learningRate: Double, steps: Int) -> (hiddenWeights: Matrix, hiddenBias: Matrix, outputWeights: Matrix, outputBias: Double)",
        ],
        hints: [
            "Part 1, section 3 of lessons/lesson3-xor.md: in Goodfellow et al.'s form W is multiplied TRANSPOSED, so column d of W feeds unit d. With the inputs as the columns of X, H = max{0, WᵀX + c} is D×N (c added to every column) and f = wᵀH + b is a 1×N row (b added to every entry).",
            "Part 2: section 5 lists several solutions; build one of your own. Idea: h₁ = max{0, x₁ − x₂} and h₂ = max{0, x₂ − x₁}; what is h₁ + h₂ on bits? XOR is 0 1 1 0 on (0,0), (0,1), (1,0), (1,1); AND is 0 0 0 1 (one lecture document prints AND under the title XOR).",
            "Part 3 uses the COURSE's W, not Goodfellow's: W is D×2 and row d feeds unit d, h = σ(Wx + b), ŷ = σ(W′h + c). With the inputs as the columns of X: H = sigmoid((W * X).addingToEachColumn(b)), ŷ = sigmoid((W′ * H).map { $0 + c }).",
            "The backward pass of the mean cross-entropy (section 6 has it for the squared error): δ₂ = (ŷ − y)/N, a 1×N row; ∂L/∂c = δ₂.sum(), ∂L/∂W′ = δ₂ Hᵀ; δ₁ = (W′ᵀ δ₂) .* H .* (1 − H); ∂L/∂b = δ₁.rowSums(), ∂L/∂W = δ₁ Xᵀ.",
            "One step computes all four gradients at the current parameters, then updates all four, biases included: θ ← θ − η ∂L/∂θ; repeat `steps` times and return (W, b, W′, c). If the loss goes up, a sign is wrong. Part 1 in code: relu((weights.transposed * inputs).addingToEachColumn(bias)), then (outputWeights.transposed * h).map { $0 + outputBias }.",
        ],
        checks: [
            Check("xorNetwork with Goodfellow et al.'s weights gives 0, 1, 1, 0", points: 2,
                  hints: ["Goodfellow et al.'s network is f(x) = wᵀ max{0, Wᵀx + c} + b: the hidden layer uses W transposed. With the four inputs as the columns of X, the result is a 1×4 row."]) { t in
                let g = XOR.xorWeights()
                try expectForward(t, Forward(inputs: xorInputColumns, weights: g.weights, bias: g.bias,
                                             outputWeights: g.outputWeights, outputBias: g.outputBias), "Goodfellow et al.'s weights")
            },
            Check("xorNetwork with a non-symmetric W, whose column d feeds unit d", points: 2,
                  hints: ["Goodfellow et al.'s W is symmetric, so W and Wᵀ give the same outputs on it; this W is not. Hidden unit d takes column d of W, which is row d of Wᵀ."]) { t in
                try expectForward(t, Forward(inputs: xorInputColumns, weights: Matrix([[2, -1], [0.5, 1.5]]),
                                             bias: Matrix(column: [-0.5, 0.25]), outputWeights: Matrix(column: [1, -0.75]),
                                             outputBias: 0.3), "a non-symmetric W")
            },
            Check("xorWeights: your own weights compute XOR with the course's forward pass", points: 4,
                  hints: ["Your weights go through part 1's forward pass, f(x) = wᵀ max{0, Wᵀx + c} + b with W 2×D: f(x) must be above 0.5 for (0, 1) and (1, 0) only. Work the four inputs out by hand first."]) { t in
                try expectOwnWeights(t)
            },
            Check("trainSigmoidXOR from start A: 0 steps return the start, 1 step matches the reference", points: 2,
                  hints: ["With steps = 0 return the parameters as given. One step computes the four gradients at the current parameters, then moves each parameter by −η times its gradient, the biases too."]) { t in
                try expectTraining(t, startA, learningRate: 2, steps: 0, "start A")
                try expectTraining(t, startA, learningRate: 2, steps: 1, "start A")
            },
            Check("trainSigmoidXOR from start A: 1000 steps at η = 2 match the reference and solve XOR", points: 3,
                  hints: ["If one step matches but a thousand do not, something changes between steps: every step must start from the parameters the previous one returned, with the gradients of the mean loss over the four inputs."]) { t in
                try expectTraining(t, startA, learningRate: 2, steps: 1000, "start A", mustSolve: true)
            },
            Check("xorNetwork with three hidden units and inputs up to ±310", points: 1) { t in
                try expectForward(t, Forward(inputs: Matrix([[0.5, -1.5, 2.0, 120, -250], [1.25, 0.75, -0.5, -80, 310]]),
                                             weights: Matrix([[0.8, -1.2, 0.3], [0.4, 0.9, -0.7]]),
                                             bias: Matrix(column: [0.1, -0.3, 0.5]), outputWeights: Matrix(column: [1.5, -0.6, 0.9]),
                                             outputBias: -0.2), "three hidden units")
            },
            Check("trainSigmoidXOR with three hidden units on six inputs, targets between 0 and 1, and from a saturated start", points: 2) { t in
                let start = TwoLayerParameters(hiddenWeights: Matrix([[0.3, -0.5], [0.8, 0.2], [-0.6, 0.4]]),
                                               hiddenBias: Matrix(column: [0.05, -0.1, 0.2]),
                                               outputWeights: Matrix([[0.5, -0.7, 0.9]]), outputBias: 0.1)
                try expectTraining(t, start, inputs: Matrix([[0.2, -1.0, 0.7, 1.5, -0.3, 0.9], [0.4, 0.6, -0.8, 0.1, -1.2, 1.1]]),
                                   targets: [0.1, 0.9, 0.8, 0.3, 0.6, 0.2], learningRate: 0.5, steps: 50, "the three-unit start")
                let saturated = TwoLayerParameters(hiddenWeights: Matrix([[300, -250], [-400, 350]]), hiddenBias: Matrix(column: [120, -80]),
                                                   outputWeights: Matrix([[200, -300]]), outputBias: 50)
                try expectTraining(t, saturated, learningRate: 0.5, steps: 3, "the saturated start")
            },
            Check("trainSigmoidXOR agrees with the reference on 60 seeded starts of 1 to 3 steps", points: 1) { t in
                try t.expectAgreement("trainSigmoidXOR", on: trainingSpace, count: 60, seed: 5_001,
                                      student: { r in
                                          let parts = try t.tuple("trainSigmoidXOR", count: 4, r.inputs, r.targets, r.start.hiddenWeights,
                                                                  r.start.hiddenBias, r.start.outputWeights, r.start.outputBias, r.learningRate, r.steps)
                                          return try parts.prefix(3).map { try t.decode($0, as: Matrix.self, "a parameter") }
                                              + [Matrix(row: [try t.decode(parts[3], as: Double.self, "the output bias c")])]
                                      },
                                      reference: { r in
                                          let p = TwoLayerNetwork.sigmoidCrossEntropy.train(r.start, inputs: r.inputs, targets: r.targets,
                                                                                            learningRate: r.learningRate, steps: r.steps).parameters
                                          return [p.hiddenWeights, p.hiddenBias, p.outputWeights, Matrix(row: [p.outputBias])]
                                      },
                                      agree: { agree($0, $1, t.tolerance) },
                                      show: { swiftText(zip(["W", "b", "W′", "c"], $0).map { ($0, $1) }) })
            },
            // hidden checks: begin (removed by `course export`)
            Check("xorNetwork with four hidden units and other inputs far out", points: 1, visibility: .hidden) { t in
                try expectForward(t, Forward(inputs: Matrix([[-0.25, 3.5, 640, -75, 0], [2.25, -1.75, -20, 410, 0]]),
                                             weights: Matrix([[-0.6, 1.1, 0.2, -0.9], [0.7, 0.3, -1.4, 0.5]]),
                                             bias: Matrix(column: [0.2, -0.4, 0.6, 0]), outputWeights: Matrix(column: [-1.2, 0.8, 0.45, 2]),
                                             outputBias: 0.15), "four hidden units")
            },
            Check("trainSigmoidXOR from start D: 800 steps at η = 3", points: 1, visibility: .hidden) { t in
                let start = TwoLayerParameters(hiddenWeights: Matrix([[-0.7, 0.9], [0.6, -0.45]]), hiddenBias: Matrix(column: [0.3, 0.15]),
                                               outputWeights: Matrix([[0.85, 0.55]]), outputBias: -0.25)
                try expectTraining(t, start, learningRate: 3, steps: 800, "start D", mustSolve: true)
            },
            Check("trainSigmoidXOR from start B, which ends in a local minimum", points: 1, visibility: .hidden) { t in
                let start = TwoLayerParameters(hiddenWeights: Matrix([[-0.9, 0.65], [0.45, -0.3]]), hiddenBias: Matrix(column: [0.25, 0.6]),
                                               outputWeights: Matrix([[-0.35, 0.8]]), outputBias: -0.15)
                try expectTraining(t, start, learningRate: 1.5, steps: 1500, "start B")
            },
            Check("trainSigmoidXOR with other widths, inputs and saturated starts", points: 2, visibility: .hidden) { t in
                let start = TwoLayerParameters(hiddenWeights: Matrix([[0.6, -0.2], [-0.4, 0.7], [0.1, 0.9], [-0.8, -0.3]]),
                                               hiddenBias: Matrix(column: [0.1, 0.2, -0.3, 0.05]),
                                               outputWeights: Matrix([[0.4, -0.6, 0.7, -0.2]]), outputBias: -0.1)
                try expectTraining(t, start, inputs: Matrix([[1.2, -0.4, 0.3, -1.1, 0.8], [-0.6, 0.9, 1.4, 0.2, -1.3]]),
                                   targets: [0.7, 0.2, 0.95, 0.05, 0.5], learningRate: 0.8, steps: 30, "the four-unit start")
                let saturated = TwoLayerParameters(hiddenWeights: Matrix([[-350, 280], [410, -190]]), hiddenBias: Matrix(column: [-60, 150]),
                                                   outputWeights: Matrix([[-220, 260]]), outputBias: -40)
                try expectTraining(t, saturated, learningRate: 0.25, steps: 4, "another saturated start")
            },
            // hidden checks: end
        ])

    /// One training run: a batch, a start, a rate and a number of steps.
    private struct TrainingRun: Sendable {
        var inputs: Matrix, targets: [Double], start: TwoLayerParameters, learningRate: Double, steps: Int
    }

    /// Runs of 1 to 3 steps from starts of 1 to 3 hidden units, with halves for every number,
    /// on 1 to 4 inputs; shrunk by taking fewer steps, dropping an input, or making every number a
    /// whole one.
    private static let trainingSpace = InputSpace<TrainingRun>(
        edges: [],
        generate: { random in
            let d = random.integer(in: 1...3), n = random.integer(in: 1...4)
            func halves(_ rows: Int, _ columns: Int, _ random: inout SeededGenerator) -> Matrix {
                Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in Double(random.integer(in: -4...4)) / 2 })
            }
            let start = TwoLayerParameters(hiddenWeights: halves(d, 2, &random), hiddenBias: halves(d, 1, &random),
                                           outputWeights: halves(1, d, &random), outputBias: Double(random.integer(in: -2...2)) / 2)
            return TrainingRun(inputs: halves(2, n, &random), targets: (0..<n).map { _ in Double(random.integer(in: 0...4)) / 4 },
                               start: start, learningRate: [0.5, 1, 2][random.integer(below: 3)], steps: random.integer(in: 1...3))
        },
        shrink: { r in
            var smaller: [TrainingRun] = []
            if r.steps > 1 { var s = r; s.steps = 1; smaller.append(s) }
            if r.inputs.columns > 1 { var s = r; s.inputs = r.inputs.droppingLastColumn(); s.targets.removeLast(); smaller.append(s) }
            let whole = { (m: Matrix) in m.map { $0.rounded(.towardZero) } }
            let p = r.start
            let plain = TwoLayerParameters(hiddenWeights: whole(p.hiddenWeights), hiddenBias: whole(p.hiddenBias),
                                           outputWeights: whole(p.outputWeights), outputBias: p.outputBias.rounded(.towardZero))
            if plain != p || whole(r.inputs) != r.inputs { var s = r; s.start = plain; s.inputs = whole(r.inputs); smaller.append(s) }
            return smaller
        },
        describe: { r in
            "trainSigmoidXOR(inputs: \(swiftText(r.inputs)), targets: [\(r.targets.map(swiftText).joined(separator: ", "))], hiddenWeights: \(swiftText(r.start.hiddenWeights)), "
                + "hiddenBias: \(swiftText(r.start.hiddenBias)), outputWeights: \(swiftText(r.start.outputWeights)), "
                + "outputBias: \(swiftText(r.start.outputBias)), learningRate: \(swiftText(r.learningRate)), steps: \(r.steps))"
        })

    // MARK: Goodfellow et al.'s forward pass

    private struct Forward {
        var inputs: Matrix, weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double

        func output(weights: Matrix? = nil, relu useReLU: Bool = true, outputBias useBias: Bool = true) -> Matrix {
            let z = ((weights ?? self.weights).transposed * inputs).addingToEachColumn(bias)
            return (outputWeights.transposed * (useReLU ? relu(z) : z)).map { $0 + (useBias ? outputBias : 0) }
        }
    }

    private static let columnFeedsUnit = "column d of W feeds unit d, so the hidden units are max{0, Wᵀx + c}"

    private static func expectForward(_ t: CheckContext, _ f: Forward, _ name: String) throws {
        let expected = XOR.xorNetwork(inputs: f.inputs, weights: f.weights, bias: f.bias, outputWeights: f.outputWeights,
                                      outputBias: f.outputBias)
        var mistakes = [
            Mistake("This is the network without the ReLU: negative pre-activations must become 0, h = max{0, Wᵀx + c}.", f.output(relu: false)),
            Mistake("Every output is off by b: add the output bias b to every entry.", f.output(outputBias: false)),
        ]
        if f.weights.rows == f.weights.columns {
            mistakes.insert(Mistake("This is W x instead of Wᵀx: in Goodfellow et al.'s form \(columnFeedsUnit).",
                                    f.output(weights: f.weights.transposed)), at: 0)
        }
        let what = "xorNetwork with \(name) (inputs \(f.inputs.rows)×\(f.inputs.columns), W \(f.weights.rows)×\(f.weights.columns))"
        guard let observed = try t.whenCrashing(what, advise: { _ in "If the shapes did not fit: W is 2×D and \(columnFeedsUnit), a D×N matrix." }, {
            try t.matrix("xorNetwork", f.inputs, f.weights, f.bias, f.outputWeights, f.outputBias)
        }) else { return }
        t.expect(observed, equals: expected, what, mistakes: mistakes)
    }

    // MARK: The student's own weights

    /// Names the Boolean function of two inputs with the given outputs on (0,0), (0,1), (1,0), (1,1).
    private static func truthTableName(_ bits: [Int]) -> String {
        // Indexed by the outputs read as a binary number, (0,0)'s bit first: 0001 is AND.
        let names = ["the constant 0", "AND", "x₁ AND NOT x₂", "x₁", "NOT x₁ AND x₂", "x₂", "XOR", "OR",
                     "NOR", "XNOR", "NOT x₂", "x₁ OR NOT x₂", "NOT x₁", "NOT x₁ OR x₂", "NAND", "the constant 1"]
        return "\(names[bits.reduce(0) { 2 * $0 + $1 }]) (\(bits.map(String.init).joined(separator: " ")))"
    }

    private static func expectOwnWeights(_ t: CheckContext) throws {
        let parts = try t.tuple("xorWeights", count: 4)
        let w = try t.decode(parts[0], as: Matrix.self, "the weights W")
        let c = try t.decode(parts[1], as: Matrix.self, "the bias c")
        let v = try t.decode(parts[2], as: Matrix.self, "the output weights w")
        let b = try t.decode(parts[3], as: Double.self, "the output bias b")
        let d = w.columns
        guard w.rows == 2, d > 0, c.rows == d, c.columns == 1, v.rows == d, v.columns == 1 else {
            return t.expect(false, "xorWeights: W must be 2×D (\(columnFeedsUnit)), c and w D×1; yours are W \(w.rows)×\(w.columns), "
                            + "c \(c.rows)×\(c.columns) and w \(v.rows)×\(v.columns).")
        }
        let outputs = XOR.xorNetwork(inputs: xorInputColumns, weights: w, bias: c, outputWeights: v, outputBias: b).row(0)
        let shown = "f = (\(outputs.map { formatNumber($0, digits: 6) }.joined(separator: ", "))) on (0,0), (0,1), (1,0), (1,1)"
        guard outputs.allSatisfy(\.isFinite) else {
            return t.expect(false, "xorWeights: with your weights the course's forward pass gives \(shown); NaN and ±∞ always fail.")
        }
        let bits = classify(outputs).map { Int($0) }
        guard bits != [0, 1, 1, 0] else { return t.expect(true, "") }
        var message = "xorWeights: with your weights the course's forward pass gives \(shown); classified by f > 0.5, "
            + "your network computes \(truthTableName(bits)), not XOR (0 1 1 0)."
        if bits == [0, 0, 0, 1] {
            message += " One lecture document prints AND's table under the title XOR; XOR is 1 exactly when the two bits differ."
        }
        t.expect(false, message)
    }

    // MARK: Training

    /// Start A of the reference tests: 4/4 after 1000 steps at η = 2.
    private static let startA = TwoLayerParameters(hiddenWeights: Matrix([[0.5, -0.4], [0.3, 0.8]]), hiddenBias: Matrix(column: [0.1, -0.2]),
                                                   outputWeights: Matrix([[0.7, -0.6]]), outputBias: 0.05)

    private static let courseW = "in trainSigmoidXOR W is the course's, D×2 with row d feeding unit d, h = σ(Wx + b), not Goodfellow's Wᵀx"

    private static func expectTraining(_ t: CheckContext, _ start: TwoLayerParameters, inputs: Matrix = xorInputColumns,
                                       targets: [Double] = xorTargets, learningRate η: Double, steps: Int, _ name: String,
                                       mustSolve: Bool = false) throws {
        let network = TwoLayerNetwork.sigmoidCrossEntropy
        func train(_ network: TwoLayerNetwork = network, from p: TwoLayerParameters = start, rate: Double = η) -> TwoLayerParameters {
            network.train(p, inputs: inputs, targets: targets, learningRate: rate, steps: steps).parameters
        }
        let expected = train()
        let what = "trainSigmoidXOR from \(name) (η = \(formatNumber(η)), \(steps) step\(steps == 1 ? "" : "s"))"
        guard let observed = try t.whenCrashing(what, advise: { _ in "If the shapes did not fit: \(courseW)." }, {
            let parts = try t.tuple("trainSigmoidXOR", count: 4, inputs, targets, start.hiddenWeights, start.hiddenBias,
                                    start.outputWeights, start.outputBias, η, steps)
            return start.replacing(try t.decode(parts[0], as: Matrix.self, "the hidden weights W"),
                                   try t.decode(parts[1], as: Matrix.self, "the hidden bias b"),
                                   try t.decode(parts[2], as: Matrix.self, "the output weights W′"),
                                   try t.decode(parts[3], as: Double.self, "the output bias c"))
        }) else { return }
        var mistakes: [(String, TwoLayerParameters)] = [
            ("This is \(steps + 1) steps: the loop runs one step too many; `steps` steps are for _ in 0..<steps.",
             network.train(start, inputs: inputs, targets: targets, learningRate: η, steps: steps + 1).parameters),
        ]
        if steps > 0 {
            let n = Double(inputs.columns)
            mistakes.append(("Each step adds η ∂L/∂θ: gradient descent subtracts it, θ ← θ − η ∂L/∂θ.", train(rate: -η)))
            mistakes.append(("∂L/∂W and ∂L/∂b miss the sigmoid's derivative at the hidden layer: δ₁ = (W′ᵀ δ₂) ⊙ h ⊙ (1 − h).",
                             trainWithoutHiddenDerivative(start, inputs: inputs, targets: targets, learningRate: η, steps: steps)))
            mistakes.append(("This is the squared error's training of lesson 3, section 6; here the loss is the mean cross-entropy, "
                             + "whose δ₂ = (ŷ − y)/N has no factor 2ŷ(1 − ŷ).", train(.sigmoidSquaredError)))
            mistakes.append(("This is the gradient of the summed loss: the loss is the MEAN over the N = \(inputs.columns) inputs, δ₂ = (ŷ − y)/N.",
                             train(rate: η * n)))
            if start.hiddenWeights.rows == start.hiddenWeights.columns {
                var transposed = train(from: start.replacing(start.hiddenWeights.transposed, start.hiddenBias,
                                                             start.outputWeights, start.outputBias))
                transposed.hiddenWeights = transposed.hiddenWeights.transposed
                mistakes.append(("These are the parameters of a network that reads W transposed: \(courseW).", transposed))
            }
        }
        let frozen = "did not change from its start: the biases must be updated too"
        t.expect(observed.hiddenWeights, equals: expected.hiddenWeights, "\(what): the hidden weights W",
                 mistakes: mistakes.map { Mistake($0.0, $0.1.hiddenWeights) })
        t.expect(observed.hiddenBias, equals: expected.hiddenBias, "\(what): the hidden bias b",
                 mistakes: (steps > 0 ? [Mistake("b \(frozen), b ← b − η ∂L/∂b.", start.hiddenBias)] : [])
                    + mistakes.map { Mistake($0.0, $0.1.hiddenBias) })
        t.expect(observed.outputWeights, equals: expected.outputWeights, "\(what): the output weights W′",
                 mistakes: mistakes.map { Mistake($0.0, $0.1.outputWeights) })
        t.expect(observed.outputBias, equals: expected.outputBias, "\(what): the output bias c",
                 mistakes: (steps > 0 ? [Mistake("c \(frozen), c ← c − η ∂L/∂c.", start.outputBias)] : [])
                    + mistakes.map { Mistake($0.0, $0.1.outputBias) })
        guard steps > 0, observed.isValid(inputs: inputs) else { return }
        let before = network.loss(start, inputs: inputs, targets: targets)
        let after = network.loss(observed, inputs: inputs, targets: targets)
        let wentUp = after.isFinite && after > before && network.loss(expected, inputs: inputs, targets: targets) < before
        t.expect(!wentUp, "\(what): the loss went up, from \(formatNumber(before, digits: 6)) to \(formatNumber(after, digits: 6)) "
                 + "with your parameters. Gradient descent goes against the gradient, θ ← θ − η ∂L/∂θ.")
        if mustSolve {
            let outputs = network.outputs(observed, inputs: inputs)
            let correct = outputs.allSatisfy(\.isFinite) ? correctCount(outputs, targets: targets) : 0
            t.expect(correct == targets.count, "\(what): your parameters classify \(correct) of \(targets.count) inputs correctly "
                     + "(ŷ = \(outputs.map { formatNumber($0, digits: 3) }.joined(separator: ", "))); the reference's classify all \(targets.count).")
        }
    }

    /// Trains like the reference, but with δ₁ = W′ᵀ δ₂: the hidden sigmoid's derivative left out.
    private static func trainWithoutHiddenDerivative(_ start: TwoLayerParameters, inputs: Matrix, targets: [Double],
                                                     learningRate η: Double, steps: Int) -> TwoLayerParameters {
        let y = Matrix(row: targets)
        var p = start
        for _ in 0..<steps {
            let h = sigmoid((p.hiddenWeights * inputs).addingToEachColumn(p.hiddenBias))
            let yHat = sigmoid((p.outputWeights * h).map { $0 + p.outputBias })
            let delta2 = (yHat - y) / Double(inputs.columns)
            let delta1 = p.outputWeights.transposed * delta2
            p = p.replacing(p.hiddenWeights - η * (delta1 * inputs.transposed), p.hiddenBias - η * delta1.rowSums(),
                            p.outputWeights - η * (delta2 * h.transposed), p.outputBias - η * delta2.sum())
        }
        return p
    }
}

private extension TwoLayerParameters {
    /// Returns these parameters with every part replaced, whatever the shapes (the
    /// initializer stops on shapes that do not fit, and a submission may return any).
    func replacing(_ w: Matrix, _ b: Matrix, _ wPrime: Matrix, _ c: Double) -> TwoLayerParameters {
        var p = self
        p.hiddenWeights = w
        p.hiddenBias = b
        p.outputWeights = wPrime
        p.outputBias = c
        return p
    }

    /// Whether the parameters fit a network on these inputs.
    func isValid(inputs: Matrix) -> Bool {
        hiddenWeights.columns == inputs.rows && hiddenBias.rows == hiddenWeights.rows && hiddenBias.columns == 1
            && outputWeights.rows == 1 && outputWeights.columns == hiddenWeights.rows
    }
}
