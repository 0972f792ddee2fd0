import CourseKit

extension Lesson3 {
    /// The three trainings of sections 6 and 7: network, name, learning rate and steps.
    static let trainings: [(network: TwoLayerNetwork, name: String, learningRate: Double, steps: Int)] = [
        (.sigmoidSquaredError, "sigmoid, squared error", 8, 500),
        (.sigmoidCrossEntropy, "sigmoid, cross-entropy", 4, 500),
        (.reluSquaredError, "ReLU, linear output, squared error", 0.1, 500),
    ]

    /// The seed of the single run of section 6, for the course's own generator. The Keras
    /// notebook calls `np.random.seed(100)`, but NumPy's generator and Keras's initialisation
    /// are not reproduced here: this start is not the notebook's.
    static let kerasStartSeed: UInt64 = 100

    static func showSigmoidTraining(on console: LessonConsole) {
        console.heading("6. Training the sigmoid network")
        console.text("Basili and Croce's Keras example: y = σ(W′σ(Wx + b) + c), 2 inputs, 2 hidden units, 1 output, "
                     + "squared error L = (1/4) Σ_n (ŷ_n − y_n)², gradient descent on the whole batch, η = 8, 500 steps.")
        let (network, _, learningRate, steps) = trainings[0]
        let start = randomStarts(count: 1, seed: kerasStartSeed)[0]
        console.text("Start (uniform in [−1, 1], seed \(kerasStartSeed) of the course's generator, not the notebook's "
                     + "NumPy start): W, b, W′, c =")
        show(start, on: console)
        console.text()
        console.text("Backward pass against central differences at the start (GradientCheck):")
        var checks = TextTable(header: ["network", "parameters", "max relative error", "agrees"])
        for (network, name, _, _) in trainings {
            let result = gradientCheck(network, at: start)
            checks.append([name, "\(result.entries.count)", formatScientific(result.maxRelativeError, significantDigits: 3), result.passed ? "yes" : "no"])
        }
        console.block(checks)
        console.text()
        let (trained, losses) = network.train(start, inputs: xorInputColumns, targets: xorTargets,
                                              learningRate: learningRate, steps: steps)
        console.text("Loss during training:")
        console.block(TerminalPlot.lines([.init(name: "L", mark: "*", values: losses)], height: 10,
                                         yRange: 0...(1.05 * losses.max()!)))
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
        console.text("Correct after training: \(correctCount(after))/4, loss \(formatScientific(losses[0], significantDigits: 3)) → "
                     + formatScientific(network.loss(trained, inputs: xorInputColumns, targets: xorTargets), significantDigits: 3))
        console.text("Trained W, b, W′, c:")
        show(trained, on: console)
    }

    /// The seed of the 100 starts of section 7.
    static let manyStartsSeed: UInt64 = 2024
    /// How long section 7 trains the failed runs on, in steps in all: the sigmoid networks to
    /// 10,000, the ReLU one to 2,000.
    static let continuedSteps: [Int] = [10_000, 10_000, 2_000]

    /// Returns the runs of section 7 that failed after the first training, and the same runs
    /// trained on to `continuedSteps[index]` steps in all, in the same order.
    static func continuedFailures(_ index: Int, outcomes: [TrainingOutcome])
        -> (failed: [TrainingOutcome], later: [TrainingOutcome]) {
        let (network, _, learningRate, steps) = trainings[index]
        let failed = outcomes.filter { $0.correct < 4 }
        let later = trainFromManyStarts(network, starts: failed.map(\.parameters), learningRate: learningRate,
                                        steps: continuedSteps[index] - steps)
        return (failed, later)
    }

    static func showManyStarts(on console: LessonConsole) {
        console.heading("7. Many random starts: plateaus and traps")
        let starts = randomStarts(count: 100, seed: manyStartsSeed)
        console.text("The same 100 starts (uniform in [−1, 1], seed \(manyStartsSeed)) for each network:")
        var table = TextTable(header: ["network", "η", "steps", "4/4", "3/4", "2/4", "≤1/4", "dead unit"])
        var outcomesByNetwork: [[TrainingOutcome]] = []
        for (network, name, learningRate, steps) in trainings {
            let outcomes = trainFromManyStarts(network, starts: starts, learningRate: learningRate, steps: steps)
            outcomesByNetwork.append(outcomes)
            let count = { (k: Int) in outcomes.filter { $0.correct == k }.count }
            table.append([name, formatNumber(learningRate), "\(steps)", "\(count(4))", "\(count(3))", "\(count(2))",
                          "\(outcomes.filter { $0.correct <= 1 }.count)",
                          network.hidden == .relu ? "\(outcomes.filter { $0.deadUnits > 0 }.count)" : "—"])
        }
        console.block(table)
        console.text()
        console.text("Are the failures local minima? Each failed run trained on. For the runs still failing, "
                     + "the median gradient length ‖∂L/∂θ‖ and the median parameter length ‖θ‖, after 500 steps "
                     + "→ after more:")
        var later = TextTable(header: ["network", "failed", "steps", "solved", "‖∂L/∂θ‖", "‖θ‖"])
        let shortNames = ["σ, squared error", "σ, cross-entropy", "ReLU, squared error"]
        for index in trainings.indices {
            let runs = continuedFailures(index, outcomes: outcomesByNetwork[index])
            let stuck = runs.later.indices.filter { runs.later[$0].correct < 4 }
            let before = stuck.map { runs.failed[$0] }, after = stuck.map { runs.later[$0] }
            later.append([shortNames[index], "\(runs.failed.count)", formatCount(continuedSteps[index]),
                          "\(runs.later.count - stuck.count)",
                          formatScientific(median(before.map(\.gradientNorm))) + " → "
                            + formatScientific(median(after.map(\.gradientNorm))),
                          formatNumber(median(before.map(\.parameterNorm)), digits: 1) + " → "
                            + formatNumber(median(after.map(\.parameterNorm)), digits: 1)])
        }
        console.block(later)
        console.text("The failed sigmoid runs are not at a minimum: their gradient keeps shrinking while ‖θ‖ keeps "
                     + "growing. They drift along a plateau, two outputs pinned near 0.5 (loss → 2 · 0.5²/4 = 0.125 "
                     + "with the squared error, ln 2 / 2 ≈ 0.347 with the cross-entropy), towards ever larger weights; "
                     + "with the squared error the 2-2-1 sigmoid network has no local minimum at finite weights "
                     + "(Hamey 1998), and the cross-entropy runs behave the same. On a plateau "
                     + "that flat, gradient descent is stuck all the same. The ReLU runs do stop, at finite weights "
                     + "with a gradient of zero to rounding: a unit that is inactive (pre-activation ≤ 0) on an input "
                     + "gets no gradient from it, and a unit inactive on all four inputs is dead for good. One unit "
                     + "alone cannot compute XOR. Those are true traps.")
    }

    /// Returns the median of a list (the mean of the middle two for an even count), 0 for an
    /// empty one.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
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
                     + "b = \(listText(p.hiddenBias.column(0)))")
        console.text("  W′ = \(listText(p.outputWeights.row(0))),  c = \(formatNumber(p.outputBias))")
    }
}
