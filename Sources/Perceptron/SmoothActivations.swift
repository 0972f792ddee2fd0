import Answers
import CourseKit

// Section 4 of the lesson: the smooth activations of the table, each function next to its
// derivative. The sigmoid itself, σ(x) = 1/(1 + e^(−x)), comes from CourseKit.

/// Returns the derivative of the sigmoid.
/// ```
/// σ′(x) = σ(x) (1 − σ(x))          σ′(0) = ½ · ½ = ¼
/// ```
public func sigmoidDerivative(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.sigmoidDerivative", [x]) {
        // answer: exercise1 begin
        let s = sigmoid(x)
        return s * (1 - s)
        // answer: exercise1 end
    }
}

/// Returns the derivative of the hyperbolic tangent (`tanh` itself comes from the C library).
/// ```
///           eˣ − e^(−x)
/// tanh x = -------------        tanh′(x) = 1 − tanh²x
///           eˣ + e^(−x)
/// ```
public func tanhDerivative(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.tanhDerivative", [x]) {
        // answer: exercise1 begin
        let t = tanh(x)
        return 1 - t * t
        // answer: exercise1 end
    }
}

/// Returns the softplus `log(1 + eˣ)`, computed so that it never overflows.
/// ```
/// softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|))
/// ```
/// The second form never exponentiates a positive number: `softplus(800)` is 800, not ∞.
public func softplus(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.softplus", [x]) {
        // answer: exercise1 begin
        return max(x, 0) + log1p(exp(-abs(x)))
        // answer: exercise1 end
    }
}

/// Returns the derivative of the softplus, which is the sigmoid.
/// ```
/// softplus′(x) = eˣ / (1 + eˣ) = σ(x)
/// ```
public func softplusDerivative(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.softplusDerivative", [x]) {
        // answer: exercise1 begin
        return sigmoid(x)
        // answer: exercise1 end
    }
}

/// Returns the Gaussian bump `e^(−x²)`.
public func gaussian(_ x: Double) -> Double {
    exp(-x * x)
}

/// Returns the derivative of the Gaussian bump.
/// ```
/// g(x) = e^(−x²)        g′(x) = −2x g(x)
/// ```
public func gaussianDerivative(_ x: Double) -> Double {
    -2 * x * gaussian(x)
}

/// Returns the swish (also called SiLU), the input weighted by its own sigmoid.
/// ```
/// swish(x) = x σ(x)
/// ```
public func swish(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.swish", [x]) {
        // answer: exercise1 begin
        return x * sigmoid(x)
        // answer: exercise1 end
    }
}

/// Returns the derivative of the swish, by the product rule.
/// ```
/// swish′(x) = σ(x) + x σ′(x) = σ(x) + x σ(x)(1 − σ(x))
/// ```
public func swishDerivative(_ x: Double) -> Double {
    AnswerKeys.answer("Perceptron.swishDerivative", [x]) {
        // answer: exercise1 begin
        let s = sigmoid(x)
        return s + x * s * (1 - s)
        // answer: exercise1 end
    }
}

/// Returns the standard normal cumulative distribution `Φ(x)`.
/// ```
/// Φ(x) = ½ (1 + erf(x / √2)) = ½ erfc(−x / √2)
/// ```
/// The erfc form keeps its digits for very negative x, where 1 + erf(x/√2) cancels.
public func standardNormalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// Returns the GELU, the input weighted by the probability that a standard normal is below it.
/// ```
/// GELU(x) = x Φ(x)
/// ```
public func gelu(_ x: Double) -> Double {
    x * standardNormalCDF(x)
}

/// Returns the derivative of the GELU.
/// ```
/// GELU′(x) = Φ(x) + x φ(x)        φ(x) = e^(−x²/2) / √(2π)
/// ```
public func geluDerivative(_ x: Double) -> Double {
    let φ = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    return standardNormalCDF(x) + x * φ
}
