import Testing
import CourseKit
@testable import XOR

@Suite struct SeparabilityTests {
    // The course's XOR is the real one, 0 1 1 0; the AND table is 0 0 0 1.
    @Test func truthTableIsXORNotAND() {
        let observed = (0..<4).map { n in xorInputRows[n, 0] != xorInputRows[n, 1] ? 1.0 : 0.0 }
        #expect(xorTargets == observed && xorTargets == [0, 1, 1, 0], "expected [0, 1, 1, 0], observed \(xorTargets)")
        #expect(andTargets == [0, 0, 0, 1])
        #expect(xorInputColumns == Matrix([[0, 0, 1, 1], [0, 1, 0, 1]]))
    }

    // No line gets all four XOR points right (Minsky and Papert 1969), while AND and OR are
    // separable: the grid search and 20,000 random lines agree.
    @Test func noLineSeparatesXOR() {
        #expect(bestLinearScore(targets: xorTargets) == 3)
        #expect(bestLinearScore(targets: andTargets) == 4)
        #expect(bestLinearScore(targets: [0, 1, 1, 1]) == 4)
        var random = SeededGenerator(seed: 3)
        for _ in 0..<20_000 {
            let (w1, w2, b) = (random.uniform(in: -5...5), random.uniform(in: -5...5), random.uniform(in: -5...5))
            let outputs = (0..<4).map { w1 * xorInputRows[$0, 0] + w2 * xorInputRows[$0, 1] + b }
            #expect(correctCount(outputs, threshold: 0) <= 3, "the line \(w1), \(w2), \(b) separates XOR")
        }
    }

    // The perceptron rule converges on AND and keeps making mistakes on XOR, epoch after epoch.
    @Test func perceptronNeverStopsOnXOR() {
        let xor = perceptronMistakes(targets: xorTargets, epochs: 50)
        #expect(xor.allSatisfy { $0 > 0 }, "mistakes per epoch on XOR: \(xor)")
        let and = perceptronMistakes(targets: andTargets, epochs: 50)
        #expect(and.suffix(10).allSatisfy { $0 == 0 }, "mistakes per epoch on AND: \(and)")
    }

    // Outputs are classified as 1 strictly above the threshold.
    @Test func classifiesStrictlyAboveTheThreshold() {
        #expect(classify([0.5, 0.5000001, -1, 2]) == [0, 1, 0, 1])
        #expect(correctCount([0.1, 0.9, 0.6, 0.4]) == 4 && correctCount([0.1, 0.9, 0.6, 0.5]) == 4)
        #expect(correctCount([0.6, 0.4, 0.6, 0.4]) == 2)
    }
}
