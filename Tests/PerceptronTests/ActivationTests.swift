import CourseTestSupport
import Testing
import CourseKit
import Perceptron

@Suite struct ActivationTests {
    let checker = GradientCheck()
    /// Points away from every kink, of both signs and several magnitudes.
    let points: [Double] = [-6.2, -2.5, -1.2, -0.3, 0.4, 1.7, 3.1, 5.8]

    // Seed 002's numbers: σ(0) = 1/2 and σ′(0) = σ(0)(1 − σ(0)) = 1/4, exactly.
    @Test func sigmoidIsOneHalfWithSlopeOneQuarterAtZero() {
        #expect(sigmoid(0) == 0.5, "σ(0): expected 0.5, observed \(sigmoid(0))")
        #expect(sigmoidDerivative(0) == 0.25, "σ′(0): expected 0.25, observed \(sigmoidDerivative(0))")
    }

    // Seed 002's derivation: σ′(x) = e^(−x)/(1 + e^(−x))² equals σ(x)(1 − σ(x)).
    @Test func sigmoidDerivativeMatchesTheChainRuleForm() {
        for x in points {
            let chainRule = exp(-x) / ((1 + exp(-x)) * (1 + exp(-x)))
            expectClose(sigmoidDerivative(x), chainRule, "σ′(\(x))", tolerance: Tolerance(relative: 1e-12, absolute: 1e-15))
        }
    }

    // Every row of the lesson's table (and GELU) has a derivative that agrees with central
    // differences at points away from its kinks.
    @Test(arguments: ActivationFunction.table + [ActivationFunction.gelu])
    func tableDerivativeAgreesWithCentralDifferences(_ g: ActivationFunction) {
        for x in points where g.kinks.allSatisfy({ abs(x - $0) > 1e-3 }) {
            expectPasses(checker.check(analytic: [g.derivative(x)], of: { g.function($0[0]) }, at: [x]), "\(g.name)′(\(x))")
        }
        #expect(g.maxRelativeError() < 1e-8, "\(g.name): max relative error \(g.maxRelativeError())")
    }

    // The activations of exercise 1 with other slopes and α than the table's.
    @Test(arguments: [0.01, 0.3, 2.0])
    func exerciseDerivativesAgreeWithCentralDifferences(_ parameter: Double) {
        let pairs: [(String, (Double) -> Double, (Double) -> Double)] = [
            ("tanh", { tanh($0) }, tanhDerivative),
            ("leaky ReLU", { leakyRelu($0, slope: parameter) }, { leakyReluDerivative($0, slope: parameter) }),
            ("ELU", { elu($0, alpha: parameter) }, { eluDerivative($0, alpha: parameter) }),
            ("softplus", softplus, softplusDerivative),
            ("swish", swish, swishDerivative),
        ]
        for (name, g, derivative) in pairs {
            for x in points {
                expectPasses(checker.check(analytic: [derivative(x)], of: { g($0[0]) }, at: [x]), "\(name)′(\(x)), parameter \(parameter)")
            }
        }
    }

    // The check is not blind: the derivative 1 − tanh x (square forgotten) fails it.
    @Test func centralDifferencesRejectAWrongDerivative() {
        let result = checker.check(analytic: [1 - tanh(0.4)], of: { tanh($0[0]) }, at: [0.4])
        #expect(!result.passed, "1 − tanh x passed as the derivative of tanh: \(result.entries)")
    }

    // softplus(x) = max(x, 0) + log(1 + e^(−|x|)) never overflows: softplus(800) = 800.
    @Test func softplusStaysFiniteForLargeInputs() {
        #expect(softplus(800) == 800, "softplus(800): expected 800, observed \(softplus(800))")
        #expect(softplus(-800) == 0, "softplus(−800): expected 0, observed \(softplus(-800))")
        expectClose(softplus(0), log(2), "softplus(0)")
        expectClose(softplus(1e-10), log(2) + 0.5e-10, "softplus(1e−10)")
    }

    // Every function of exercise 1 is finite for inputs in the hundreds and beyond.
    @Test func exerciseFunctionsAreFiniteForLargeInputs() {
        let functions: [(String, (Double) -> Double)] = [
            ("σ′", sigmoidDerivative), ("tanh′", tanhDerivative),
            ("leaky ReLU", { leakyRelu($0, slope: 0.1) }), ("leaky ReLU′", { leakyReluDerivative($0, slope: 0.1) }),
            ("ELU", { elu($0, alpha: 1.5) }), ("ELU′", { eluDerivative($0, alpha: 1.5) }),
            ("softplus", softplus), ("softplus′", softplusDerivative), ("swish", swish), ("swish′", swishDerivative),
        ]
        for (name, g) in functions {
            for x in [-1e6, -800, -710, 710, 800, 1e6] {
                #expect(g(x).isFinite, "\(name)(\(x)) = \(g(x)) is not finite")
            }
        }
    }

    // The conventions at the kink: the x ≥ 0 branch for leaky ReLU and ELU, 0 for ReLU.
    @Test func derivativesFollowTheStatedConventionsAtZero() {
        #expect(leakyReluDerivative(0, slope: 0.1) == 1, "leaky ReLU′(0) = \(leakyReluDerivative(0, slope: 0.1))")
        #expect(eluDerivative(0, alpha: 2) == 1, "ELU′(0) = \(eluDerivative(0, alpha: 2))")
        #expect(reluDerivative(0) == 0, "ReLU′(0) = \(reluDerivative(0))")
        #expect(leakyReluDerivative(-1e-300, slope: 0.1) == 0.1, "leaky ReLU′ just below 0")
    }

    // ELU is C¹ only for α = 1: the derivative's limit from the left, α e⁰ = α, must meet 1.
    @Test func eluDerivativeIsContinuousOnlyForAlphaOne() {
        for alpha in [0.5, 1.0, 2.0] {
            let left = eluDerivative(-1e-9, alpha: alpha)
            expectClose(left, alpha, "ELU′(0⁻) with α = \(alpha)", tolerance: Tolerance(relative: 1e-8, absolute: 0))
            #expect((abs(left - 1) < 1e-8) == (alpha == 1), "ELU′ jumps from \(left) to 1 at 0 for α = \(alpha)")
        }
    }

    // The table's ranges: GELU's minimum is about −0.17 (at x ≈ −0.75), the ELU stays above −α,
    // the Gaussian peaks at 1.
    @Test func rangesInTheTableHold() {
        let xs = stride(from: -10.0, through: 10.0, by: 0.001).map { $0 }
        let geluMinimum = xs.map(gelu).min()!
        expectClose(geluMinimum, -0.16997, "min GELU", tolerance: Tolerance(relative: 0, absolute: 1e-5))
        #expect(xs.allSatisfy { elu($0, alpha: 1) > -1 }, "ELU dips below −α")
        #expect(gaussian(0) == 1 && xs.allSatisfy { gaussian($0) <= 1 }, "the Gaussian exceeds 1")
    }

    // Softmax: the probabilities sum to 1, the Jacobian sᵢ(δᵢⱼ − sⱼ) agrees with central
    // differences, and each of its columns sums to 0.
    @Test func softmaxJacobianAgreesWithCentralDifferences() {
        for z in [[1.0, 2.0, 0.5], [-3.0, 0.2, 4.0, 1.1], [300.0, 301.0]] {
            let s = softmax(z)
            expectClose(s.reduce(0, +), 1, "Σ softmax(\(z))")
            let check = checkSoftmaxJacobian(at: z)
            #expect(check.passed && check.maxRelativeError < 1e-6, "softmax Jacobian at \(z): \(check.maxRelativeError)")
            let jacobian = softmaxJacobian(z)
            for j in 0..<z.count {
                expectClose(jacobian.column(j).reduce(0, +), 0, "column \(j) of the Jacobian at \(z)",
                            tolerance: Tolerance(relative: 0, absolute: 1e-15))
            }
        }
    }
}
