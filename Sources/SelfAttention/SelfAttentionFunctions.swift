import Answers
import CourseKit

// Exercises 11 and 12 ask for these three functions; the grader compares a student's answers
// with theirs. Shapes: X is D×N (inputs as columns), Ω_q and Ω_k are D_q×D, Ω_v is D_v×D,
// each bias a column with one entry per row of its Ω.

/// Returns the outputs (D_v×N) and the attention matrix (N×N, columns summing to one) of
/// self-attention over the columns of `x`; with `scaled`, the scores are divided by √D_q.
/// ```
///   a[xₘ, xₙ] = softmaxₘ(kₘᵀ qₙ)        saₙ = Σₘ a[xₘ, xₙ] vₘ
/// ```
public func selfAttention(x: Matrix, queryWeights: Matrix, queryBias: Matrix,
                          keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix,
                          scaled: Bool) -> (output: Matrix, attention: Matrix) {
    AnswerKeys.answer("SelfAttention.selfAttention", [x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, scaled]) {
        // answer: exercise11 begin
        let θ = AttentionParameters(queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights,
                                    keyBias: keyBias, valueWeights: valueWeights, valueBias: valueBias)
        let pass = SelfAttentionPass(x: x, parameters: θ, scaled: scaled)
        return (pass.output, pass.attention)
        // answer: exercise11 end
    }
}

/// Returns ∂L/∂X, ∂L/∂Ω_q, ∂L/∂Ω_k and ∂L/∂Ω_v, given `outputGradient` = ∂L/∂Sa (D_v×N).
public func selfAttentionGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix,
                                   keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix,
                                   scaled: Bool, outputGradient: Matrix)
    -> (input: Matrix, queryWeights: Matrix, keyWeights: Matrix, valueWeights: Matrix) {
    AnswerKeys.answer("SelfAttention.selfAttentionGradients", [x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, scaled, outputGradient]) {
        // answer: exercise12 begin
        let θ = AttentionParameters(queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights,
                                    keyBias: keyBias, valueWeights: valueWeights, valueBias: valueBias)
        let d = SelfAttentionPass(x: x, parameters: θ, scaled: scaled).backward(outputGradient: outputGradient, parameters: θ)
        return (d.input, d.queryWeights, d.keyWeights, d.valueWeights)
        // answer: exercise12 end
    }
}

/// Returns ∂L/∂β_q, ∂L/∂β_k and ∂L/∂β_v (columns), given `outputGradient` = ∂L/∂Sa (D_v×N).
public func selfAttentionBiasGradients(x: Matrix, queryWeights: Matrix, queryBias: Matrix,
                                       keyWeights: Matrix, keyBias: Matrix, valueWeights: Matrix, valueBias: Matrix,
                                       scaled: Bool, outputGradient: Matrix)
    -> (queryBias: Matrix, keyBias: Matrix, valueBias: Matrix) {
    AnswerKeys.answer("SelfAttention.selfAttentionBiasGradients", [x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, scaled, outputGradient]) {
        // answer: exercise12 begin
        let θ = AttentionParameters(queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights,
                                    keyBias: keyBias, valueWeights: valueWeights, valueBias: valueBias)
        let d = SelfAttentionPass(x: x, parameters: θ, scaled: scaled).backward(outputGradient: outputGradient, parameters: θ)
        return (d.queryBias, d.keyBias, d.valueBias)
        // answer: exercise12 end
    }
}
