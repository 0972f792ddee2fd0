import Answers
import CourseKit

/// Returns the outputs of the XOR network in Goodfellow et al.'s form, for the inputs in the
/// columns of `inputs`.
/// ```
/// f(x) = wᵀ max{0, Wᵀx + c} + b        W ∈ R^{D_i×D},  c ∈ R^{D×1},  w ∈ R^{D×1}
/// ```
/// `inputs` is 2×N; the result is the 1×N row of outputs. Note the transpose: column d of W
/// holds the weights of hidden unit d.
public func xorNetwork(inputs: Matrix, weights: Matrix, bias: Matrix, outputWeights: Matrix,
                       outputBias: Double) -> Matrix {
    AnswerKeys.answer("XOR.xorNetwork", [inputs, weights, bias, outputWeights, outputBias]) {
        // answer: exercise5 begin
        let h = relu((weights.transposed * inputs).addingToEachColumn(bias))
        return (outputWeights.transposed * h).map { $0 + outputBias }
        // answer: exercise5 end
    }
}

/// Returns Goodfellow et al.'s hand-made solution of XOR.
/// ```
/// W = ⎡ 1  1 ⎤    c = ⎡  0 ⎤    w = ⎡  1 ⎤    b = 0
///     ⎣ 1  1 ⎦        ⎣ −1 ⎦        ⎣ −2 ⎦
/// ```
public func xorWeights() -> (weights: Matrix, bias: Matrix, outputWeights: Matrix, outputBias: Double) {
    AnswerKeys.answer("XOR.xorWeights", []) {
        // answer: exercise5 begin
        (Matrix([[1, 1], [1, 1]]), Matrix(column: [0, -1]), Matrix(column: [1, -2]), 0)
        // answer: exercise5 end
    }
}

/// Every intermediate matrix of Goodfellow et al.'s network for a batch X with one input per
/// row, as their worked example prints them.
public struct GoodfellowSteps: Sendable, Equatable {
    /// `XW`: W has rank 1, so both columns hold the same projection x₁ + x₂ of each input.
    public var product: Matrix
    /// `XW + c`, with cᵀ added to every row: the pre-activations.
    public var shifted: Matrix
    /// `max{0, XW + c}`: the hidden representation, one row per input.
    public var hidden: Matrix
    /// `max{0, XW + c} w + b`: one output per input.
    public var output: Matrix
}

/// Returns the intermediate matrices of Goodfellow et al.'s network for the rows of `rows`.
/// ```
/// XW  →  XW + 𝟙cᵀ  →  max{0, XW + 𝟙cᵀ}  →  max{0, XW + 𝟙cᵀ} w + b
/// ```
public func goodfellowSteps(rows: Matrix, weights: Matrix, bias: Matrix, outputWeights: Matrix,
                            outputBias: Double) -> GoodfellowSteps {
    let product = rows * weights
    let shifted = (product.transposed.addingToEachColumn(bias)).transposed
    let hidden = relu(shifted)
    let output = (hidden * outputWeights).map { $0 + outputBias }
    return GoodfellowSteps(product: product, shifted: shifted, hidden: hidden, output: output)
}
