import Answers
import CourseKit

// Exercise 8: the ReLU network of `ReLUNetwork`, trained on the cost of the δ-rule.
//
//     J = (1/N) Σₙ ½ |f_K(xₙ) − yₙ|²  +  (λ/2) Σₖ Σᵢⱼ (Ωₖ)ᵢⱼ²
//
// The samples are the columns of x (D₀×N) and y (D₍K+1₎×N). Only the weights are decayed.

/// Returns the network's output f_K (D₍K+1₎×N) for the samples stored as the columns of `x`.
/// ```
/// h₀ = x      fₖ = βₖ + Ωₖ hₖ      hₖ₊₁ = ReLU(fₖ)      output f_K
/// ```
public func networkForward(x: Matrix, weights: [Matrix], biases: [Matrix]) -> Matrix {
    AnswerKeys.answer("Backpropagation.networkForward", [x, weights, biases]) {
        // answer: exercise8 begin
        ReLUNetwork(weights: weights, biases: biases).forward(x).output
        // answer: exercise8 end
    }
}

/// Returns the cost J: half the squared error averaged over the batch, plus weight decay.
/// ```
/// J = (1/N) Σₙ ½ |f_K(xₙ) − yₙ|² + (λ/2) Σₖ |Ωₖ|²
/// ```
public func networkCost(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double) -> Double {
    AnswerKeys.answer("Backpropagation.networkCost", [x, y, weights, biases, weightDecay]) {
        // answer: exercise8 begin
        let output = networkForward(x: x, weights: weights, biases: biases)
        let residual = output - y
        let decay = weights.map { ($0 .* $0).sum() }.reduce(0, +)
        return 0.5 * (residual .* residual).sum() / Double(x.columns) + weightDecay / 2 * decay
        // answer: exercise8 end
    }
}

/// Returns the gradient of the cost J with respect to every Ωₖ and βₖ.
/// ```
/// ∂J/∂f_K = (f_K − y) / N,   then backpropagation as in `ReLUNetwork.backward`,
/// ∂J/∂Ωₖ  = ∂J/∂fₖ hₖᵀ + λ Ωₖ        ∂J/∂βₖ = ∂J/∂fₖ 𝟙
/// ```
public func networkGradients(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], weightDecay: Double)
    -> (weights: [Matrix], biases: [Matrix]) {
    AnswerKeys.answer("Backpropagation.networkGradients", [x, y, weights, biases, weightDecay]) {
        // answer: exercise8 begin
        let network = ReLUNetwork(weights: weights, biases: biases)
        let pass = network.forward(x)
        let gradients = network.backward(pass, outputGradient: (pass.output - y) / Double(x.columns))
        return (zip(gradients.weights, weights).map { $0 + weightDecay * $1 }, gradients.biases)
        // answer: exercise8 end
    }
}

/// Returns the weights and biases after one step of gradient descent on the batch.
/// ```
/// Ωₖ ← Ωₖ − α ∂J/∂Ωₖ        βₖ ← βₖ − α ∂J/∂βₖ
/// ```
public func sgdStep(x: Matrix, y: Matrix, weights: [Matrix], biases: [Matrix], learningRate: Double,
                    weightDecay: Double) -> (weights: [Matrix], biases: [Matrix]) {
    AnswerKeys.answer("Backpropagation.sgdStep", [x, y, weights, biases, learningRate, weightDecay]) {
        // answer: exercise8 begin
        let gradient = networkGradients(x: x, y: y, weights: weights, biases: biases, weightDecay: weightDecay)
        return (zip(weights, gradient.weights).map { $0 - learningRate * $1 },
                zip(biases, gradient.biases).map { $0 - learningRate * $1 })
        // answer: exercise8 end
    }
}
