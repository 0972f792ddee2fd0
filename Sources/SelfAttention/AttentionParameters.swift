import CourseKit

/// The parameters of one self-attention block: a weight matrix and a bias for each of the
/// queries, the keys and the values.
/// ```
///   q = β_q + Ω_q x      k = β_k + Ω_k x      v = β_v + Ω_v x
/// ```
/// Ω_q and Ω_k are D_q×D (the documents take D_q = D), Ω_v is D_v×D; the biases are columns.
public struct AttentionParameters: Equatable, Sendable {
    /// Ω_q, D_q×D.
    public var queryWeights: Matrix
    /// β_q, D_q×1.
    public var queryBias: Matrix
    /// Ω_k, D_q×D.
    public var keyWeights: Matrix
    /// β_k, D_q×1.
    public var keyBias: Matrix
    /// Ω_v, D_v×D.
    public var valueWeights: Matrix
    /// β_v, D_v×1.
    public var valueBias: Matrix

    /// Creates the parameters from their six matrices, checking that their shapes fit.
    public init(queryWeights: Matrix, queryBias: Matrix, keyWeights: Matrix, keyBias: Matrix,
                valueWeights: Matrix, valueBias: Matrix) {
        precondition(queryWeights.rows == keyWeights.rows && queryWeights.columns == keyWeights.columns,
                     "queries and keys must have the same shape to be compared by dot products")
        precondition(valueWeights.columns == queryWeights.columns, "every weight matrix must read D inputs")
        precondition(queryBias.shape == (queryWeights.rows, 1) && keyBias.shape == (keyWeights.rows, 1)
                        && valueBias.shape == (valueWeights.rows, 1), "each bias is a column, one per row of Ω")
        self.queryWeights = queryWeights
        self.queryBias = queryBias
        self.keyWeights = keyWeights
        self.keyBias = keyBias
        self.valueWeights = valueWeights
        self.valueBias = valueBias
    }

    /// Creates random parameters for inputs of size D (D_q = D_v = D), weights of standard
    /// deviation 1/√D and biases in ±0.5, from a seeded generator.
    public init(dimension D: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let deviation = 1 / Double(D).squareRoot()
        func weights() -> Matrix { random.normalMatrix(rows: D, columns: D, standardDeviation: deviation) }
        func bias() -> Matrix { random.matrix(rows: D, columns: 1, in: -0.5...0.5) }
        self.init(queryWeights: weights(), queryBias: bias(), keyWeights: weights(), keyBias: bias(),
                  valueWeights: weights(), valueBias: bias())
    }

    /// The input size D.
    public var inputDimension: Int { queryWeights.columns }

    /// The number of parameters: `2(D_q·D + D_q) + D_v·D + D_v`, which is `3D² + 3D` when
    /// D_q = D_v = D. It does not depend on the number N of inputs.
    public var count: Int {
        [queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias].map(\.count).reduce(0, +)
    }
}

/// Returns the parameter count of a self-attention block on inputs of size D: `3D² + 3D`.
public func selfAttentionParameterCount(dimension D: Int) -> Int {
    3 * D * D + 3 * D
}

/// Returns the multiply-adds one self-attention block spends on N inputs of size D.
/// ```
///   3·N·D²  (values, queries, keys)  +  N²·D  (the scores kₘᵀqₙ)  +  N²·D  (Σₘ a vₘ)
/// ```
/// The N² terms dominate for long inputs: the cost is O(N²D).
public func selfAttentionMultiplyAdds(inputs N: Int, dimension D: Int) -> Int {
    3 * N * D * D + 2 * N * N * D
}
