import CourseKit

/// The parameters of a network with one hidden layer and one output, in column form.
/// ```
/// h = g(W x + b)        W ∈ R^{D×D_i},  b ∈ R^{D×1}
/// y = o(W′h + c)        W′ ∈ R^{1×D},   c ∈ R
/// ```
/// Basili and Croce's Keras example is `y = σ(W′σ(Wx + b) + c)`. Goodfellow et al.'s network has the
/// same shape with their W equal to our Wᵀ, their c our b, their w our W′ᵀ, their b our c.
public struct TwoLayerParameters: Sendable, Equatable {
    /// W, one row per hidden unit.
    public var hiddenWeights: Matrix
    /// b, one entry per hidden unit.
    public var hiddenBias: Matrix
    /// W′, a row with one weight per hidden unit.
    public var outputWeights: Matrix
    /// c, the output bias.
    public var outputBias: Double

    /// Creates parameters; the shapes must fit together.
    public init(hiddenWeights: Matrix, hiddenBias: Matrix, outputWeights: Matrix, outputBias: Double) {
        precondition(hiddenBias.rows == hiddenWeights.rows && hiddenBias.columns == 1
                     && outputWeights.rows == 1 && outputWeights.columns == hiddenWeights.rows,
                     "W is \(hiddenWeights.rows)×\(hiddenWeights.columns), b \(hiddenBias.rows)×\(hiddenBias.columns), W′ \(outputWeights.rows)×\(outputWeights.columns)")
        self.hiddenWeights = hiddenWeights
        self.hiddenBias = hiddenBias
        self.outputWeights = outputWeights
        self.outputBias = outputBias
    }

    /// Returns parameters drawn uniformly from `range`, for `hidden` units and `inputs` inputs.
    public static func random(hidden: Int = 2, inputs: Int = 2, in range: ClosedRange<Double> = -1...1,
                              using random: inout SeededGenerator) -> TwoLayerParameters {
        TwoLayerParameters(hiddenWeights: random.matrix(rows: hidden, columns: inputs, in: range),
                           hiddenBias: random.matrix(rows: hidden, columns: 1, in: range),
                           outputWeights: random.matrix(rows: 1, columns: hidden, in: range),
                           outputBias: random.uniform(in: range))
    }

    /// All parameters in one array, W row by row, then b, W′ and c (for gradient checks).
    public var scalars: [Double] {
        hiddenWeights.scalars + hiddenBias.scalars + outputWeights.scalars + [outputBias]
    }

    /// Creates parameters shaped like `shape` from an array laid out as `scalars`.
    public init(scalars: [Double], shapedLike shape: TwoLayerParameters) {
        precondition(scalars.count == shape.scalars.count, "\(scalars.count) numbers for \(shape.scalars.count) parameters")
        let (d, i) = (shape.hiddenWeights.rows, shape.hiddenWeights.columns)
        self.init(hiddenWeights: Matrix(rows: d, columns: i, scalars: Array(scalars[0..<(d * i)])),
                  hiddenBias: Matrix(column: Array(scalars[(d * i)..<(d * i + d)])),
                  outputWeights: Matrix(row: Array(scalars[(d * i + d)..<(d * i + 2 * d)])),
                  outputBias: scalars[d * i + 2 * d])
    }

    /// Returns the parameters after one gradient-descent step, `θ ← θ − η ∂L/∂θ`.
    public func descending(_ gradient: TwoLayerParameters, learningRate η: Double) -> TwoLayerParameters {
        TwoLayerParameters(hiddenWeights: hiddenWeights - η * gradient.hiddenWeights,
                           hiddenBias: hiddenBias - η * gradient.hiddenBias,
                           outputWeights: outputWeights - η * gradient.outputWeights,
                           outputBias: outputBias - η * gradient.outputBias)
    }
}
