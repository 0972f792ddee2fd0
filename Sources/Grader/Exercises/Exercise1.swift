import CourseKit
import Perceptron

extension Catalogue {
    /// Exercise 1: activation functions and their derivatives (lesson 1, the activation table).
    static let exercise1 = Exercise(
        number: 1, title: "Activation functions and their derivatives", lesson: 1,
        functions: [
            "func sigmoidDerivative(_ x: Double) -> Double",
            "func tanhDerivative(_ x: Double) -> Double",
            "func leakyRelu(_ x: Double, slope: Double) -> Double",
            "func leakyReluDerivative(_ x: Double, slope: Double) -> Double",
            "func elu(_ x: Double, alpha: Double) -> Double",
            "func eluDerivative(_ x: Double, alpha: Double) -> Double",
            "func softplus(_ x: Double) -> Double",
            "func softplusDerivative(_ x: Double) -> Double",
            "func swish(_ x: Double) -> Double",
            "func swishDerivative(_ x: Double) -> Double",
        ],
        hints: [
            "Sections 4 and 5 of lessons/lesson1-perceptron.md have the table: every derivative there can be written with the function itself, for example σ′ = σ(1 − σ). CourseKit's sigmoid(_:) and Glibc's tanh, exp and log1p are available.",
            "For the piecewise functions, test the sign of x first: leaky ReLU and ELU use the slope or α only where x < 0. At exactly 0 the course's convention is the right-hand side (derivative 1).",
            "softplus(x) = log(1 + eˣ) overflows for x ≈ 800 because e⁸⁰⁰ = ∞. Use softplus(x) = max(x, 0) + log1p(e^(−|x|)): the exponent is never positive. Its derivative is σ(x).",
            "swish(x) = x σ(x) is a product: its derivative is σ(x) + x σ′(x) = σ(x) + x σ(x)(1 − σ(x)). Forgetting the second term is the usual mistake.",
        ],
        checks: [
            Check("sigmoidDerivative is σ(x)(1 − σ(x))", points: 1,
                  hints: ["Let s = sigmoid(x), CourseKit's, and return s * (1 - s). A formula written with exp(-x), such as e^(−x) / (1 + e^(−x))², gives NaN for very negative x; sigmoid(_:) never overflows."]) { t in
                try t.batched {
                    for x in [-4.5, -1.25, 0, 0.75, 3.5] {
                        t.expect(try t.number("sigmoidDerivative", x), equals: Perceptron.sigmoidDerivative(x), "sigmoidDerivative(\(x))")
                    }
                }
            },
            Check("tanhDerivative is 1 − tanh²(x)", points: 1,
                  hints: ["Let t = tanh(x) and return 1 - t * t: one minus the square of tanh(x), not of x, and not 1 - t."]) { t in
                try t.batched {
                    for x in [-2.5, -0.4, 0.3, 1.7] {
                        t.expect(try t.number("tanhDerivative", x), equals: Perceptron.tanhDerivative(x), "tanhDerivative(\(x))",
                                 mistakes: [Mistake("This is 1 − tanh(x): the square is missing, the derivative is 1 − tanh(x)².", 1 - tanh(x))])
                    }
                }
            },
            Check("leakyRelu and its derivative on both sides of 0 and at 0", points: 1,
                  hints: ["leakyRelu(x, slope) is x where x ≥ 0 and slope · x where x < 0. Its derivative is 1 where x ≥ 0 and slope where x < 0: not 0, which is plain ReLU's."]) { t in
                try t.batched {
                    for (x, slope) in [(-3.0, 0.01), (-0.5, 0.2), (0, 0.2), (0.8, 0.2), (4.0, 0.01)] {
                        t.expect(try t.number("leakyRelu", x, slope), equals: Perceptron.leakyRelu(x, slope: slope), "leakyRelu(\(x), slope: \(slope))")
                        t.expect(try t.number("leakyReluDerivative", x, slope), equals: Perceptron.leakyReluDerivative(x, slope: slope),
                                 "leakyReluDerivative(\(x), slope: \(slope))",
                                 mistakes: x < 0 ? [Mistake("For x < 0 the derivative is the slope, not 0: that is plain ReLU's derivative.", 0)]
                                     : x == 0 ? [Mistake("At the kink x = 0 the convention is the x ≥ 0 branch: the derivative is 1, not the slope (test x ≥ 0, not x > 0).", slope)] : [])
                    }
                }
            },
            Check("elu and its derivative, with α ≠ 1, and at 0", points: 1,
                  hints: ["elu(x, alpha) is x where x ≥ 0 and α(eˣ − 1) where x < 0. Its derivative is 1 where x ≥ 0 and α eˣ where x < 0: keep the factor α."]) { t in
                try t.batched {
                    for (x, alpha) in [(-2.0, 0.5), (-0.3, 1.5), (0, 1.5), (0.6, 0.5), (2.5, 1.0)] {
                        t.expect(try t.number("elu", x, alpha), equals: Perceptron.elu(x, alpha: alpha), "elu(\(x), alpha: \(alpha))")
                        t.expect(try t.number("eluDerivative", x, alpha), equals: Perceptron.eluDerivative(x, alpha: alpha),
                                 "eluDerivative(\(x), alpha: \(alpha))",
                                 mistakes: x < 0 ? [Mistake("For x < 0 the derivative of α(eˣ − 1) is α eˣ: the factor α is missing.", exp(x))]
                                     : x == 0 ? [Mistake("At the kink x = 0 the convention is the x ≥ 0 branch: the derivative is 1, not α (test x ≥ 0, not x > 0).", alpha)] : [])
                    }
                }
            },
            Check("softplus and its derivative on ordinary inputs", points: 1,
                  hints: ["softplus(x) = log(1 + eˣ), which log1p(exp(x)) computes accurately near 0. Its derivative is eˣ / (1 + eˣ): that is σ(x), CourseKit's sigmoid(x)."]) { t in
                try t.batched {
                    for x in [-6.0, -0.5, 0, 1.25, 9] {
                        t.expect(try t.number("softplus", x), equals: Perceptron.softplus(x), "softplus(\(x))")
                        t.expect(try t.number("softplusDerivative", x), equals: Perceptron.softplusDerivative(x), "softplusDerivative(\(x))")
                    }
                }
            },
            Check("swish and its derivative", points: 1,
                  hints: ["swish(x) = x · sigmoid(x). Its derivative needs the product rule: the derivative of x times σ(x), plus x times the derivative of σ(x)."]) { t in
                try t.batched {
                    for x in [-5.0, -1.1, 0.4, 2.2] {
                        t.expect(try t.number("swish", x), equals: Perceptron.swish(x), "swish(\(x))")
                        t.expect(try t.number("swishDerivative", x), equals: Perceptron.swishDerivative(x), "swishDerivative(\(x))",
                                 mistakes: [Mistake("This is only σ(x): the derivative of x σ(x) is σ(x) + x σ(x)(1 − σ(x)); the second term is missing.", sigmoid(x))])
                    }
                }
            },
            Check("every derivative agrees with central differences of your own function", points: 2, partialCredit: true,
                  hints: ["This check differentiates your own functions numerically, (f(x + h) − f(x − h)) / 2h, and compares with your derivatives. Its message names the pair that disagrees: fix that derivative, or the function if the derivative matches the lesson's table."]) { t in
                try expectDerivatives(t, at: [-1.7, -0.35, 0.45, 2.1])
            },
            Check("every function is finite and right for |x| in the hundreds: softplus(800) = 800", points: 2) { t in
                try expectFarOut(t, at: [-800, -300, 300, 800])
            },
            Check("every function agrees with the reference on 100 seeded inputs, with 0 and ±800 among them", points: 1) { t in
                let functions: [(String, (Double) throws -> Double, (Double) -> Double)] = [
                    ("sigmoidDerivative", { try t.number("sigmoidDerivative", $0) }, Perceptron.sigmoidDerivative),
                    ("tanhDerivative", { try t.number("tanhDerivative", $0) }, Perceptron.tanhDerivative),
                    ("leakyRelu(_:slope: 0.1)", { try t.number("leakyRelu", $0, 0.1) }, { Perceptron.leakyRelu($0, slope: 0.1) }),
                    ("leakyReluDerivative(_:slope: 0.1)", { try t.number("leakyReluDerivative", $0, 0.1) }, { Perceptron.leakyReluDerivative($0, slope: 0.1) }),
                    ("elu(_:alpha: 1.3)", { try t.number("elu", $0, 1.3) }, { Perceptron.elu($0, alpha: 1.3) }),
                    ("eluDerivative(_:alpha: 1.3)", { try t.number("eluDerivative", $0, 1.3) }, { Perceptron.eluDerivative($0, alpha: 1.3) }),
                    ("softplus", { try t.number("softplus", $0) }, Perceptron.softplus),
                    ("softplusDerivative", { try t.number("softplusDerivative", $0) }, Perceptron.softplusDerivative),
                    ("swish", { try t.number("swish", $0) }, Perceptron.swish),
                    ("swishDerivative", { try t.number("swishDerivative", $0) }, Perceptron.swishDerivative),
                ]
                for (index, (name, student, reference)) in functions.enumerated() {
                    try t.expectAgreement(name, on: scalarSpace(name), count: 100, seed: 1_000 + UInt64(index),
                                          student: student, reference: reference,
                                          agree: { t.tolerance.accepts($0, $1) }, show: { formatNumber($0, digits: 6) })
                }
            },
            // hidden checks: begin (removed by `course export`)
            Check("the functions far out on both sides, and at 0", points: 2, visibility: .hidden) { t in
                try expectFarOut(t, at: [-1000, -710, -45, 0, 38, 650, 710, 1000])
            },
            Check("derivatives at more points and parameters", points: 2, visibility: .hidden) { t in
                try expectDerivatives(t, at: [-9.5, -2.75, -0.01, 0.02, 1.3, 6.6], slope: 0.3, alpha: 2.5)
            },
            // hidden checks: end
        ])

    /// Numbers from −60 to 60, one in eight far out (up to ±1000), with 0, the overflow of exp
    /// and ±800 first; shrunk towards whole numbers and 0.
    private static func scalarSpace(_ name: String) -> InputSpace<Double> {
        InputSpace(
            edges: [0, -800, 800, -710, 710, -1e-9, 1e-9],
            generate: { random in
                random.integer(below: 8) == 0 ? random.uniform(in: -1000...1000) : random.uniform(in: -60...60)
            },
            shrink: { InputSpace<Double>.simplerNumbers(than: $0) },
            describe: { x in name.contains("(_:") ? name.replacingOccurrences(of: "(_:", with: "(\(x), ") : "\(name)(\(x))" })
    }

    private static func expectFarOut(_ t: CheckContext, at points: [Double]) throws {
        try t.batched {
            for x in points {
                t.expect(try t.number("softplus", x), equals: Perceptron.softplus(x), "softplus(\(x))",
                         mistakes: [Mistake("log(1 + eˣ) overflows to ∞ for large x; use max(x, 0) + log1p(e^(−|x|)).", Double.infinity)])
                t.expect(try t.number("softplusDerivative", x), equals: Perceptron.softplusDerivative(x), "softplusDerivative(\(x))",
                         mistakes: [Mistake("eˣ/(1 + eˣ) is ∞/∞ = NaN once eˣ overflows; use CourseKit's sigmoid(x), which never does.", Double.nan)])
                t.expect(try t.number("sigmoidDerivative", x), equals: Perceptron.sigmoidDerivative(x), "sigmoidDerivative(\(x))")
                t.expect(try t.number("tanhDerivative", x), equals: Perceptron.tanhDerivative(x), "tanhDerivative(\(x))")
                t.expect(try t.number("swish", x), equals: Perceptron.swish(x), "swish(\(x))")
                t.expect(try t.number("swishDerivative", x), equals: Perceptron.swishDerivative(x), "swishDerivative(\(x))")
                t.expect(try t.number("leakyRelu", x, 0.05), equals: Perceptron.leakyRelu(x, slope: 0.05), "leakyRelu(\(x), slope: 0.05)")
                t.expect(try t.number("elu", x, 1.5), equals: Perceptron.elu(x, alpha: 1.5), "elu(\(x), alpha: 1.5)")
                t.expect(try t.number("eluDerivative", x, 1.5), equals: Perceptron.eluDerivative(x, alpha: 1.5), "eluDerivative(\(x), alpha: 1.5)")
            }
        }
    }

    private static func expectDerivatives(_ t: CheckContext, at points: [Double], slope: Double = 0.1, alpha: Double = 0.7) throws {
        try t.batched {
            for x in points {
                try t.expectDerivative("sigmoidDerivative", analytic: t.number("sigmoidDerivative", x),
                                       reference: Perceptron.sigmoidDerivative(x), at: x, functionName: "CourseKit sigmoid",
                                       function: { sigmoid($0) })
                try t.expectDerivative("tanhDerivative", analytic: t.number("tanhDerivative", x),
                                       reference: Perceptron.tanhDerivative(x), at: x, functionName: "tanh", function: { tanh($0) })
                try t.expectDerivative("leakyReluDerivative", analytic: t.number("leakyReluDerivative", x, slope),
                                       reference: Perceptron.leakyReluDerivative(x, slope: slope), at: x,
                                       functionName: "your leakyRelu", function: { try t.number("leakyRelu", $0, slope) })
                try t.expectDerivative("eluDerivative", analytic: t.number("eluDerivative", x, alpha),
                                       reference: Perceptron.eluDerivative(x, alpha: alpha), at: x,
                                       functionName: "your elu", function: { try t.number("elu", $0, alpha) })
                try t.expectDerivative("softplusDerivative", analytic: t.number("softplusDerivative", x),
                                       reference: Perceptron.softplusDerivative(x), at: x,
                                       functionName: "your softplus", function: { try t.number("softplus", $0) })
                try t.expectDerivative("swishDerivative", analytic: t.number("swishDerivative", x),
                                       reference: Perceptron.swishDerivative(x), at: x,
                                       functionName: "your swish", function: { try t.number("swish", $0) })
            }
        }
    }
}
