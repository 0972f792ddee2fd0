// Mistake: softplus computes log(1 + exp(x)) literally, so exp(x) overflows to ∞ for x above about 709 and softplus(800) is ∞ instead of 800.
// Diagnosis: overflows
// Exercise 1 — Activation functions and their derivatives
//
// A unit computes y = g(w·x + b). Training needs the slope g′ of the activation as much as g
// itself, so each activation below comes with its derivative. They are variants of the table
// in lessons/lesson1-perceptron.md, sections 4 and 5 (read them first).
//
//   sigmoid       σ(x) = 1/(1 + e^(−x))             σ′(x) = σ(x)(1 − σ(x))
//   tanh          tanh x                            tanh′(x) = 1 − tanh²x
//   leaky ReLU    g(x) = x (x ≥ 0), a·x (x < 0)     g′(x) = 1 (x > 0), a (x < 0)
//   ELU           g(x) = x (x ≥ 0), α(eˣ − 1) (x < 0)
//                                                   g′(x) = 1 (x > 0), α eˣ (x < 0)
//   softplus      g(x) = log(1 + eˣ)                g′(x) = σ(x)
//   swish (SiLU)  g(x) = x σ(x)                     g′(x) = ?  (product rule, then σ′ above)
//
// Conventions:
// - Scalars in, scalars out. `slope` is the a of the leaky ReLU, `alpha` the α of the ELU.
// - At the kink x = 0, leakyReluDerivative and eluDerivative return 1 (the x ≥ 0 branch).
// - CourseKit's `sigmoid(_:)` may be used, and `import CourseKit` brings `exp`, `log`,
//   `log1p`, `expm1` and `tanh`.
// - Inputs can be in the hundreds. No function may return NaN or ±∞ for a finite input:
//   softplus(800) must be 800, although e^800 overflows a Double. Rewrite the formula so it
//   never exponentiates a large positive number.
// - Check a derivative yourself with CourseKit's GradientCheck (central differences), away
//   from x = 0 for the kinked functions.
//
// Grade it with `swift run course check exercise1`.

import CourseKit

/// Returns the derivative of the sigmoid, σ′(x) = σ(x)(1 − σ(x)).
func sigmoidDerivative(_ x: Double) -> Double {
    let s = sigmoid(x)
    return s * (1 - s)
}

/// Returns the derivative of the hyperbolic tangent, written with tanh x itself.
func tanhDerivative(_ x: Double) -> Double {
    let t = tanh(x)
    return 1 - t * t
}

/// Returns the leaky ReLU: x for x ≥ 0, slope·x otherwise.
func leakyRelu(_ x: Double, slope: Double) -> Double {
    x >= 0 ? x : slope * x
}

/// Returns the derivative of the leaky ReLU: 1 for x ≥ 0 (so 1 at the kink), slope otherwise.
func leakyReluDerivative(_ x: Double, slope: Double) -> Double {
    x >= 0 ? 1 : slope
}

/// Returns the ELU: x for x ≥ 0, α(eˣ − 1) otherwise.
func elu(_ x: Double, alpha: Double) -> Double {
    x >= 0 ? x : alpha * expm1(x)
}

/// Returns the derivative of the ELU: 1 for x ≥ 0 (so 1 at the kink), α eˣ otherwise.
func eluDerivative(_ x: Double, alpha: Double) -> Double {
    x >= 0 ? 1 : alpha * exp(x)
}

/// Returns the softplus log(1 + eˣ), finite for every finite x (softplus(800) = 800).
func softplus(_ x: Double) -> Double {
    log(1 + exp(x))
}

/// Returns the derivative of the softplus.
func softplusDerivative(_ x: Double) -> Double {
    sigmoid(x)
}

/// Returns the swish (SiLU), x σ(x).
func swish(_ x: Double) -> Double {
    x * sigmoid(x)
}

/// Returns the derivative of the swish, found with the product rule.
func swishDerivative(_ x: Double) -> Double {
    let s = sigmoid(x)
    return s + x * s * (1 - s)                // σ(x) + x σ(x)(1 − σ(x))
}
