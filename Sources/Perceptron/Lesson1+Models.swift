import CourseKit

extension Lesson1 {
    // MARK: 6. The sigmoid unit is logistic regression

    /// The learning rate of the sigmoid unit in section 6.
    static let logisticRate = 0.5
    /// The number of epochs of the sigmoid unit in section 6.
    static let logisticEpochs = 40

    static func showLogisticRegression(on console: LessonConsole) {
        console.heading("6. The sigmoid perceptron is logistic regression")
        let θ = [0.75, -0.5], b = 0.25, x = [1.0, 2.0], y = 1.0
        let g = sigmoid(preactivation(weights: θ, bias: b, x: x))
        let gradient = sigmoidUnitGradient(weights: θ, bias: b, x: x, target: y)
        let check = GradientCheck().check(
            analytic: gradient.weights + [gradient.bias],
            of: { sigmoidUnitLoss(weights: [$0[0], $0[1]], bias: $0[2], x: x, target: y) }, at: θ + [b])
        console.text("""
            g = σ(θ·x + b) reads as P(y = 1 | x). Fitted with the squared error J = (g − y)², \
            the chain rule gives
              Δθᵢ = 2(g − y) g(1 − g) xᵢ,   Δb = 2(g − y) g(1 − g)
            Worked example: θ = \(vector(θ)), b = \(format(b)), x = \(vector(x)), y = \(format(y)):
              θ·x + b = \(format(preactivation(weights: θ, bias: b, x: x))), g = \(format(g)), \
            J = \(format(sigmoidUnitLoss(weights: θ, bias: b, x: x, target: y)))
              Δθ = \(vector(gradient.weights)), Δb = \(format(gradient.bias))   \
            (central differences agree: max relative error \(format(check.maxRelativeError, digits: 2)))
            Logistic regression proper uses the cross-entropy, whose gradient loses the factor g(1 − g):
              ∂J/∂θ = (g − y) x = \(vector(logisticGradient(weights: θ, bias: b, x: x, target: y).weights)),   \
            ∂J/∂b = g − y = \(format(g - y))
            """)
        let data = LabelledPoints.separable(seed: separableSeed)
        let start = (weights: [0.0, 0.0], bias: 0.0)
        let squared = trainUnit(points: data.points, targets: data.binaryTargets, learningRate: logisticRate,
                                epochs: logisticEpochs, initialWeights: start.weights, initialBias: start.bias,
                                loss: sigmoidUnitLoss, gradient: sigmoidUnitGradient)
        let logistic = trainUnit(points: data.points, targets: data.binaryTargets, learningRate: logisticRate,
                                 epochs: logisticEpochs, initialWeights: start.weights, initialBias: start.bias,
                                 loss: logisticLoss, gradient: logisticGradient)
        var table = TextTable(header: ["epoch", "mean (g − y)²", "mean cross-entropy"])
        for e in [1, 2, 5, 10, 20, logisticEpochs] {
            table.append([String(e), format(squared.losses[e - 1]), format(logistic.losses[e - 1])])
        }
        console.text()
        console.text("""
            Both losses on the \(data.points.count) points of section 2 (targets 0 and 1), \
            η = \(format(logisticRate)), from θ = 0, b = 0:
            """)
        console.text()
        console.block(table)
        console.text()
        for (name, fit) in [("squared error", squared), ("cross-entropy", logistic)] {
            let correct = correctCount(weights: fit.weights, bias: fit.bias, points: data.points, labels: data.labels)
            console.text("  \(name): θ = \(vector(fit.weights)), b = \(format(fit.bias)), "
                         + "right side of g = 0.5: \(correct)/\(data.points.count)")
        }
    }

    // MARK: 7. The unifying view

    static func showUnifyingView(on console: LessonConsole) {
        console.heading("7. One layer, three tasks")
        let W = Matrix([[1.0, -0.5], [0.3, 0.8], [-1.2, 0.4]])
        let b = Matrix(column: [0.1, -0.2, 0.3])
        let x = Matrix(column: [0.5, -1.5])
        let z = layerScores(weights: W, bias: b, x: x)
        console.text("""
            A linear map z = W x + b with W ∈ ℝ^{C×D} (here C = 3 outputs, D = 2 inputs), then \
            an activation: identity for regression, sigmoid for C independent yes/no questions, \
            softmax for one of C classes.
            """)
        console.text()
        console.block("W =\n\(W)\n\nb =\n\(b)\n\nx =\n\(x)")
        var table = TextTable(header: ["c", "z_c", "identity", "sigmoid", "softmax"])
        let outputs = OutputActivation.allCases.map { layerOutput(weights: W, bias: b, x: x, activation: $0) }
        for c in 0..<z.rows {
            table.append([String(c + 1), format(z[c, 0])] + outputs.map { format($0[c, 0]) })
        }
        table.append(["Σ", format(z.sum())] + outputs.map { format($0.sum()) })
        console.text()
        console.block(table)
        console.figure("layer-diagram") { layerFigure(weights: W, bias: b, x: x) }
        let target = Matrix(column: [1, 0, 1])
        let gradient = sigmoidLayerCrossEntropyGradient(weights: W, bias: b, x: x, target: target)
        let checker = GradientCheck()
        let checkW = checker.check(analytic: gradient.weights,
                                   of: { sigmoidLayerCrossEntropy(weights: $0, bias: b, x: x, target: target) }, at: W)
        let checkB = checker.check(analytic: gradient.bias,
                                   of: { sigmoidLayerCrossEntropy(weights: W, bias: $0, x: x, target: target) }, at: b)
        console.text()
        console.text("""
            Training the sigmoid layer needs ∂L/∂W and ∂L/∂b. With δ = ∂L/∂z (C×1), z = W x + b,
              ∂L/∂b = δ  (C×1)   and   ∂L/∂W = δ xᵀ  (C×D, the shape of W).
            For the cross-entropy L = −Σ_c [t_c log g_c + (1 − t_c) log(1 − g_c)] the sigmoid's slope \
            cancels and δ = g − t. With t = (1, 0, 1): L = \
            \(format(sigmoidLayerCrossEntropy(weights: W, bias: b, x: x, target: target))),
            """)
        console.block("∂L/∂W =\n\(gradient.weights)\n\n∂L/∂b =\n\(gradient.bias)")
        console.text("""
            Central differences: max relative error \(format(checkW.maxRelativeError, digits: 2)) on W, \
            \(format(checkB.maxRelativeError, digits: 2)) on b.
            Exercise 2 asks for the same layer with section 6's squared error, L = Σ_c (g_c − t_c)².
            """)
    }

    // MARK: 8. XOR

    static func showXOR(on console: LessonConsole) {
        console.heading("8. XOR: where one perceptron stops")
        let data = LabelledPoints.xor
        let trained = trainPerceptron(points: data.points, labels: data.labels,
                                      learningRate: rosenblattRate, maxEpochs: xorEpochs)
        let counts = correctCountAfterEachStep(points: data.points, labels: data.labels,
                                               learningRate: rosenblattRate, epochs: xorEpochs)
        console.text("""
            The points (0, 0) and (1, 1) labelled −1, then (0, 1) and (1, 0) labelled +1; \
            the same rule, η = \(format(rosenblattRate)), \(xorEpochs) epochs.
            """)
        var table = TextTable(header: ["epoch", "mistakes", "on their side after each step"])
        for e in 0..<4 {
            let steps = counts[(e * data.points.count)..<((e + 1) * data.points.count)]
            table.append([String(e + 1), String(trained.mistakes[e]), steps.map(String.init).joined(separator: " ")])
        }
        showMistakes(trained.mistakes, table: table, on: console, height: 6, top: 4.5)
        console.figure("xor-mistakes") { mistakesFigure(trained.mistakes, title: "Rosenblatt's rule on XOR: mistakes per epoch") }
        console.figure("xor-best-line") { xorBoundaryFigure(data) }
        let best = counts.max() ?? 0
        let lines = bestLineCorrectCount(points: data.points, labels: data.labels)
        console.text()
        console.text("""
            Mistakes per epoch over \(trained.mistakes.count) epochs: between \(trained.mistakes.min() ?? 0) \
            and \(trained.mistakes.max() ?? 0), never 0.
            From epoch 2 on all four points are mistakes and their updates cancel (Σ tᵢ x̃ᵢ = 0), \
            so every epoch ends where it began: w = \(vector(trained.weights)), b = \(format(trained.bias)).
            Points strictly on their own side, t(w·x + b) > 0, after any step: at most \(best)/4. \
            (Counted by the prediction, which sends z = 0 to −1, the weights after the fifth step, \
            w = (1, 1), b = 0, would score 3/4, but only because (0, 0) lies on their line: the rule \
            itself counts that point as a mistake.)
            Best of all lines in the plane (searched over 360 directions, a point on the line \
            counting as wrong): \(lines)/4.
            No line puts (0, 1) and (1, 0) on one side and (0, 0), (1, 1) on the other \
            (Minsky and Papert 1969).
            """)
    }
}
