import CourseKit

/// Lesson 1, the perceptron, shown live: the unit, Rosenblatt's rule, gradient descent, the
/// activation functions, the sigmoid unit and its layer, and XOR.
public enum Lesson1: LiveLesson {
    /// The lesson's number.
    public static let number = 1
    /// The lesson's title, as in `lessons/lesson1-perceptron.md`.
    public static let title = "The perceptron"

    /// Runs every section in the order of the lesson text.
    public static func run(on console: LessonConsole) {
        console.title(self)
        showUnit(on: console)
        showRosenblattRule(on: console)
        showGradientDescent(on: console)
        showActivationTable(on: console)
        showSigmoid(on: console)
        showLogisticRegression(on: console)
        showUnifyingView(on: console)
        showXOR(on: console)
    }

    /// The seed of the separable points of sections 2, 3 and 6.
    static let separableSeed: UInt64 = 17
    /// The learning rate of Rosenblatt's rule in sections 2 and 8.
    static let rosenblattRate = 1.0
    /// The epochs allowed to Rosenblatt's rule on XOR in section 8.
    static let xorEpochs = 50

    // MARK: 1. The unit

    static func showUnit(on console: LessonConsole) {
        console.heading("1. The perceptron: y = f(w·x + b)")
        let w = [2.0, -1.0], b = 0.5, x = [1.0, 3.0]
        let z = preactivation(weights: w, bias: b, x: x)
        console.text("A unit with w = \(vector(w)) and b = \(format(b)) reads the input x = \(vector(x)):")
        console.text("  z = w·x + b = 2·1 + (−1)·3 + 0.5 = \(format(z))")
        console.text()
        var table = TextTable(header: ["activation f", "y = f(z)", "used for"])
        table.append(["step", format(step(z)), "Rosenblatt's unit, outputs 0 or 1"])
        table.append(["sign", format(Double(predict(weights: w, bias: b, x: x))), "labels −1 and +1"])
        table.append(["sigmoid", format(sigmoid(z)), "a probability (logistic regression)"])
        table.append(["identity", format(z), "a real number (linear regression)"])
        console.block(table)
        console.figure("perceptron-unit") { unitFigure(weights: w, bias: b, x: x) }
        console.text()
        let x̃ = appendingConstantInput(x), w̃ = absorbingBias(weights: w, bias: b)
        console.text("The bias trick: with x₀ = 1, x̃ = \(vector(x̃)) and w̃ = (b, w) = \(vector(w̃)),")
        console.text("  w̃·x̃ = \(format(dot(w̃, x̃))), the same z with no separate bias.")
    }

    // MARK: 2. Rosenblatt's rule

    static func showRosenblattRule(on console: LessonConsole) {
        console.heading("2. Rosenblatt's learning rule on separable data")
        let data = LabelledPoints.separable(seed: separableSeed)
        let positives = data.labels.filter { $0 > 0 }.count
        let line = LabelledPoints.generatingLine
        console.text("""
            \(data.points.count) points in [−1, 1]² (seed \(separableSeed)): \(positives) labelled +1 (+) above the line \
            x₂ = 0.5x₁ + 0.2,
            \(data.points.count - positives) labelled −1 (o) below it, none closer to it than \
            \(format(LabelledPoints.gap)).
            Rule: when t(w·x + b) ≤ 0, w ← w + η t x and b ← b + η t; η = \(format(rosenblattRate)), \
            from w = 0, b = 0.
            """)
        let trained = trainPerceptron(points: data.points, labels: data.labels,
                                      learningRate: rosenblattRate, maxEpochs: 100)
        let counts = correctCountAfterEachStep(points: data.points, labels: data.labels,
                                               learningRate: rosenblattRate, epochs: trained.mistakes.count)
        var table = TextTable(header: ["epoch", "mistakes", "correct after the epoch"])
        for (e, m) in trained.mistakes.enumerated() {
            table.append([String(e + 1), String(m), "\(counts[(e + 1) * data.points.count - 1])/\(data.points.count)"])
        }
        showMistakes(trained.mistakes, table: table, on: console, height: 8, top: Double((trained.mistakes.max() ?? 0) + 1))
        console.figure("rosenblatt-mistakes") {
            mistakesFigure(trained.mistakes, title: "Rosenblatt's rule on separable data: mistakes per epoch")
        }
        let updates = trained.mistakes.reduce(0, +)
        let bound = convergenceBound(points: data.points, labels: data.labels,
                                     separatorWeights: line.weights, separatorBias: line.bias)
        let (w, b) = (trained.weights, trained.bias)
        console.text()
        console.text("""
            Separated after \(trained.mistakes.count) epochs and \(updates) updates in all; \
            the last epoch made no mistake.
            Convergence theorem, with the generating line as the separator: R = \(format(bound.radius)), \
            γ = \(format(bound.margin)), \
            so at most (R/γ)² = \(format(bound.maxUpdates, digits: 1)) updates.
            Learned w = \(vector(w)), b = \(format(b)): the boundary w·x + b = 0 is \
            x₂ = \(format(-w[0] / w[1]))x₁ + \(format(-b / w[1])), \
            and it classifies \(correctCount(weights: w, bias: b, points: data.points, labels: data.labels))\
            /\(data.points.count) points correctly (· marks the side where w·x + b > 0):
            """)
        console.block(TerminalPlot.scatter(data.marks, region: { w[0] * $0 + w[1] * $1 + b },
                                           xRange: -1.1...1.1, yRange: -1.1...1.1))
        console.figure("decision-boundary") { decisionBoundaryFigure(data, weights: w, bias: b) }
    }

    // MARK: 3. Gradient descent (Algorithm 1)

    /// The seed of the random start of Algorithm 1.
    static let algorithm1Seed: UInt64 = 4
    /// The learning rate of Algorithm 1.
    static let algorithm1Rate = 0.05
    /// The number of epochs of Algorithm 1.
    static let algorithm1Epochs = 30

    static func showGradientDescent(on console: LessonConsole) {
        console.heading("3. The gradient-descent perceptron (Algorithm 1)")
        let data = LabelledPoints.separable(seed: separableSeed)
        var random = SeededGenerator(seed: algorithm1Seed)
        let w0 = random.array(count: 2, in: -0.5...0.5), b0 = random.uniform(in: -0.5...0.5)
        console.text("""
            The same points, a linear unit ŷ = w·x + b, targets y = ±1 and the loss L = ½(ŷ − y)²:
              ∂L/∂w = (ŷ − y) x,  ∂L/∂b = ŷ − y,  w ← w − η ∂L/∂w,  b ← b − η ∂L/∂b
            Random start (seed \(algorithm1Seed)): w = \(vector(w0)), b = \(format(b0)); \
            η = \(format(algorithm1Rate)), one point at a time.
            """)
        let trained = trainLinearUnit(points: data.points, targets: data.signedTargets,
                                      learningRate: algorithm1Rate, epochs: algorithm1Epochs,
                                      initialWeights: w0, initialBias: b0)
        let initialLoss = zip(data.points, data.signedTargets)
            .map { linearUnitLoss(weights: w0, bias: b0, x: $0, target: $1) }.reduce(0, +) / Double(data.points.count)
        var table = TextTable(header: ["epoch", "mean L"])
        table.append(["0", format(initialLoss)])
        for e in [1, 2, 3, 5, 10, 20, algorithm1Epochs] {
            table.append([String(e), format(trained.losses[e - 1])])
        }
        console.text()
        console.block(table)
        console.text()
        console.block(TerminalPlot.lines([TerminalPlot.Series(
            name: "mean L per epoch", mark: "*",
            points: ([initialLoss] + trained.losses).enumerated().map { (Double($0.offset), $0.element) })],
            height: 8))
        console.figure("gradient-descent-loss") {
            SVGPlot.lines([SVGPlot.Series(name: "mean L = ½(ŷ − y)²", values: [initialLoss] + trained.losses, style: .lineAndDots)],
                          title: "Algorithm 1: mean loss per epoch", xLabel: "epoch", yLabel: "mean L",
                          yRange: 0...(1.1 * initialLoss))
        }
        let (w, b) = (trained.weights, trained.bias)
        let correct = correctCount(weights: w, bias: b, points: data.points, labels: data.labels)
        let x = data.points[0], y = data.signedTargets[0]
        let analytic = linearUnitGradient(weights: w0, bias: b0, x: x, target: y)
        let check = GradientCheck().check(analytic: analytic.weights + [analytic.bias],
                                          of: { linearUnitLoss(weights: [$0[0], $0[1]], bias: $0[2], x: x, target: y) },
                                          at: w0 + [b0])
        console.text()
        console.text("""
            After \(algorithm1Epochs) epochs: w = \(vector(w)), b = \(format(b)); \
            sign(ŷ) is right on \(correct)/\(data.points.count) points.
            The loss asks ŷ to equal ±1 exactly, not only to have the right sign.
            Gradient check of (∂L/∂w, ∂L/∂b) at the start, on the first point:
            max relative error \(format(check.maxRelativeError)).
            """)
    }

    /// Shows the mistakes per epoch of Rosenblatt's rule: the table, then a line plot.
    static func showMistakes(_ mistakes: [Int], table: TextTable, on console: LessonConsole, height: Int, top: Double) {
        console.text()
        console.block(table)
        console.text()
        console.block(TerminalPlot.lines([TerminalPlot.Series(
            name: "mistakes per epoch", mark: "*",
            points: mistakes.enumerated().map { (Double($0.offset + 1), Double($0.element)) })],
            height: height, yRange: 0...top))
    }
}

// MARK: - Formatting

/// Returns `x` as the lesson prints it.
func format(_ x: Double, digits: Int = 4) -> String { formatNumber(x, digits: digits) }

/// Returns a vector as `(a, b, c)`.
func vector(_ v: [Double], digits: Int = 4) -> String {
    "(" + v.map { formatNumber($0, digits: digits) }.joined(separator: ", ") + ")"
}
