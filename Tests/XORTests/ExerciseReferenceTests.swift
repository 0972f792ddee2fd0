import Testing
import CourseKit
import XOR

/// The reference API that grades exercise 5 gives the numbers that `solutions/exercise5.swift`
/// prints on the same inputs.
@Suite struct ExerciseReferenceTests {
    static func close(_ observed: [Double], _ expected: [Double], tolerance: Double = 1e-9) -> Bool {
        observed.count == expected.count
            && zip(observed, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    // The forward pass: three hidden units, inputs in the hundreds, a non-symmetric W.
    @Test func forwardPassAgreesWithTheSolution() {
        let three = xorNetwork(inputs: Matrix([[0.5, -1.5, 2.0, 120, -250], [1.25, 0.75, -0.5, -80, 310]]),
                               weights: Matrix([[0.8, -1.2, 0.3], [0.4, 0.9, -0.7]]), bias: Matrix(column: [0.1, -0.3, 0.5]),
                               outputWeights: Matrix(column: [1.5, -0.6, 0.9]), outputBias: -0.2)
        #expect(Self.close(three.scalars, [1.165, -1.505, 3.355, 179.2, -347.42]), "observed \(three.scalars)")
        let skew = xorNetwork(inputs: xorInputColumns, weights: Matrix([[2, -1], [0.5, 1.5]]), bias: Matrix(column: [-0.5, 0.25]),
                              outputWeights: Matrix(column: [1, -0.75]), outputBias: 0.3)
        #expect(Self.close(skew.scalars, [0.1125, -1.0125, 1.8, 1.7375]), "observed \(skew.scalars)")
    }

    // The solution's own weight set (|x₁ − x₂|), evaluated with the reference forward pass.
    @Test func solutionsOwnWeightsSolveXOR() {
        let f = xorNetwork(inputs: xorInputColumns, weights: Matrix([[1, -1], [-1, 1]]), bias: Matrix(column: [0, 0]),
                           outputWeights: Matrix(column: [1, 1]), outputBias: 0)
        #expect(correctCount(f.row(0)) == 4)
    }

    static let startA = (Matrix([[0.5, -0.4], [0.3, 0.8]]), Matrix(column: [0.1, -0.2]), Matrix([[0.7, -0.6]]), 0.05)

    static func train(_ start: (Matrix, Matrix, Matrix, Double), inputs: Matrix = xorInputColumns, targets: [Double] = xorTargets,
                      learningRate: Double, steps: Int) -> [Double] {
        let r = trainSigmoidXOR(inputs: inputs, targets: targets, hiddenWeights: start.0, hiddenBias: start.1,
                                outputWeights: start.2, outputBias: start.3, learningRate: learningRate, steps: steps)
        return r.hiddenWeights.scalars + r.hiddenBias.scalars + r.outputWeights.scalars + [r.outputBias]
    }

    // Training: zero steps, one step, and 1000 steps from start A (4/4).
    @Test func trainingAgreesWithTheSolutionFromStartA() {
        #expect(Self.train(Self.startA, learningRate: 2, steps: 0) == [0.5, -0.4, 0.3, 0.8, 0.1, -0.2, 0.7, -0.6, 0.05])
        let one = Self.train(Self.startA, learningRate: 2, steps: 1)
        #expect(Self.close(one, [0.49280972495245967, -0.39987038384086815, 0.29703360205584045, 0.7959578044849585,
                                 0.08958378826659374, -0.19810320353697153, 0.6759293553289114, -0.6156835180264979,
                                 0.012204455160538488], tolerance: 1e-12), "observed \(one)")
        let many = Self.train(Self.startA, learningRate: 2, steps: 1000)
        #expect(Self.close(many, [6.567255232720012, -6.663191520753292, 6.325691873056349, -6.010247563305041,
                                  -3.5579307507650655, 2.9718202615884457, 10.65992764118652, -10.19034349574076,
                                  4.769842714203167], tolerance: 1e-7), "observed \(many)")
    }

    // Training from start D (4/4), from start B, on six inputs with three
    // hidden units, and with saturated units in the hundreds.
    @Test func trainingAgreesWithTheSolutionElsewhere() {
        let d = Self.train((Matrix([[-0.7, 0.9], [0.6, -0.45]]), Matrix(column: [0.3, 0.15]), Matrix([[0.85, 0.55]]), -0.25),
                           learningRate: 3, steps: 800)
        #expect(Self.close(d, [-6.936871101947633, 6.6932802419836515, 6.536993988679189, -6.81383904114407,
                               -3.6584890478295176, -3.5690813352207837, 11.819203026524125, 11.852259863241894,
                               -5.81347156197292], tolerance: 1e-7), "observed \(d)")
        let b = Self.train((Matrix([[-0.9, 0.65], [0.45, -0.3]]), Matrix(column: [0.25, 0.6]), Matrix([[-0.35, 0.8]]), -0.15),
                           learningRate: 1.5, steps: 1500)
        #expect(Self.close(b, [-5.15162510588564, 8.822954738549633, 3.753492469081032, 8.306740277432889,
                               3.6254090686317753, -1.302906204795156, -7.858865875473114, 7.188328521942449,
                               0.6687736176229527], tolerance: 1e-7), "observed \(b)")
        let c = Self.train((Matrix([[0.3, -0.5], [0.8, 0.2], [-0.6, 0.4]]), Matrix(column: [0.05, -0.1, 0.2]),
                            Matrix([[0.5, -0.7, 0.9]]), 0.1),
                           inputs: Matrix([[0.2, -1.0, 0.7, 1.5, -0.3, 0.9], [0.4, 0.6, -0.8, 0.1, -1.2, 1.1]]),
                           targets: [0.1, 0.9, 0.8, 0.3, 0.6, 0.2], learningRate: 0.5, steps: 50)
        #expect(Self.close(c, [0.08420948022907639, -0.7124818853680877, 1.1402202827750842, 0.65636471413659,
                               -0.9422102486527617, -0.0335980661129194, 0.013076125272510532, -0.12088826023105,
                               0.10044287962936106, 0.592210913824197, -1.3755493336754676, 1.0401179292929827,
                               -0.08415393236298564], tolerance: 1e-9), "observed \(c)")
        let big = Self.train((Matrix([[300, -250], [-400, 350]]), Matrix(column: [120, -80]), Matrix([[200, -300]]), 50),
                             learningRate: 0.5, steps: 3)
        #expect(Self.close(big, [300, -250, -400, 350, 120, -80, 199.25, -299.625, 49.625]), "observed \(big)")
    }
}
