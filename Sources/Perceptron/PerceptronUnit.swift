import Answers
import CourseKit

// Section 1 of the lesson: one unit that weighs its inputs, adds a bias and applies an
// activation.
//
//     y = f(w·x + b) = f(w₁x₁ + … + w_D x_D + b)

/// Returns the pre-activation `z = w·x + b` of one unit.
/// ```
/// z = w·x + b = Σᵢ wᵢ xᵢ + b
/// ```
/// - Complexity: O(D) for D inputs.
public func preactivation(weights: [Double], bias: Double, x: [Double]) -> Double {
    precondition(weights.count == x.count,
                 "\(weights.count) weights cannot weigh an input with \(x.count) entries")
    return dot(weights, x) + bias
}

/// Returns the unit's output `y = f(w·x + b)` for an activation `f`.
public func unitOutput(weights: [Double], bias: Double, x: [Double],
                       activation f: (Double) -> Double) -> Double {
    f(preactivation(weights: weights, bias: bias, x: x))
}

/// Returns Rosenblatt's prediction for labels −1 and +1: +1 when `w·x + b > 0`, otherwise −1.
/// ```
///          ⎧ +1   if w·x + b > 0
/// ŷ(x)  =  ⎨
///          ⎩ −1   otherwise          (a point exactly on the boundary gets −1)
/// ```
public func predict(weights: [Double], bias: Double, x: [Double]) -> Int {
    AnswerKeys.answer("Perceptron.predict", [weights, bias, x]) {
        // answer: exercise2 begin
        preactivation(weights: weights, bias: bias, x: x) > 0 ? 1 : -1
        // answer: exercise2 end
    }
}

/// Returns the input with a constant first entry `x₀ = 1` prepended (the bias trick).
/// ```
/// x̃ = (1, x₁, …, x_D)
/// ```
public func appendingConstantInput(_ x: [Double]) -> [Double] {
    [1] + x
}

/// Returns the weights with the bias prepended as `w₀`, so that `w̃·x̃ = w·x + b`.
/// ```
/// w̃ = (b, w₁, …, w_D)        w̃·x̃ = b·1 + Σᵢ wᵢ xᵢ = w·x + b
/// ```
public func absorbingBias(weights: [Double], bias: Double) -> [Double] {
    [bias] + weights
}
