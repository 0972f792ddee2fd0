import CourseKit

// Section 7 of the lesson: one view of three classic models. Each is a linear map of the
// input followed by an activation chosen for the task:
//
//     identity   ŷ = W x + b              regression
//     sigmoid    ŷ = σ(w·x + b)           binary classification, P(y = 1 | x)
//     softmax    ŷ = softmax(W x + b)     C classes, W ∈ ℝ^{C×D}, ŷ_c = P(y = c | x)

/// The activation applied to the scores `z = W x + b` of an output layer, and the task it suits.
public enum OutputActivation: String, CaseIterable, Sendable {
    /// `ŷ = z`: real-valued outputs, for regression.
    case identity
    /// `ŷ_c = σ(z_c)`: one probability per output, each a yes/no question.
    case sigmoid
    /// `ŷ = softmax(z)`: a probability for each of C classes, summing to 1.
    case softmax

    /// The task the activation suits.
    public var task: String {
        switch self {
        case .identity: "regression"
        case .sigmoid: "binary classification"
        case .softmax: "multi-class classification"
        }
    }

    /// Returns the activation of a column of scores.
    public func callAsFunction(_ z: Matrix) -> Matrix {
        switch self {
        case .identity: z
        case .sigmoid: CourseKit.sigmoid(z)
        case .softmax: softmaxColumns(z)
        }
    }
}

/// Returns the scores of a linear layer, `z = W x + b`.
/// ```
/// W ∈ ℝ^{C×D},  x ∈ ℝ^{D×1},  b, z ∈ ℝ^{C×1}
/// ```
/// - Complexity: O(C × D).
public func layerScores(weights: Matrix, bias: Matrix, x: Matrix) -> Matrix {
    weights * x + bias
}

/// Returns the output of a linear layer followed by an activation, `ŷ = f(W x + b)`.
public func layerOutput(weights: Matrix, bias: Matrix, x: Matrix, activation f: OutputActivation) -> Matrix {
    f(layerScores(weights: weights, bias: bias, x: x))
}
