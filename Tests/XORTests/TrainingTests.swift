import Testing
import CourseKit
@testable import XOR

@Suite struct TrainingTests {
    static let networks: [TwoLayerNetwork] = [.sigmoidSquaredError, .sigmoidCrossEntropy, .reluSquaredError]

    // Every backward pass agrees with central differences, at ten random points each, on XOR
    // and on a batch of six inputs with three hidden units (kinks of the ReLU are skipped).
    @Test func backwardPassAgreesWithCentralDifferences() {
        var random = SeededGenerator(seed: 5)
        let wide = random.matrix(rows: 2, columns: 6, in: -2...2), wideTargets = [0.1, 0.9, 0.8, 0.3, 0.6, 0.2]
        for network in Self.networks {
            for trial in 0..<10 {
                let hidden = trial < 5 ? 2 : 3
                let p = TwoLayerParameters.random(hidden: hidden, in: -2...2, using: &random)
                let (inputs, targets) = trial < 5 ? (xorInputColumns, xorTargets) : (wide, wideTargets)
                let result = GradientCheck().check(
                    analytic: network.gradient(p, inputs: inputs, targets: targets).scalars,
                    of: { network.loss(TwoLayerParameters(scalars: $0, shapedLike: p), inputs: inputs, targets: targets) },
                    at: p.scalars)
                #expect(result.passed, "\(network.hidden)/\(network.loss), trial \(trial): \(result.failures)")
            }
        }
    }

    // The cross-entropy is computed from z₂, so it stays finite for saturated outputs, and it
    // equals −[y log ŷ + (1 − y) log(1 − ŷ)] where that is finite.
    @Test func crossEntropyStaysFiniteAndMatchesItsDefinition() {
        let network = TwoLayerNetwork.sigmoidCrossEntropy
        let moderate = TwoLayerParameters(hiddenWeights: Matrix([[0.5, -0.4], [0.3, 0.8]]), hiddenBias: Matrix(column: [0.1, -0.2]),
                                          outputWeights: Matrix([[0.7, -0.6]]), outputBias: 0.05)
        let outputs = network.outputs(moderate, inputs: xorInputColumns)
        let expected = meanBinaryCrossEntropy(outputs, xorTargets)
        let observed = network.loss(moderate, inputs: xorInputColumns, targets: xorTargets)
        #expect(abs(observed - expected) < 1e-12, "expected \(expected), observed \(observed)")
        let saturated = TwoLayerParameters(hiddenWeights: Matrix([[300, -250], [-400, 350]]), hiddenBias: Matrix(column: [120, -80]),
                                           outputWeights: Matrix([[200, -300]]), outputBias: 50)
        let loss = network.loss(saturated, inputs: xorInputColumns, targets: xorTargets)
        #expect(loss.isFinite && loss > 10, "loss \(loss)")
        #expect(network.gradient(saturated, inputs: xorInputColumns, targets: xorTargets).scalars.allSatisfy { $0.isFinite })
    }

    // Seed 002's sigmoid network, trained from the lesson's start, classifies all four inputs
    // and its loss goes down.
    @Test func sigmoidNetworkLearnsXOR() {
        let (network, _, learningRate, steps) = Lesson3.trainings[0]
        let start = randomStarts(count: 1, seed: Lesson3.kerasStartSeed)[0]
        let (trained, losses) = network.train(start, inputs: xorInputColumns, targets: xorTargets,
                                              learningRate: learningRate, steps: steps)
        let outputs = network.outputs(trained, inputs: xorInputColumns)
        #expect(correctCount(outputs) == 4, "outputs \(outputs)")
        #expect(losses.count == steps && losses.last! < losses.first! / 100, "loss \(losses.first!) → \(losses.last!)")
    }

    // Local minima are real: of the same 100 starts, 87, 85 and 25 runs reach 4/4 for the
    // three networks, and most failed ReLU runs have a dead hidden unit.
    @Test func manyStartsShowLocalMinima() {
        let starts = randomStarts(count: 100, seed: 2024)
        let reached = Lesson3.trainings.map { network, _, learningRate, steps in
            trainFromManyStarts(network, starts: starts, learningRate: learningRate, steps: steps).filter { $0.correct == 4 }.count
        }
        #expect(reached == [87, 85, 25], "expected [87, 85, 25], observed \(reached)")
    }

    // A ReLU network trained in column form is Goodfellow et al.'s network with W → Wᵀ,
    // c → b, w → W′ᵀ and b → c.
    @Test func columnFormIsGoodfellowsFormTransposed() {
        let start = randomStarts(count: 1, seed: 9)[0]
        let p = TwoLayerNetwork.reluSquaredError.train(start, inputs: xorInputColumns, targets: xorTargets,
                                                       learningRate: 0.1, steps: 200).parameters
        let columnForm = TwoLayerNetwork.reluSquaredError.outputs(p, inputs: xorInputColumns)
        let goodfellow = xorNetwork(inputs: xorInputColumns, weights: p.hiddenWeights.transposed, bias: p.hiddenBias,
                                    outputWeights: p.outputWeights.transposed, outputBias: p.outputBias).row(0)
        #expect(zip(columnForm, goodfellow).allSatisfy { abs($0 - $1) < 1e-12 }, "\(columnForm) vs \(goodfellow)")
    }
}
