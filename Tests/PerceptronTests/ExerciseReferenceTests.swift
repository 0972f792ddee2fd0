import CourseTestSupport
import Testing
import CourseKit
import Perceptron

/// The module's reference implementation agrees with `solutions/exercise1.swift` and
/// `solutions/exercise2.swift`: the expected numbers below are what the solution files return
/// (compiled alone against CourseKit), so the grader may use either as the reference.
@Suite struct ExerciseReferenceTests {
    /// Agreement up to rounding, with a floor for values that underflow differently.
    let tolerance = Tolerance(relative: 1e-12, absolute: 1e-15)

    // Exercise 1: every function, at inputs from −800 to 800.
    @Test func activationsAgreeWithTheSolution() {
        // Both signs, the kink, and magnitudes where exp overflows or a derivative underflows.
        let inputs: [Double] = [-800, -40, -3.1, -0.3, 0, 1.7, 800]

        // What solutions/exercise1.swift returns at these inputs, with slope 0.05 and α = 1.5.
        let expected: [(String, (Double) -> Double, [Double])] = [
            ("sigmoidDerivative", { x in sigmoidDerivative(x) }, [0.0, 4.248354255291589e-18, 0.04124901951253032, 0.24445831169074586, 0.25, 0.13060574696620808, 0.0]),
            ("tanhDerivative", { x in tanhDerivative(x) }, [0.0, 0.0, 0.008084873865486397, 0.9151369618266292, 1.0, 0.1250098706334466, 0.0]),
            ("leakyRelu", { x in leakyRelu(x, slope: 0.05) }, [-40.0, -2.0, -0.15500000000000003, -0.015, 0.0, 1.7, 800.0]),
            ("leakyReluDerivative", { x in leakyReluDerivative(x, slope: 0.05) }, [0.05, 0.05, 0.05, 0.05, 1.0, 1.0, 1.0]),
            ("elu", { x in elu(x, alpha: 1.5) }, [-1.5, -1.5, -1.4324261964096632, -0.3887726689774232, 0.0, 1.7, 800.0]),
            ("eluDerivative", { x in eluDerivative(x, alpha: 1.5) }, [0.0, 6.372531382937383e-18, 0.0675738035903367, 1.1112273310225769, 1.0, 1.0, 1.0]),
            ("softplus", { x in softplus(x) }, [0.0, 4.248354255291589e-18, 0.04406396793857385, 0.5543552444685271, 0.6931471805599453, 1.8677860293862658, 800.0]),
            ("softplusDerivative", { x in softplusDerivative(x) }, [0.0, 4.248354255291589e-18, 0.043107254941086116, 0.425557483188341, 0.5, 0.8455347349164652, 1.0]),
            ("swish", { x in swish(x) }, [-0.0, -1.6993417021166355e-16, -0.13363249031736696, -0.1276672449565023, 0.0, 1.437409049357991, 800.0]),
            ("swishDerivative", { x in swishDerivative(x) }, [0.0, -1.6568581595637197e-16, -0.08476470554775789, 0.3522199896811173, 0.5, 1.067564504759019, 1.0]),
        ]
        for (name, function, values) in expected {
            for (x, value) in zip(inputs, values) {
                expectClose(function(x), value, "\(name)(\(x))", tolerance: tolerance)
            }
        }
    }

    // Exercise 2: prediction, one step of the rule, and training with and without a bias.
    @Test func perceptronAgreesWithTheSolution() {
        #expect(predict(weights: [1, -2], bias: 0, x: [2, 1]) == -1)
        #expect(predict(weights: [1, -2], bias: 0.5, x: [2, 1]) == 1)
        let step = perceptronStep(weights: [0.5, -1], bias: 0.25, x: [2, 3], label: 1, learningRate: 0.5)
        #expect(step.weights == [1.5, 0.5] && step.bias == 0.75, "observed \(step)")
        let trained = trainPerceptron(points: [[2, 1], [1, 3], [-1, -1], [0.5, -2], [3, -1], [-2, 1]],
                                      labels: [1, 1, -1, -1, 1, -1], learningRate: 1, maxEpochs: 20)
        #expect(trained.weights == [3.5, 2] && trained.bias == -1 && trained.mistakes == [3, 0], "observed \(trained)")
        let shifted = trainPerceptron(points: [[2, 2], [3, 3], [1, 1], [1.5, 1.5]], labels: [1, 1, -1, -1],
                                      learningRate: 0.5, maxEpochs: 50)
        #expect(shifted.weights == [0.75, 0.75] && shifted.bias == -2.5
                && shifted.mistakes == [3, 3, 2, 3, 2, 3, 2, 3, 2, 0], "observed \(shifted)")
    }

    // Exercise 2: the sigmoid layer's loss and gradient on a 3×2 W, and on scores near 900.
    @Test func sigmoidLayerAgreesWithTheSolution() {
        let W = Matrix([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
        let b = Matrix(column: [0.1, -0.3, 0.2])
        let x = Matrix(column: [0.8, -0.6])
        let t = Matrix(column: [1, 0, 1])
        expectClose(sigmoidLayerLoss(weights: W, bias: b, x: x, target: t), 1.2159083134718043, "L", tolerance: tolerance)
        let g = sigmoidLayerGradient(weights: W, bias: b, x: x, target: t)
        #expect(g.weights.shape == (3, 2) && g.bias.shape == (3, 1), "shapes \(g.weights.shape), \(g.bias.shape)")
        expectClose(g.weights.scalars, [-0.07486997429256528, 0.056152480719423956, 0.23678342147196677,
                                        -0.17758756610397505, -0.18605767114294272, 0.13954325335720702],
                    "∂L/∂W", tolerance: tolerance)
        expectClose(g.bias.scalars, [-0.0935874678657066, 0.29597927683995845, -0.2325720889286784],
                    "∂L/∂b", tolerance: tolerance)
        let large = Matrix(column: [600, -2])
        expectClose(sigmoidLayerLoss(weights: W, bias: b, x: large, target: t), 2, "L at scores near 900", tolerance: tolerance)
        let saturated = sigmoidLayerGradient(weights: W, bias: b, x: large, target: t)
        expectClose(saturated.weights.scalars + saturated.bias.scalars,
                    [0, 0, 0, 0, -9.916201846617646e-195, 3.305400615539215e-197, 0, 0, -1.6527003077696076e-197],
                    "gradient at scores near 900", tolerance: tolerance)
    }
}
