import CourseKit
import SelfAttention

/// One input of exercises 11 and 12: inputs X (D×N, one input per column) and the six
/// parameters of a self-attention block (Ω_q, Ω_k: D_q×D; Ω_v: D_v×D; biases as columns).
struct AttentionCase: Sendable {
    var x: Matrix
    var queryWeights: Matrix
    var queryBias: Matrix
    var keyWeights: Matrix
    var keyBias: Matrix
    var valueWeights: Matrix
    var valueBias: Matrix

    /// The shapes in words, for messages: "D = 3, D_q = 2, D_v = 4, N = 4".
    var description: String {
        "D = \(x.rows), D_q = \(queryWeights.rows), D_v = \(valueWeights.rows), N = \(x.columns)"
    }

    /// The hand-made case: non-symmetric, Ω_q ≠ Ω_k and β_q ≠ β_k, and D_q, D_v and D all
    /// different, so that swapped keys and queries, a transposed A or a scale by the wrong
    /// dimension each give another answer.
    static let handMade = AttentionCase(
        x: Matrix([[1, 0.5, -1, 2], [0, -1.5, 1, 0.5], [2, 1, 0.5, -1]]),
        queryWeights: Matrix([[0.6, -0.4, 0.9], [-0.3, 0.8, 0.2]]), queryBias: Matrix(column: [0.1, -0.2]),
        keyWeights: Matrix([[-0.5, 0.7, 0.3], [0.4, 0.1, -0.6]]), keyBias: Matrix(column: [0.3, 0.05]),
        valueWeights: Matrix([[0.2, -0.7, 0.5], [0.9, 0.1, -0.3], [-0.4, 0.6, 0.8], [0.3, -0.2, -0.9]]),
        valueBias: Matrix(column: [0.5, -0.25, 0.1, 0.4]))

    /// A case whose dimensions and their roots are all different (D = 2, D_q = 3, D_v = 5,
    /// N = 6: √D_q ≈ 1.73, √D ≈ 1.41, √D_v ≈ 2.24, √N ≈ 2.45), so that a scale by the wrong
    /// one gives its own answer.
    static let distinctSizes = random(inputDimension: 2, queryDimension: 3, valueDimension: 5, count: 6, seed: 7)

    /// One query direction per sign: the scores of column 0 reach +9000, those of column 1
    /// are all below −3000 (each exp underflows to 0 unless the column's own maximum is
    /// subtracted), and column 2 is in between.
    static let extremeScores = AttentionCase(
        x: Matrix([[10, -10, 5]]),
        queryWeights: Matrix([[30]]), queryBias: Matrix(column: [0]),
        keyWeights: Matrix([[1]]), keyBias: Matrix(column: [20]),
        valueWeights: Matrix([[0.5], [-1]]), valueBias: Matrix(column: [0.25, 1]))

    /// The lesson's run: its five inputs of size 4 and its seeded parameters.
    static let lesson: AttentionCase = {
        let θ = Lesson6.parameters
        return AttentionCase(x: Lesson6.inputs, queryWeights: θ.queryWeights, queryBias: θ.queryBias,
                             keyWeights: θ.keyWeights, keyBias: θ.keyBias,
                             valueWeights: θ.valueWeights, valueBias: θ.valueBias)
    }()

    /// A case with seeded values of order one everywhere.
    static func random(inputDimension: Int, queryDimension: Int, valueDimension: Int, count: Int, seed: UInt64) -> AttentionCase {
        var random = SeededGenerator(seed: 11_000 + seed)
        return AttentionCase(
            x: random.matrix(rows: inputDimension, columns: count, in: -2...2),
            queryWeights: random.matrix(rows: queryDimension, columns: inputDimension, in: -1...1),
            queryBias: random.matrix(rows: queryDimension, columns: 1, in: -0.5...0.5),
            keyWeights: random.matrix(rows: queryDimension, columns: inputDimension, in: -1...1),
            keyBias: random.matrix(rows: queryDimension, columns: 1, in: -0.5...0.5),
            valueWeights: random.matrix(rows: valueDimension, columns: inputDimension, in: -1...1),
            valueBias: random.matrix(rows: valueDimension, columns: 1, in: -0.5...0.5))
    }

    /// The same block on the inputs multiplied by `factor`.
    func scalingInputs(by factor: Double) -> AttentionCase {
        var scaled = self
        scaled.x = x * factor
        return scaled
    }

    /// The same block with one thing made smaller or plainer, each way in turn: one input,
    /// one value row or one query and key row fewer, a bias set to 0, every number rounded.
    var smaller: [AttentionCase] {
        func dropping(_ m: Matrix, rows: Int = 0, columns: Int = 0) -> Matrix {
            Matrix(rows: m.rows - rows, columns: m.columns - columns) { i, j in m[i, j] }
        }
        var result: [AttentionCase] = []
        func with(_ change: (inout AttentionCase) -> Void) { var c = self; change(&c); result.append(c) }
        if x.columns > 1 { with { $0.x = dropping(x, columns: 1) } }
        if valueWeights.rows > 1 { with { $0.valueWeights = dropping(valueWeights, rows: 1); $0.valueBias = dropping(valueBias, rows: 1) } }
        if queryWeights.rows > 1 {
            with { c in
                c.queryWeights = dropping(queryWeights, rows: 1); c.queryBias = dropping(queryBias, rows: 1)
                c.keyWeights = dropping(keyWeights, rows: 1); c.keyBias = dropping(keyBias, rows: 1)
            }
        }
        if x.rows > 1 {
            with { c in
                c.x = dropping(x, rows: 1)
                c.queryWeights = dropping(queryWeights, columns: 1)
                c.keyWeights = dropping(keyWeights, columns: 1)
                c.valueWeights = dropping(valueWeights, columns: 1)
            }
        }
        for path in [\AttentionCase.queryBias, \AttentionCase.keyBias, \AttentionCase.valueBias] where self[keyPath: path].scalars.contains(where: { $0 != 0 }) {
            with { $0[keyPath: path] = Matrix(rows: self[keyPath: path].rows, columns: 1) }
        }
        let all = [\AttentionCase.x, \AttentionCase.queryWeights, \AttentionCase.keyWeights, \AttentionCase.valueWeights]
        if all.contains(where: { path in self[keyPath: path].scalars.contains { $0 != $0.rounded() } }) {
            with { c in for path in all { c[keyPath: path] = c[keyPath: path].map { $0.rounded() } } }
        }
        return result
    }

    /// The call as Swift a student can paste.
    func call(_ function: String, scaled: Bool) -> String {
        "\(function)(x: \(swiftText(x)), queryWeights: \(swiftText(queryWeights)), queryBias: \(swiftText(queryBias)), "
            + "keyWeights: \(swiftText(keyWeights)), keyBias: \(swiftText(keyBias)), valueWeights: \(swiftText(valueWeights)), "
            + "valueBias: \(swiftText(valueBias)), scaled: \(scaled))"
    }

    /// The parameters as the lesson module holds them.
    var parameters: AttentionParameters {
        AttentionParameters(queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights, keyBias: keyBias,
                            valueWeights: valueWeights, valueBias: valueBias)
    }

    /// The reference forward pass.
    func forward(scaled: Bool) -> SelfAttentionPass {
        SelfAttentionPass(x: x, parameters: parameters, scaled: scaled)
    }
}
