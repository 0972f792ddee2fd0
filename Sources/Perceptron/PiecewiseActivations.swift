import Answers
import CourseKit

// Section 4 of the lesson: the activations defined piece by piece, each next to its
// derivative. They have a kink or a jump at 0, where the derivative is a convention.
// `step(x)` and `relu(x)` themselves come from CourseKit.

/// Returns the derivative of the step function away from its jump: 0 everywhere.
/// ```
/// step′(x) = 0   for x ≠ 0        (at 0 the step jumps and has no derivative)
/// ```
public func stepDerivative(_ x: Double) -> Double {
    0
}

/// Returns the derivative of ReLU, with the convention `relu′(0) = 0`.
/// ```
///            ⎧ 1   x > 0
/// relu′(x) = ⎨
///            ⎩ 0   x ≤ 0
/// ```
public func reluDerivative(_ x: Double) -> Double {
    x > 0 ? 1 : 0
}

/// Returns the leaky ReLU: the identity for x ≥ 0 and a small slope a below 0.
/// ```
///          ⎧ x      x ≥ 0
/// g(x)  =  ⎨                      a > 0
///          ⎩ a x    x < 0
/// ```
public func leakyRelu(_ x: Double, slope: Double) -> Double {
    AnswerKeys.answer("Perceptron.leakyRelu", [x, slope]) {
        // answer: exercise1 begin
        return x >= 0 ? x : slope * x
        // answer: exercise1 end
    }
}

/// Returns the derivative of the leaky ReLU, with the convention `g′(0) = 1`.
/// ```
///           ⎧ 1   x ≥ 0
/// g′(x)  =  ⎨
///           ⎩ a   x < 0
/// ```
public func leakyReluDerivative(_ x: Double, slope: Double) -> Double {
    AnswerKeys.answer("Perceptron.leakyReluDerivative", [x, slope]) {
        // answer: exercise1 begin
        return x >= 0 ? 1 : slope
        // answer: exercise1 end
    }
}

/// Returns the ELU: the identity for x ≥ 0 and a curve that levels off at −α below 0.
/// ```
///          ⎧ x             x ≥ 0
/// g(x)  =  ⎨                            α > 0
///          ⎩ α (eˣ − 1)    x < 0
/// ```
/// `expm1(x)` computes `eˣ − 1` without losing digits for x close to 0.
public func elu(_ x: Double, alpha: Double) -> Double {
    AnswerKeys.answer("Perceptron.elu", [x, alpha]) {
        // answer: exercise1 begin
        return x >= 0 ? x : alpha * expm1(x)
        // answer: exercise1 end
    }
}

/// Returns the derivative of the ELU, with the convention `g′(0) = 1`.
/// ```
///           ⎧ 1                    x ≥ 0
/// g′(x)  =  ⎨
///           ⎩ α eˣ = g(x) + α      x < 0
/// ```
/// With α = 1 both sides tend to 1 at 0, so the ELU is then C¹.
public func eluDerivative(_ x: Double, alpha: Double) -> Double {
    AnswerKeys.answer("Perceptron.eluDerivative", [x, alpha]) {
        // answer: exercise1 begin
        return x >= 0 ? 1 : alpha * exp(x)
        // answer: exercise1 end
    }
}
