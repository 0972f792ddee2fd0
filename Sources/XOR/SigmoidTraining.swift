import Answers
import CourseKit

/// Returns the parameters after `steps` steps of gradient descent on the mean cross-entropy
/// of the 2-layer sigmoid network `y = σ(W′σ(Wx + b) + c)`, over the columns of `inputs`.
/// ```
/// L = −(1/N) Σ_n [y_n log ŷ_n + (1 − y_n) log(1 − ŷ_n)]        θ ← θ − η ∂L/∂θ
/// ```
/// The reference for exercise 5; every step uses the gradient at the current parameters.
public func trainSigmoidXOR(inputs: Matrix, targets: [Double], hiddenWeights: Matrix, hiddenBias: Matrix,
                            outputWeights: Matrix, outputBias: Double, learningRate: Double, steps: Int)
    -> (hiddenWeights: Matrix, hiddenBias: Matrix, outputWeights: Matrix, outputBias: Double) {
    AnswerKeys.answer("XOR.trainSigmoidXOR", [inputs, targets, hiddenWeights, hiddenBias, outputWeights, outputBias, learningRate, steps]) {
        // answer: exercise5 begin
        let start = TwoLayerParameters(hiddenWeights: hiddenWeights, hiddenBias: hiddenBias,
                                       outputWeights: outputWeights, outputBias: outputBias)
        let p = TwoLayerNetwork.sigmoidCrossEntropy.train(start, inputs: inputs, targets: targets,
                                                          learningRate: learningRate, steps: steps).parameters
        return (p.hiddenWeights, p.hiddenBias, p.outputWeights, p.outputBias)
        // answer: exercise5 end
    }
}
