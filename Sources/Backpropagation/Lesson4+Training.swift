import CourseKit

extension Lesson4 {
    /// Section 6: finite differences, relative errors, kinks, and the mistakes a check catches.
    static func checkingGradients(_ console: LessonConsole) {
        console.heading("6. Checking gradients numerically")
        let study = FiniteDifferenceStudy(x: 0.5)
        var table = TextTable(header: ["step h", "forward difference error", "central difference error"])
        for row in study.rows {
            table.append([formatScientific(row.step), formatScientific(row.forwardError),
                          formatScientific(row.centralError)])
        }
        console.text("The derivative of tanh at x = 0.5, by finite differences, against 1 − tanh²(0.5):")
        console.block(table)
        console.text("Best step: \(formatScientific(study.bestForwardStep)) forward, "
                     + "\(formatScientific(study.bestCentralStep)) central. The checker uses h = 1e−5.")

        let checker = GradientCheck()
        let x = 3e-6
        let probe = GradientCheck.Probe(center: relu(x), plus: relu(x + checker.step), minus: relu(x - checker.step))
        let entry = checker.compare(index: 0, analytic: 1, probe: probe)
        console.text("""

            A kink: ReLU at x = 3e−6, within one step of 0. Its derivative there is 1, but
              forward slope (f(x+h) − f(x))/h = \(formatNumber((probe.plus - probe.center) / checker.step))
              backward slope (f(x) − f(x−h))/h = \(formatNumber((probe.center - probe.minus) / checker.step))
              central difference = \(formatNumber(entry.numeric)), relative error \
            \(formatNumber(entry.relativeError, digits: 2))
            The one-sided slopes disagree, so the checker marks the entry '\(entry.status.rawValue)' and skips it.
            """)

        let network = sectionFiveNetwork()
        var random = SeededGenerator(seed: 55)
        let batchX = random.matrix(rows: 2, columns: 6, in: -2...2)
        let batchY = random.matrix(rows: 2, columns: 6, in: -1...1)
        let pass = network.forward(batchX)
        let residual = pass.output - batchY
        let loss: ([Matrix]) -> Double = { p in
            var moved = network
            moved.weights[0] = p[0]
            return ReLUNetwork.squaredError(output: moved.forward(batchX).output, targets: batchY).loss
        }
        let variants: [(String, Matrix)] = [
            ("correct", network.backward(pass, outputGradient: 2 * residual).weights[0]),
            ("factor: ∂ℓ/∂f₃ = f₃ − y", network.backward(pass, outputGradient: residual).weights[0]),
            ("sign: ∂ℓ/∂f₃ = 2(y − f₃)", network.backward(pass, outputGradient: -2 * residual).weights[0]),
            ("missing ReLU mask", unmaskedGradientOfFirstWeights(network, pass, 2 * residual)),
        ]
        var mistakes = TextTable(header: ["gradient of Ω₀", "max rel. error", "analytic / numeric", "verdict"])
        for (name, gradient) in variants {
            let result = checker.check(analytic: gradient, of: { loss([$0]) }, at: network.weights[0])
            let ratios = result.entries.filter { abs($0.numeric) > 1e-6 }.map { $0.analytic / $0.numeric }
            let low = ratios.min() ?? 0, high = ratios.max() ?? 0
            let ratio = abs(high - low) < 1e-6 ? formatNumber(low, digits: 3)
                : "\(formatNumber(low, digits: 2)) … \(formatNumber(high, digits: 2))"
            mistakes.append([name, formatNumber(result.maxRelativeError, digits: 2), ratio,
                             result.passed ? "agrees" : "DISAGREES"])
        }
        console.text("\nThe check of section 5's Ω₀ against four versions of its gradient:")
        console.block(mistakes)
    }

    /// The gradient of Ω₀ computed with every ReLU mask forgotten, a classic mistake.
    private static func unmaskedGradientOfFirstWeights(_ network: ReLUNetwork, _ pass: ReLUNetwork.ForwardPass,
                                                       _ outputGradient: Matrix) -> Matrix {
        var dF = outputGradient
        for k in stride(from: network.weights.count - 1, through: 1, by: -1) {
            dF = network.weights[k].transposed * dF
        }
        return dF * pass.h[0].transposed
    }

    /// Section 7: gradient descent on a line with three learning rates.
    static func learningRates(_ console: LessonConsole) {
        console.heading("7. Gradient descent and the learning rate")
        var random = SeededGenerator(seed: 4)
        let xs = (0..<20).map { 3 * Double($0) / 19 }
        let fit = LineFit(x: xs, y: xs.map { 1.5 + 0.8 * $0 + 0.3 * random.normal() })
        let threshold = fit.divergenceThreshold
        let minimum = fit.minimum
        console.text("Fitting Φ₀ + Φ₁x to 20 noisy points of 1.5 + 0.8x by gradient descent from Φ = (0, 0).")
        console.text("The loss is quadratic; steps larger than 2/λ_max = \(formatNumber(threshold)) diverge. "
                     + "Its minimum, at the least-squares line Φ = (\(formatNumber(minimum.phi[0])), "
                     + "\(formatNumber(minimum.phi[1]))), is L = \(formatNumber(minimum.loss)).")
        let runs = [0.01, 0.15, 0.3].map { fit.descend(from: [0, 0], learningRate: $0, steps: 40) }
        var table = TextTable(header: ["α", "loss at step 0", "step 10", "step 40", "outcome"])
        for run in runs {
            let outcome = run.divergedAt.map { "diverged: loss > 1e6 at step \($0)" }
                ?? (run.losses.last! > 0.1 ? "too slow" : "converged")
            table.append([formatNumber(run.learningRate), formatNumber(run.losses[0]),
                          formatNumber(run.losses[10]), run.losses.count > 40 ? formatNumber(run.losses[40], digits: 6) : "—",
                          outcome])
        }
        console.block(table)
        let start = runs[0].losses[0]
        let marks: [Character] = ["s", "g", "d"]
        let series = zip(runs, marks).map { run, mark in
            TerminalPlot.Series(name: "α = \(formatNumber(run.learningRate))", mark: mark, values: run.losses)
        }
        console.text("\nLoss per step, clipped at the starting loss ('d' leaves the plot and does not come back):")
        console.block(TerminalPlot.lines(series, yRange: 0...(1.05 * start)))
        console.figure("learning-rates") {
            learningRatesFigure(runs, verdicts: runs.map { run in
                run.divergedAt.map { "diverges, clipped (> 10⁶ at step \($0))" }
                    ?? (run.losses.last! > 0.1 ? "too slow" : "converges")
            })
        }
    }

    /// The problem of section 8: six inputs of which only x₁ − 0.5x₂ matters, noise of standard
    /// deviation 0.5, 10 training and 40 validation examples, and a 6-12-1 network to train.
    static func sectionEightProblem() -> (problem: MiniBatchTraining, network: ReLUNetwork) {
        var random = SeededGenerator(seed: 4)
        func sample(_ n: Int) -> (Matrix, Matrix) {
            let x = random.normalMatrix(rows: 6, columns: n)
            let y = Matrix(rows: 1, columns: n) { _, j in x[0, j] - 0.5 * x[1, j] + 0.5 * random.normal() }
            return (x, y)
        }
        let (trainX, trainY) = sample(10)
        let (validationX, validationY) = sample(40)
        var initial = SeededGenerator(seed: 3)
        return (MiniBatchTraining(x: trainX, y: trainY, validationX: validationX, validationY: validationY),
                ReLUNetwork(layerSizes: [6, 12, 1], random: &initial))
    }

    /// Section 8: mini-batch SGD against full-batch descent, and early stopping.
    static func miniBatchesAndEarlyStopping(_ console: LessonConsole) {
        console.heading("8. Mini-batch SGD and early stopping")
        let (problem, network) = sectionEightProblem()
        console.text("""
            Six inputs, of which only x₁ − 0.5x₂ matters, plus noise of standard deviation 0.5; 10 training \
            examples, 40 validation examples; a 6-12-1 ReLU network, α = 0.02, error (1/N) Σ ½|f − y|².
            """)
        var comparison = TextTable(header: ["batch size B", "updates per epoch", "training error after 20 epochs"])
        var series: [TerminalPlot.Series] = []
        for (batchSize, mark) in [(10, Character("G")), (2, "m"), (1, "s")] {
            var order = SeededGenerator(seed: 5)
            let (_, history) = problem.train(network, epochs: 20, batchSize: batchSize, learningRate: 0.02,
                                             random: &order)
            comparison.append(["\(batchSize)", "\(history.updates[1])", formatNumber(history.training[20])])
            series.append(.init(name: "B = \(batchSize)", mark: mark, values: history.training))
        }
        console.block(comparison)
        console.text("\nTraining error per epoch (G: full batch, m: mini-batches of 2, s: one example at a time):")
        let top = 1.05 * (series.flatMap(\.points).map(\.y).max() ?? 1)
        console.block(TerminalPlot.lines(series, height: 10, yRange: 0...top))
        console.figure("batch-sizes") {
            SVGPlot.lines(series.map { SVGPlot.Series(name: $0.name, points: $0.points, style: .lineAndDots) },
                          title: "Training error per epoch for three batch sizes", xLabel: "epoch",
                          yLabel: "training error", yRange: 0...top)
        }

        var order = SeededGenerator(seed: 5)
        let (networks, history) = problem.train(network, epochs: 200, batchSize: 10, learningRate: 0.02, random: &order)
        let strict = MiniBatchTraining.earlyStopping(validation: history.validation, patience: 1)
        let patient = MiniBatchTraining.earlyStopping(validation: history.validation, patience: 20)
        console.text("\nFull-batch descent for 200 epochs, training and validation error:")
        let highest = 1.05 * max(history.training.max()!, history.validation.max()!)
        let stopLine = (0...24).map { (x: Double(strict.best), y: highest * Double($0) / 24) }
        console.block(TerminalPlot.lines([.init(name: "epoch kept by early stopping", mark: "|", points: stopLine),
                                          .init(name: "training", mark: "t", values: history.training),
                                          .init(name: "validation", mark: "v", values: history.validation)],
                                         height: 12, yRange: 0...highest))
        console.figure("early-stopping") {
            SVGPlot.lines([.init(name: "training", values: history.training),
                           .init(name: "validation", values: history.validation),
                           .init(name: "epoch \(strict.best), kept by early stopping",
                                 points: [(Double(strict.best), 0), (Double(strict.best), highest)], style: .dashed,
                                 color: "#555555")],
                          title: "Full-batch descent: training and validation error",
                          xLabel: "epoch", yLabel: "error", yRange: 0...highest)
        }
        var table = TextTable(header: ["rule", "stops at", "keeps", "validation error"])
        table.append(["stop at the first rise (patience 1)", "\(strict.stop)", "\(strict.best)",
                      formatNumber(history.validation[strict.best])])
        table.append(["patience 20", "\(patient.stop)", "\(patient.best)",
                      formatNumber(history.validation[patient.best])])
        table.append(["no early stopping", "200", "200", formatNumber(history.validation[200])])
        console.block(table)
        let kept = MiniBatchTraining.error(of: networks[strict.best], x: problem.validationX, y: problem.validationY)
        console.text("Training error at epoch 200: \(formatNumber(history.training[200])), against "
                     + "\(formatNumber(history.training[strict.best])) at epoch \(strict.best); "
                     + "the network kept from epoch \(strict.best) has validation error \(formatNumber(kept)).")
    }
}
