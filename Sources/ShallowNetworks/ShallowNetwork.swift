import Answers
import CourseKit

/// Returns the outputs of a shallow ReLU network with D_i inputs, D hidden units and D_o
/// outputs, for a batch of inputs stored as the columns of `x`.
/// ```
/// h_d = a[θ_{d0} + Σ_i θ_{di} x_i]        h = a[θ₀ + Θ x]        Θ ∈ R^{D×D_i}, θ₀ ∈ R^{D×1}
/// y_j = φ_{j0} + Σ_d φ_{jd} h_d           y = φ₀ + Φ h           Φ ∈ R^{D_o×D}, φ₀ ∈ R^{D_o×1}
/// ```
/// `x` is D_i×N (one column per input); the result is D_o×N.
/// - Complexity: O(N·D·(D_i + D_o)).
public func shallowNetwork(x: Matrix, theta0: Matrix, theta: Matrix, phi0: Matrix, phi: Matrix) -> Matrix {
    AnswerKeys.answer("ShallowNetworks.shallowNetwork", [x, theta0, theta, phi0, phi]) {
        // answer: exercise3 begin
        let h = hiddenUnits(x: x, theta0: theta0, theta: theta)
        return (phi * h).addingToEachColumn(phi0)
        // answer: exercise3 end
    }
}

/// Returns the hidden units `h = a[θ₀ + Θ x]` of a shallow ReLU network, one column per input.
public func hiddenUnits(x: Matrix, theta0: Matrix, theta: Matrix) -> Matrix {
    relu(preActivations(x: x, theta0: theta0, theta: theta))
}

/// Returns the pre-activations `θ₀ + Θ x`, one column per input.
public func preActivations(x: Matrix, theta0: Matrix, theta: Matrix) -> Matrix {
    (theta * x).addingToEachColumn(theta0)
}

/// Returns the number of parameters of a shallow network.
/// ```
/// D (D_i + 1)  +  D_o (D + 1)
/// ─────┬─────     ─────┬─────
///  hidden layer:    output layer:
///  Θ and θ₀         Φ and φ₀
/// ```
/// 1/3/1 gives 10, 2/3/1 gives 13, 100/500/1 gives 51,001.
public func parameterCount(inputs: Int, hidden: Int, outputs: Int) -> Int {
    AnswerKeys.answer("ShallowNetworks.parameterCount", [inputs, hidden, outputs]) {
        // answer: exercise3 begin
        precondition(inputs >= 0 && hidden >= 0 && outputs >= 0, "layer sizes cannot be negative")
        return hidden * (inputs + 1) + outputs * (hidden + 1)
        // answer: exercise3 end
    }
}
