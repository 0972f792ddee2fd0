import CourseKit

extension Lesson3 {
    /// The three trainings of sections 6 and 7: network, name, learning rate and steps.
    static let trainings: [(network: TwoLayerNetwork, name: String, learningRate: Double, steps: Int)] = [
        (.sigmoidSquaredError, "sigmoid, squared error", 8, 500),
        (.sigmoidCrossEntropy, "sigmoid, cross-entropy", 4, 500),
        (.reluSquaredError, "ReLU, linear output, squared error", 0.1, 500),
    ]

    /// The seed of the single run of section 6 (the Keras notebook seeds NumPy with 100).
    static let kerasStartSeed: UInt64 = 100

    static func showSigmoidTraining(on console: LessonConsole) {
        console.heading("6. Training the sigmoid network")
        console.text("Basili and Croce's Keras example: y = σ(W′σ(Wx + b) + c), 2 inputs, 2 hidden units, 1 output,")
        console.text("squared error L = (1/4) Σ_n (ŷ_n − y_n)², gradient descent on the whole batch, η = 8, 500 steps.")
        let (network, _, learningRate, steps) = trainings[0]
        let start = randomStarts(count: 1, seed: kerasStartSeed)[0]
        console.text("Start (uniform in [−1, 1], seed \(kerasStartSeed)): W, b, W′, c =")
        show(start, on: console)
        console.text()
        console.text("Backward pass against central differences at the start (GradientCheck):")
        var checks = TextTable(header: ["network", "parameters", "max relative error", "agrees"])
        for (network, name, _, _) in trainings {
            let result = gradientCheck(network, at: start)
            checks.append([name, "\(result.entries.count)", scientific(result.maxRelativeError), result.passed ? "yes" : "no"])
        }
        console.block(checks)
        console.text()
        let (trained, losses) = network.train(start, inputs: xorInputColumns, targets: xorTargets,
                                              learningRate: learningRate, steps: steps)
        console.text("Loss during training:")
        console.block(TerminalPlot.lines([.init(name: "L", mark: "*", values: losses)], height: 10))
        console.figure("training-loss") {
            SVGPlot.lines([.init(name: "L = (1/4) Σ (ŷ − y)²", values: losses)],
                          title: "Training the sigmoid network on XOR (η = \(formatNumber(learningRate)), seed \(kerasStartSeed))",
                          xLabel: "step", yLabel: "L", yRange: 0...(1.1 * losses.max()!))
        }
        console.figure("training-regions") {
            trainingRegionsFigure(network, start: start, learningRate: learningRate, steps: [0, 50, 100, steps])
        }
        var outputs = TextTable(header: ["x", "target", "ŷ before", "ŷ after"])
        let before = network.outputs(start, inputs: xorInputColumns), after = network.outputs(trained, inputs: xorInputColumns)
        for n in 0..<4 {
            outputs.append(["(\(formatNumber(xorInputRows[n, 0])), \(formatNumber(xorInputRows[n, 1])))",
                            formatNumber(xorTargets[n]), formatNumber(before[n]), formatNumber(after[n])])
        }
        console.block(outputs)
        console.text("Correct after training: \(correctCount(after))/4, loss \(scientific(losses[0])) → "
                     + scientific(network.loss(trained, inputs: xorInputColumns, targets: xorTargets)))
        console.text("Trained W, b, W′, c:")
        show(trained, on: console)
    }

    static func showManyStarts(on console: LessonConsole) {
        console.heading("7. Many random starts: local minima are real")
        let starts = randomStarts(count: 100, seed: 2024)
        console.text("The same 100 starts (uniform in [−1, 1], seed 2024) for each network:")
        var table = TextTable(header: ["network", "η", "steps", "4/4", "3/4", "2/4", "≤1/4", "dead unit"])
        var failure: TrainingOutcome?
        for (network, name, learningRate, steps) in trainings {
            let outcomes = trainFromManyStarts(network, starts: starts, learningRate: learningRate, steps: steps)
            let count = { (k: Int) in outcomes.filter { $0.correct == k }.count }
            table.append([name, formatNumber(learningRate), "\(steps)", "\(count(4))", "\(count(3))", "\(count(2))",
                          "\(outcomes.filter { $0.correct <= 1 }.count)",
                          network.hidden == .relu ? "\(outcomes.filter { $0.deadUnits > 0 }.count)" : "—"])
            if network.hidden == .relu { failure = outcomes.first { $0.correct < 4 } }
        }
        console.block(table)
        console.text("From most starts the sigmoid network finds a solution; the rest stop in a local minimum or")
        console.text("on a plateau. The ReLU network fails more often: a unit that is inactive on all four inputs")
        console.text("gets a zero gradient and never comes back, and one unit alone cannot compute XOR.")
        if let failure {
            console.text("A failed ReLU run, for example: \(failure.correct)/4 correct, final loss \(scientific(failure.finalLoss)).")
        }
    }

    /// Checks a network's backward pass against central differences at the given parameters.
    static func gradientCheck(_ network: TwoLayerNetwork, at p: TwoLayerParameters) -> GradientCheck.Result {
        GradientCheck().check(analytic: network.gradient(p, inputs: xorInputColumns, targets: xorTargets).scalars,
                              of: { network.loss(TwoLayerParameters(scalars: $0, shapedLike: p), inputs: xorInputColumns,
                                                 targets: xorTargets) },
                              at: p.scalars)
    }

    static func show(_ p: TwoLayerParameters, on console: LessonConsole) {
        console.text("  W = \(listText(p.hiddenWeights.row(0))) / \(listText(p.hiddenWeights.row(1))),  "
                     + "b = \(listText(p.hiddenBias.column(0))),  W′ = \(listText(p.outputWeights.row(0))),  "
                     + "c = \(formatNumber(p.outputBias))")
    }

    /// Writes a positive number with three significant digits in scientific notation, `2.3e−5`.
    static func scientific(_ x: Double) -> String {
        guard x > 0, x.isFinite else { return formatNumber(x) }
        let exponent = Int(floor(log10(x)))
        return formatNumber(x / pow(10, Double(exponent)), digits: 2) + "e" + (exponent < 0 ? "−" : "") + String(abs(exponent))
    }
}
