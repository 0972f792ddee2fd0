import Testing
import CourseKit

@Suite struct ActivationAndLossTests {
    // The documents' values: σ(0) = 0.5 and σ′(0) = σ(0)(1 − σ(0)) = 0.25.
    @Test func sigmoidAtZero() {
        #expect(sigmoid(0) == 0.5)
        #expect(sigmoid(0) * (1 - sigmoid(0)) == 0.25)
    }

    @Test func sigmoidStaysFiniteAndSymmetricForLargeInputs() {
        #expect(sigmoid(800) == 1)
        #expect(sigmoid(-800) == 0)
        for x in [-30.0, -2, 0.5, 7] { #expect(abs(sigmoid(x) + sigmoid(-x) - 1) < 1e-15) }
    }

    @Test func reluAndStep() {
        #expect(relu(-2) == 0 && relu(3) == 3)
        #expect(step(-1) == 0 && step(0) == 0 && step(0.1) == 1)
        #expect(relu(Matrix([[-1, 2]])) == Matrix([[0, 2]]))
    }

    @Test func softmaxSumsToOneAndSurvivesLargeScores() {
        let p = softmax([1000, 1001, 1002])
        #expect(p.allSatisfy { $0.isFinite })
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
        #expect(abs(p[2] - 0.6652409557748219) < 1e-12)
        let columns = softmaxColumns(Matrix([[1, 0], [2, 0], [3, 0]]))
        #expect(abs(columns.column(0).reduce(0, +) - 1) < 1e-12)
        #expect(columns.column(1).allSatisfy { abs($0 - 1.0 / 3) < 1e-12 })
    }

    @Test func lossesMatchTheirDefinitions() {
        #expect(squaredError(3, 1) == 4)
        #expect(meanSquaredError([1, 2], [0, 0]) == 2.5)
        #expect(abs(binaryCrossEntropy(0.5, 1) - log(2)) < 1e-15)
        #expect(binaryCrossEntropy(0, 1).isFinite)
        #expect(abs(meanBinaryCrossEntropy([0.9, 0.2], [1, 0]) - (-log(0.9) - log(0.8)) / 2) < 1e-15)
        #expect(abs(softmaxCrossEntropy([1000, 0], trueClass: 1) - 1000) < 1e-9)
    }

    @Test func toleranceRejectsNaNAndInfinity() {
        let t = Tolerance(relative: 1e-6, absolute: 1e-9)
        #expect(t.accepts(1 + 1e-7, 1))
        #expect(!t.accepts(1.001, 1))
        #expect(t.accepts(1e-10, 0))
        #expect(!t.accepts(.nan, .nan))
        #expect(!t.accepts(.infinity, .infinity))
        #expect(relativeError(.nan, 1) == .infinity)
        #expect(relativeError(2, 1) == 0.5)
    }
}
