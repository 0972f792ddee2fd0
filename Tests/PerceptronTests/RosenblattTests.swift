import Testing
import CourseKit
import Perceptron

@Suite struct RosenblattTests {
    // The bias trick: with x₀ = 1 and w₀ = b, w̃·x̃ = w·x + b (section 1's worked example, z = −0.5).
    @Test func biasTrickGivesTheSamePreactivation() {
        let w = [2.0, -1.0], b = 0.5, x = [1.0, 3.0]
        let z = preactivation(weights: w, bias: b, x: x)
        #expect(z == -0.5, "w·x + b: expected −0.5, observed \(z)")
        let augmented = dot(absorbingBias(weights: w, bias: b), appendingConstantInput(x))
        #expect(augmented == z, "w̃·x̃: expected \(z), observed \(augmented)")
    }

    // predict gives +1 only when w·x + b > 0: a point on the boundary gets −1.
    @Test func predictGivesMinusOneOnTheBoundary() {
        #expect(predict(weights: [1, -2], bias: 0, x: [2, 1]) == -1, "w·x + b = 0 must give −1")
        #expect(predict(weights: [1, -2], bias: 1e-12, x: [2, 1]) == 1, "w·x + b > 0 must give +1")
        #expect(predict(weights: [1, -2], bias: -0.5, x: [2, 1]) == -1, "w·x + b < 0 must give −1")
    }

    // Rosenblatt's rule moves the boundary only after a mistake, and a point on the boundary
    // is a mistake whatever its label.
    @Test func stepUpdatesOnlyOnMistakes() {
        let mistake = perceptronStep(weights: [0.5, -1], bias: 0.25, x: [2, 3], label: 1, learningRate: 0.5)
        #expect(mistake.weights == [1.5, 0.5] && mistake.bias == 0.75, "after a mistake: observed \(mistake)")
        let correct = perceptronStep(weights: [0.5, -1], bias: 0.25, x: [2, 3], label: -1, learningRate: 0.5)
        #expect(correct.weights == [0.5, -1] && correct.bias == 0.25, "a correct point changed \(correct)")
        let onBoundary = perceptronStep(weights: [1, 1], bias: -1, x: [0.5, 0.5], label: -1, learningRate: 1)
        #expect(onBoundary.weights == [0.5, 0.5] && onBoundary.bias == -2, "a point on the boundary: \(onBoundary)")
    }

    // The lesson's set is separated in finitely many epochs: the last epoch has no mistake,
    // the final weights put every point strictly on its side, and the total number of updates
    // respects the convergence bound (R/γ)².
    @Test func separatesLinearlySeparableData() {
        let data = LabelledPoints.separable()
        let trained = trainPerceptron(points: data.points, labels: data.labels, learningRate: 1, maxEpochs: 100)
        #expect(trained.mistakes == [6, 2, 2, 2, 1, 2, 0], "mistakes per epoch: observed \(trained.mistakes)")
        for (x, t) in zip(data.points, data.labels) {
            let margin = Double(t) * preactivation(weights: trained.weights, bias: trained.bias, x: x)
            #expect(margin > 0, "the point \(x) with label \(t) has t(w·x + b) = \(margin)")
        }
        let bound = convergenceBound(points: data.points, labels: data.labels,
                                     separatorWeights: LabelledPoints.generatingLine.weights,
                                     separatorBias: LabelledPoints.generatingLine.bias)
        let updates = trained.mistakes.reduce(0, +)
        #expect(bound.margin > 0 && Double(updates) <= bound.maxUpdates,
                "\(updates) updates, bound (R/γ)² = \(bound.maxUpdates) with γ = \(bound.margin)")
    }

    // Separation in finitely many epochs holds for other seeds and learning rates too.
    @Test(arguments: [1, 2, 3, 5, 8, 13] as [UInt64], [0.1, 1.0, 7.5])
    func separatesOtherSeparableSets(seed: UInt64, learningRate: Double) {
        let data = LabelledPoints.separable(count: 40, seed: seed)
        let trained = trainPerceptron(points: data.points, labels: data.labels, learningRate: learningRate, maxEpochs: 200)
        #expect(trained.mistakes.last == 0, "seed \(seed), η = \(learningRate): mistakes \(trained.mistakes)")
        let correct = correctCount(weights: trained.weights, bias: trained.bias, points: data.points, labels: data.labels)
        #expect(correct == data.points.count, "seed \(seed): \(correct)/\(data.points.count) correct")
    }

    // Training stops after the first epoch without a mistake, and never exceeds maxEpochs.
    @Test func trainingStopsAtTheFirstCleanEpochOrAtMaxEpochs() {
        let points: [[Double]] = [[2, 2], [3, 3], [1, 1], [1.5, 1.5]]
        let labels = [1, 1, -1, -1]
        let full = trainPerceptron(points: points, labels: labels, learningRate: 0.5, maxEpochs: 50)
        #expect(full.mistakes == [3, 3, 2, 3, 2, 3, 2, 3, 2, 0], "observed \(full.mistakes)")
        #expect(full.weights == [0.75, 0.75] && full.bias == -2.5, "observed \(full.weights), \(full.bias)")
        let cut = trainPerceptron(points: points, labels: labels, learningRate: 0.5, maxEpochs: 4)
        #expect(cut.mistakes == [3, 3, 2, 3], "observed \(cut.mistakes)")
        #expect(trainPerceptron(points: points, labels: labels, learningRate: 1, maxEpochs: 0).mistakes.isEmpty)
    }

    // XOR is never separated: in 50 epochs every epoch has mistakes, no step ever classifies
    // all four points, and no line in the plane gets more than 3 of them (Minsky and Papert 1969).
    @Test func neverSeparatesXOR() {
        let data = LabelledPoints.xor
        let trained = trainPerceptron(points: data.points, labels: data.labels, learningRate: 1, maxEpochs: 50)
        #expect(trained.mistakes.count == 50, "stopped after \(trained.mistakes.count) epochs: \(trained.mistakes)")
        #expect(trained.mistakes.allSatisfy { $0 > 0 }, "an epoch without mistakes: \(trained.mistakes)")
        let counts = correctCountAfterEachStep(points: data.points, labels: data.labels, learningRate: 1, epochs: 50)
        #expect(counts.max() == 2, "strictly on their side: expected at most 2/4, observed \(counts.max() ?? 0)/4")
        #expect(bestLineCorrectCount(points: data.points, labels: data.labels) == 3, "a line got all of XOR")
        let best = bestLine(points: data.points, labels: data.labels)
        #expect(strictlyCorrectCount(weights: best.weights, bias: best.bias, points: data.points, labels: data.labels) == 3,
                "the best line \(best) should have 3 points strictly on their side")
        let truthTableOrder = trainPerceptron(points: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [-1, 1, 1, -1],
                                              learningRate: 1, maxEpochs: 10)
        #expect(truthTableOrder.mistakes == Array(repeating: 4, count: 10), "observed \(truthTableOrder.mistakes)")
    }

    // The line search is not blind: it finds a perfect line for separable data.
    @Test func lineSearchSeparatesSeparableData() {
        let data = LabelledPoints.separable()
        #expect(bestLineCorrectCount(points: data.points, labels: data.labels) == data.points.count)
    }

    // The 3/4 once printed for the rule came from a point on the line: after the fifth step
    // w = (1, 1), b = 0, and (0, 0), labelled −1, has z = 0. The prediction sends it to −1
    // (3 of 4 "correct"); the rule's own test t·z ≤ 0 makes it a mistake (2 of 4).
    @Test func threeQuartersNeededAPointOnTheLine() {
        let data = LabelledPoints.xor
        var (w, b) = ([0.0, 0.0], 0.0)
        for step in 0..<5 {
            let n = step % data.points.count
            (w, b) = perceptronStep(weights: w, bias: b, x: data.points[n], label: data.labels[n], learningRate: 1)
        }
        #expect(w == [1, 1] && b == 0, "after five steps: w = \(w), b = \(b)")
        #expect(correctCount(weights: w, bias: b, points: data.points, labels: data.labels) == 3)
        #expect(strictlyCorrectCount(weights: w, bias: b, points: data.points, labels: data.labels) == 2)
    }

    // A point on the line is wrong for the line search too: the lines through (0, 0) and
    // (1, 1) that the old search credited do not count.
    @Test func lineSearchCountsPointsOnTheLineAsWrong() {
        let points: [[Double]] = [[0, 0], [1, 1]], labels = [-1, 1]
        #expect(bestLineCorrectCount(points: points, labels: labels) == 2)
        #expect(bestLineCorrectCount(points: [[0, 0], [0, 0]], labels: [-1, 1]) == 1, "two labels at one point")
    }
}
