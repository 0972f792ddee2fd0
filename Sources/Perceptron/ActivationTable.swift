import CourseKit

/// One row of the activation table: a scalar activation, its derivative, its range and its
/// smoothness, with the points where the derivative is only a convention.
public struct ActivationFunction: Sendable {
    /// The usual name, such as "sigmoid".
    public let name: String
    /// The definition in Unicode, such as "1/(1 + e^(−x))".
    public let definition: String
    /// The derivative in Unicode.
    public let derivativeFormula: String
    /// The set of values the function takes.
    public let range: String
    /// How smooth the function is: C⁰ (continuous), C¹, C^∞, or "none" for a jump.
    public let smoothness: String
    /// The function g.
    public let function: @Sendable (Double) -> Double
    /// Its derivative g′, with the stated convention at a kink.
    public let derivative: @Sendable (Double) -> Double
    /// Where g has a kink or a jump, so that a central difference there is no derivative.
    public let kinks: [Double]

    /// The slope a of the leaky ReLU in the table.
    public static let leakySlope = 0.1
    /// The α of the ELU in the table (α = 1 makes it C¹).
    public static let eluAlpha = 1.0

    /// The table of section 4, in its order: identity, sigmoid, step, tanh, ReLU, leaky ReLU,
    /// ELU, softplus and the Gaussian bump.
    public static let table: [ActivationFunction] = [
        ActivationFunction(name: "identity", definition: "x", derivativeFormula: "1 for all x",
                           range: "ℝ", smoothness: "C^∞",
                           function: { $0 }, derivative: { _ in 1 }, kinks: []),
        ActivationFunction(name: "sigmoid", definition: "1/(1 + e^(−x))", derivativeFormula: "σ(x)(1 − σ(x))",
                           range: "(0, 1)", smoothness: "C^∞",
                           function: sigmoid, derivative: sigmoidDerivative, kinks: []),
        ActivationFunction(name: "step", definition: "1 if x > 0, else 0", derivativeFormula: "0 (x ≠ 0)",
                           range: "{0, 1}", smoothness: "none",
                           function: step, derivative: stepDerivative, kinks: [0]),
        ActivationFunction(name: "tanh", definition: "(eˣ − e^(−x))/(eˣ + e^(−x))", derivativeFormula: "1 − tanh²x",
                           range: "(−1, 1)", smoothness: "C^∞",
                           function: { tanh($0) }, derivative: tanhDerivative, kinks: []),
        ActivationFunction(name: "ReLU", definition: "max(x, 0)", derivativeFormula: "0 (x < 0), 1 (x > 0)",
                           range: "[0, ∞)", smoothness: "C⁰",
                           function: relu, derivative: reluDerivative, kinks: [0]),
        ActivationFunction(name: "leaky ReLU", definition: "x (x ≥ 0), ax (x < 0)",
                           derivativeFormula: "1 (x > 0), a (x < 0)", range: "ℝ", smoothness: "C⁰",
                           function: { leakyRelu($0, slope: leakySlope) },
                           derivative: { leakyReluDerivative($0, slope: leakySlope) }, kinks: [0]),
        ActivationFunction(name: "ELU", definition: "x (x ≥ 0), α(eˣ − 1) (x < 0)",
                           derivativeFormula: "1 (x > 0), αeˣ (x < 0)", range: "(−α, ∞)",
                           smoothness: "C¹ if α = 1, else C⁰",
                           function: { elu($0, alpha: eluAlpha) },
                           derivative: { eluDerivative($0, alpha: eluAlpha) }, kinks: [0]),
        ActivationFunction(name: "softplus", definition: "log(1 + eˣ)", derivativeFormula: "σ(x)",
                           range: "(0, ∞)", smoothness: "C^∞",
                           function: softplus, derivative: softplusDerivative, kinks: []),
        ActivationFunction(name: "Gaussian", definition: "e^(−x²)", derivativeFormula: "−2x e^(−x²)",
                           range: "(0, 1]", smoothness: "C^∞",
                           function: gaussian, derivative: gaussianDerivative, kinks: []),
    ]

    /// GELU, a smooth cousin of ReLU used in transformers.
    public static let gelu = ActivationFunction(
        name: "GELU", definition: "x Φ(x)", derivativeFormula: "Φ(x) + x φ(x)",
        range: "[−0.17…, ∞)", smoothness: "C^∞",
        function: Perceptron.gelu, derivative: geluDerivative, kinks: [])

    /// The points where the lesson checks every derivative, none of them a kink.
    public static let checkPoints: [Double] = [-2.5, -1.2, -0.3, 0.4, 1.7, 3.1]

    /// Returns the largest relative error between `derivative` and central differences of
    /// `function` over the points, skipping any point within `margin` of a kink.
    /// - Complexity: 3 evaluations of the function per point.
    public func maxRelativeError(at points: [Double] = checkPoints, margin: Double = 1e-3,
                                 checker: GradientCheck = GradientCheck()) -> Double {
        let smoothPoints = points.filter { x in kinks.allSatisfy { abs(x - $0) > margin } }
        return smoothPoints.map { x in
            checker.check(analytic: [derivative(x)], of: { function($0[0]) }, at: [x]).maxRelativeError
        }.max() ?? 0
    }
}
