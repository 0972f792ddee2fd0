import CourseTestSupport
import Testing
import CourseKit
@testable import Backpropagation

@Suite struct TrainingTests {
    static func line() -> LineFit {
        var random = SeededGenerator(seed: 4)
        let xs = (0..<20).map { 3 * Double($0) / 19 }
        return LineFit(x: xs, y: xs.map { 1.5 + 0.8 * $0 + 0.3 * random.normal() })
    }

    // ∂L/∂Φ₀ = (2/N) Σ rᵢ and ∂L/∂Φ₁ = (2/N) Σ rᵢxᵢ agree with central differences.
    @Test func lineGradientPassesTheGradientCheck() {
        let fit = Self.line()
        let point = [0.3, -0.4]
        let result = GradientCheck().check(analytic: fit.gradient(point), of: fit.loss, at: point)
        #expect(result.passed, "\(result.failures)")
    }

    // Gradient descent on a quadratic converges just below α = 2/λ_max and diverges just above.
    @Test func divergesExactlyAboveTheThreshold() {
        let fit = Self.line()
        let threshold = fit.divergenceThreshold
        let below = fit.descend(from: [0, 0], learningRate: 0.95 * threshold, steps: 400)
        let above = fit.descend(from: [0, 0], learningRate: 1.05 * threshold, steps: 400)
        #expect(below.divergedAt == nil && below.losses.last! < 0.1,
                "α = 0.95·\(threshold) should converge; final loss \(below.losses.last!)")
        #expect(above.divergedAt != nil, "α = 1.05·\(threshold) should diverge")
    }

    // The lesson's three learning rates: 0.01 is still far from the minimum after 40 steps,
    // 0.15 has converged, 0.3 blows past 10⁶.
    @Test func lessonsLearningRatesAreSlowGoodAndDivergent() {
        let fit = Self.line()
        let runs = [0.01, 0.15, 0.3].map { fit.descend(from: [0, 0], learningRate: $0, steps: 40) }
        #expect(runs[0].divergedAt == nil && runs[0].losses[40] > 2 * runs[1].losses[40])
        #expect(runs[1].divergedAt == nil && runs[1].losses[40] < 0.1)
        #expect(runs[2].divergedAt != nil)
    }

    // The minimum is the least-squares line: zero gradient there, loss 0.0689, below the
    // 0.070036 that α = 0.15 reaches after 40 steps (which the lesson once called the minimum),
    // and long descent converges to it.
    @Test func minimumIsTheLeastSquaresLine() {
        let fit = Self.line()
        let (phi, loss) = fit.minimum
        expectClose(fit.gradient(phi), [0, 0], relative: 0, absolute: 1e-12, "∂L/∂Φ at the minimum")
        #expect(abs(loss - 0.0689) < 5e-5, "expected 0.0689, observed \(loss)")
        let run = fit.descend(from: [0, 0], learningRate: 0.15, steps: 40)
        #expect(abs(run.losses[40] - 0.070036) < 5e-7 && run.losses[40] > loss, "step 40: \(run.losses[40])")
        let long = fit.descend(from: [0, 0], learningRate: 0.15, steps: 2000)
        #expect(abs(long.losses.last! - loss) < 1e-12, "after 2,000 steps \(long.losses.last!), minimum \(loss)")
    }

    // Patience 1 stops at the first rise and keeps the epoch before it; a longer patience
    // waits for a later, lower minimum.
    @Test func earlyStoppingKeepsTheBestEpoch() {
        let validation = [5, 4, 3, 3.5, 2, 2.5, 2.6, 2.7, 2.8]
        let strict = MiniBatchTraining.earlyStopping(validation: validation, patience: 1)
        #expect(strict.stop == 3 && strict.best == 2, "observed \(strict)")
        let patient = MiniBatchTraining.earlyStopping(validation: validation, patience: 3)
        #expect(patient.stop == 7 && patient.best == 4, "observed \(patient)")
        let never = MiniBatchTraining.earlyStopping(validation: [3, 2, 1], patience: 1)
        #expect(never.stop == 2 && never.best == 2, "observed \(never)")
    }

    // A batch size of N makes one update per epoch, a batch size of 1 makes N, and training
    // lowers the training error.
    @Test func miniBatchesCountUpdates() {
        var random = SeededGenerator(seed: 2)
        let x = random.normalMatrix(rows: 3, columns: 8), y = random.normalMatrix(rows: 1, columns: 8)
        let problem = MiniBatchTraining(x: x, y: y, validationX: x, validationY: y)
        var initial = SeededGenerator(seed: 3)
        let network = ReLUNetwork(layerSizes: [3, 6, 1], random: &initial)
        for batchSize in [8, 3, 1] {
            var order = SeededGenerator(seed: 5)
            let (networks, history) = problem.train(network, epochs: 5, batchSize: batchSize, learningRate: 0.02,
                                                    random: &order)
            let perEpoch = (8 + batchSize - 1) / batchSize
            #expect(history.updates == (0...5).map { $0 * perEpoch }, "B = \(batchSize): \(history.updates)")
            #expect(networks.count == 6 && history.training[5] < history.training[0])
        }
    }

    // The lesson's full-batch run overfits: after epoch 26 the training error keeps falling
    // while the validation error rises, so early stopping keeps a better network than the last.
    @Test func earlyStoppingBeatsTrainingToTheEnd() {
        let (problem, network) = Lesson4.sectionEightProblem()
        var order = SeededGenerator(seed: 5)
        let (_, history) = problem.train(network, epochs: 200, batchSize: 10, learningRate: 0.02, random: &order)
        let (stop, best) = MiniBatchTraining.earlyStopping(validation: history.validation, patience: 1)
        #expect(stop == 27 && best == 26, "observed stop \(stop), best \(best)")
        #expect(history.training[200] < history.training[best] / 10,
                "training error \(history.training[best]) at epoch \(best), \(history.training[200]) at 200")
        #expect(history.validation[best] < history.validation[200] - 0.1,
                "validation error \(history.validation[best]) at epoch \(best), \(history.validation[200]) at 200")
    }

    // The central difference's error falls like h² down to about h = 1e−5 and then grows
    // with rounding; the forward difference's best step is smaller, near 1e−8.
    @Test func centralDifferencesAreSecondOrder() {
        let study = FiniteDifferenceStudy(x: 0.5)
        #expect(study.bestCentralStep == 1e-5, "observed \(study.bestCentralStep)")
        #expect(study.bestForwardStep == 1e-8, "observed \(study.bestForwardStep)")
        let ratio = study.rows[1].centralError / study.rows[2].centralError
        expectClose(ratio, 100, tolerance: .init(relative: 0.01, absolute: 0), "error ratio for h = 1e−2 and 1e−3")
        let forwardRatio = study.rows[1].forwardError / study.rows[2].forwardError
        expectClose(forwardRatio, 10, tolerance: .init(relative: 0.05, absolute: 0), "forward error ratio")
    }
}
