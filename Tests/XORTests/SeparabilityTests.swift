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

    // The perceptron rule of lesson 1 and exercise 2 (a mistake when t(w·x + b) ≤ 0) makes
    // 2, 3, 3, 2, 2, 3, 2, 1 mistakes on AND and then none; on XOR all four points are
    // mistakes in every epoch. From zero weights the first point, (0, 0) with t = −1, has
    // t·z = 0: a mistake under this rule, though step(0) = 0 equals its target.
    @Test func perceptronUsesLessonOnesRule() {
        let and = perceptronMistakes(targets: andTargets, epochs: 10)
        #expect(and == [2, 3, 3, 2, 2, 3, 2, 1, 0, 0], "AND: expected [2, 3, 3, 2, 2, 3, 2, 1, 0, 0], observed \(and)")
        let xor = perceptronMistakes(targets: xorTargets, epochs: 10)
        #expect(xor == Array(repeating: 4, count: 10), "XOR: expected 4 in every epoch, observed \(xor)")
        #expect(perceptronMistakes(targets: [0, 0, 0, 0], epochs: 1) == [1], "a point on the line is a mistake")
    }

    // The perceptron rule converges on AND and keeps making mistakes on XOR, epoch after epoch.
    @Test func perceptronNeverStopsOnXOR() {
        let xor = perceptronMistakes(targets: xorTargets, epochs: 50)
        #expect(xor.allSatisfy { $0 > 0 }, "mistakes per epoch on XOR: \(xor)")
        let and = perceptronMistakes(targets: andTargets, epochs: 50)
        #expect(and.suffix(10).allSatisfy { $0 == 0 }, "mistakes per epoch on AND: \(and)")
    }

    // The grid search counts a point on the line as wrong, as the perceptron rule does: the
    // line w = 0, b = 0 passes through all four points and scores 0, not the 2 that reading
    // z = 0 as class 0 would give; on a coarse grid (step 2) XOR's best strict score drops to 2.
    @Test func gridSearchCountsPointsOnTheLineAsWrong() {
        #expect(bestLinearScore(targets: [0, 0, 0, 0], step: 4) == 4, "b = −2 puts all four strictly below")
        #expect(bestLinearScore(targets: xorTargets, step: 2) == 2,
                "observed \(bestLinearScore(targets: xorTargets, step: 2)) on the grid {−2, 0, 2}")
    }

    // Outputs are classified as 1 strictly above the threshold.
    @Test func classifiesStrictlyAboveTheThreshold() {
        #expect(classify([0.5, 0.5000001, -1, 2]) == [0, 1, 0, 1])
        #expect(correctCount([0.1, 0.9, 0.6, 0.4]) == 4 && correctCount([0.1, 0.9, 0.6, 0.5]) == 4)
        #expect(correctCount([0.6, 0.4, 0.6, 0.4]) == 2)
    }
}
