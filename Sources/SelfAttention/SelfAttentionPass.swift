import Answers
import CourseKit

/// One forward pass of self-attention over the columns of X ∈ R^{D×N}, keeping every
/// intermediate matrix that the backward pass needs.
/// ```
///   V = β_v𝟙ᵀ + Ω_v X      Q = β_q𝟙ᵀ + Ω_q X      K = β_k𝟙ᵀ + Ω_k X
///   S = KᵀQ  (÷ √D_q when scaled)          S[m, n] = kₘᵀ qₙ
///   A = softmax of each column of S         A[m, n] = a[xₘ, xₙ]
///   Sa = V A                                saₙ = Σₘ a[xₘ, xₙ] vₘ
/// ```
/// - Complexity: O(N·D² + N²·D).
public struct SelfAttentionPass: Sendable {
    /// The inputs X, D×N.
    public let x: Matrix
    /// The values V, D_v×N.
    public let values: Matrix
    /// The queries Q, D_q×N.
    public let queries: Matrix
    /// The keys K, D_q×N.
    public let keys: Matrix
    /// The scores S = KᵀQ (divided by √D_q when scaled), N×N.
    public let scores: Matrix
    /// The attention A, N×N: column n holds the weights output n gives to inputs 1 … N.
    public let attention: Matrix
    /// The outputs V A, D_v×N.
    public let output: Matrix
    /// Whether the scores were divided by √D_q.
    public let scaled: Bool

    /// Runs the forward pass.
    public init(x: Matrix, parameters θ: AttentionParameters, scaled: Bool = false) {
        self = AnswerKeys.answer("SelfAttention.SelfAttentionPass", [x] + θ.answerArguments + [scaled]) {
            // answer: exercise11 begin
            precondition(x.rows == θ.inputDimension, "the inputs must be \(θ.inputDimension)×N, not \(x.rows)×\(x.columns)")
            let values = project(x, weights: θ.valueWeights, bias: θ.valueBias)
            let queries = project(x, weights: θ.queryWeights, bias: θ.queryBias)
            let keys = project(x, weights: θ.keyWeights, bias: θ.keyBias)
            let scores = (keys.transposed * queries) * Self.scale(queries.rows, scaled)
            let attention = attentionWeights(scores: scores)
            return SelfAttentionPass(x: x, values: values, queries: queries, keys: keys, scores: scores,
                                     attention: attention, output: values * attention, scaled: scaled)
            // answer: exercise11 end
        }
    }

    /// A pass from its matrices.
    private init(x: Matrix, values: Matrix, queries: Matrix, keys: Matrix, scores: Matrix, attention: Matrix,
                 output: Matrix, scaled: Bool) {
        self.x = x
        self.values = values
        self.queries = queries
        self.keys = keys
        self.scores = scores
        self.attention = attention
        self.output = output
        self.scaled = scaled
    }

    /// Returns the gradients of a loss L for every input and parameter, given
    /// `outputGradient` = ∂L/∂Sa (D_v×N). The chain rule, from the output back:
    /// ```
    ///   ∂L/∂V = ∂L/∂Sa Aᵀ                ∂L/∂A = Vᵀ ∂L/∂Sa
    ///   ∂L/∂S = softmax backward of ∂L/∂A, column by column   (× 1/√D_q when scaled)
    ///   ∂L/∂Q = K ∂L/∂S                  ∂L/∂K = Q (∂L/∂S)ᵀ
    ///   ∂L/∂Ω_• = ∂L/∂P Xᵀ,  ∂L/∂β_• = ∂L/∂P 𝟙   for P = Q, K, V
    ///   ∂L/∂X = Ω_qᵀ ∂L/∂Q + Ω_kᵀ ∂L/∂K + Ω_vᵀ ∂L/∂V
    /// ```
    /// X reaches the output along three paths (queries, keys, values), so its gradient has three terms.
    public func backward(outputGradient g: Matrix, parameters θ: AttentionParameters) -> AttentionGradients {
        AnswerKeys.answer("SelfAttention.SelfAttentionPass.backward", [x, scaled, g] + θ.answerArguments) {
            // answer: exercise12 begin
            precondition(g.shape == output.shape, "the output gradient must be \(output.rows)×\(output.columns)")
            let dValues = g * attention.transposed
            let dAttention = values.transposed * g
            let dScores = attentionWeightsGradient(attention: attention, upstream: dAttention)
                * Self.scale(queries.rows, scaled)
            let dQueries = keys * dScores
            let dKeys = queries * dScores.transposed
            let q = projectionGradients(x, weights: θ.queryWeights, upstream: dQueries)
            let k = projectionGradients(x, weights: θ.keyWeights, upstream: dKeys)
            let v = projectionGradients(x, weights: θ.valueWeights, upstream: dValues)
            return AttentionGradients(input: q.input + k.input + v.input,
                                      queryWeights: q.weights, queryBias: q.bias,
                                      keyWeights: k.weights, keyBias: k.bias,
                                      valueWeights: v.weights, valueBias: v.bias)
            // answer: exercise12 end
        }
    }

    /// The factor the scores are multiplied by: 1/√D_q when scaled, otherwise 1.
    static func scale(_ queryDimension: Int, _ scaled: Bool) -> Double {
        scaled ? 1 / Double(queryDimension).squareRoot() : 1
    }
}

/// The gradients of a loss for the inputs and for each parameter of a self-attention block,
/// each with the shape of what it is the gradient for.
public struct AttentionGradients: Equatable, Sendable {
    /// ∂L/∂X, D×N.
    public var input: Matrix
    /// ∂L/∂Ω_q.
    public var queryWeights: Matrix
    /// ∂L/∂β_q.
    public var queryBias: Matrix
    /// ∂L/∂Ω_k.
    public var keyWeights: Matrix
    /// ∂L/∂β_k.
    public var keyBias: Matrix
    /// ∂L/∂Ω_v.
    public var valueWeights: Matrix
    /// ∂L/∂β_v.
    public var valueBias: Matrix

    /// Creates the gradients from their seven matrices.
    public init(input: Matrix, queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                valueWeights: Matrix, valueBias: Matrix) {
        self.input = input
        self.queryWeights = queryWeights
        self.queryBias = queryBias
        self.keyWeights = keyWeights
        self.keyBias = keyBias
        self.valueWeights = valueWeights
        self.valueBias = valueBias
    }
}

extension SelfAttentionPass: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) {
        for m in [x, values, queries, keys, scores, attention, output] { m.writeAnswer(to: &tokens) }
        scaled.writeAnswer(to: &tokens)
    }

    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let m = [Matrix](count: 7, answerTokens: &tokens), let scaled = Bool(answerTokens: &tokens) else { return nil }
        self.init(x: m[0], values: m[1], queries: m[2], keys: m[3], scores: m[4], attention: m[5], output: m[6], scaled: scaled)
    }

    public static var standIn: SelfAttentionPass {
        let zero = Matrix.standIn
        return SelfAttentionPass(x: zero, values: zero, queries: zero, keys: zero, scores: zero, attention: zero,
                                 output: zero, scaled: false)
    }
}

extension AttentionGradients: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) {
        for m in [input, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias] { m.writeAnswer(to: &tokens) }
    }

    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let m = [Matrix](count: 7, answerTokens: &tokens) else { return nil }
        self.init(input: m[0], queryWeights: m[1], queryBias: m[2], keyWeights: m[3], keyBias: m[4],
                  valueWeights: m[5], valueBias: m[6])
    }

    public static var standIn: AttentionGradients {
        let zero = Matrix.standIn
        return AttentionGradients(input: zero, queryWeights: zero, queryBias: zero, keyWeights: zero, keyBias: zero,
                                  valueWeights: zero, valueBias: zero)
    }
}

extension AttentionParameters {
    /// The six matrices, as the arguments of an answer key.
    public var answerArguments: [any AnswerValue] { [queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias] }
}
