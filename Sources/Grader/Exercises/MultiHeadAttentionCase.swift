import Answers
import CourseKit
import SelfAttention

/// One input of exercise 15: inputs X (D×N, one input per column), the four D×D weight
/// matrices and D×1 biases of a multi-head self-attention block, and the number of heads H.
///
/// It holds the reference forward pass, with each step's typical mistakes as options, so that
/// the result of a mistake can be computed the same way.
/// ```
///   Q = β_q𝟙ᵀ + Ω_q X    K = β_k𝟙ᵀ + Ω_k X    V = β_v𝟙ᵀ + Ω_v X          (each D×N)
///   head h takes rows h·d … h·d + d − 1 of each (d = D/H):  Q_h, K_h, V_h
///   S_h = K_hᵀ Q_h / √d,  S_h[m, n] = −∞ for m > n when causal
///   A_h = softmax of each column of S_h,   O_h = V_h A_h
///   output = β_o𝟙ᵀ + Ω_o [O_0; O_1; …; O_{H−1}]
/// ```
struct MultiHeadCase {
    var x: Matrix
    var queryWeights: Matrix
    var queryBias: Matrix
    var keyWeights: Matrix
    var keyBias: Matrix
    var valueWeights: Matrix
    var valueBias: Matrix
    var outputWeights: Matrix
    var outputBias: Matrix
    var heads: Int

    var dimension: Int { x.rows }
    var count: Int { x.columns }
    var headSize: Int { dimension / heads }

    var description: String {
        "D = \(dimension), H = \(heads) (heads of \(headSize)), N = \(count)"
    }

    /// A case with seeded values of order one everywhere.
    static func random(dimension: Int, heads: Int, count: Int, seed: UInt64) -> MultiHeadCase {
        var random = SeededGenerator(seed: 15_000 + seed)
        let square = { (g: inout SeededGenerator) in g.matrix(rows: dimension, columns: dimension, in: -1...1) }
        let column = { (g: inout SeededGenerator) in g.matrix(rows: dimension, columns: 1, in: -0.5...0.5) }
        return MultiHeadCase(x: random.matrix(rows: dimension, columns: count, in: -2...2),
                             queryWeights: square(&random), queryBias: column(&random),
                             keyWeights: square(&random), keyBias: column(&random),
                             valueWeights: square(&random), valueBias: column(&random),
                             outputWeights: square(&random), outputBias: column(&random), heads: heads)
    }

    /// The same block with scores of about `sign`·c²/√d in every head, yet spread over the
    /// inputs by amounts of order one: the first row of each head's block gets β_q = c,
    /// β_k = `sign`·c and no key weights, so that every score gains the same `sign`·c² while
    /// the rest of the head varies as before.
    func withScores(around sign: Double, size c: Double) -> MultiHeadCase {
        var changed = self
        for h in 0..<heads {
            let row = h * headSize
            changed.queryBias[row, 0] = c
            changed.keyBias[row, 0] = sign * c
            for column in 0..<dimension { changed.keyWeights[row, column] = 0 }
        }
        return changed
    }

    /// The same block with other inputs.
    func with(x: Matrix) -> MultiHeadCase {
        var changed = self
        changed.x = x
        return changed
    }

    /// The same block with other heads.
    func with(heads: Int) -> MultiHeadCase {
        var changed = self
        changed.heads = heads
        return changed
    }
}

extension MultiHeadCase {
    /// The steps of the forward pass that a typical mistake changes.
    struct Variant {
        enum Mask: Int { case right, afterSoftmax, largeNegative, hidesOwnInput, transposed }
        enum Split: Int { case blocks, interleaved }
        enum Scale: Int { case headRoot, none, modelRoot }
        enum Projection: Int { case right, transposed, withoutBias }

        var mask = Mask.right
        var split = Split.blocks
        var scale = Scale.headRoot
        var reversedConcatenation = false
        var projection = Projection.right
        /// True for scores q_mᵀk_n, keys and queries in each other's place.
        var swapsKeysAndQueries = false
        /// False for exp(s) / Σ exp(s) straight from the definition, without the shift by the maximum.
        var shiftsByMaximum = true

        /// The variant as the arguments of an answer key.
        var answerArguments: [any AnswerValue] {
            [mask.rawValue, split.rawValue, scale.rawValue, reversedConcatenation, projection.rawValue, swapsKeysAndQueries,
             shiftsByMaximum]
        }
    }

    /// The result of the forward pass: the output and each head's attention.
    struct Pass: AnswerValue {
        let output: Matrix
        let attention: [Matrix]

        init(output: Matrix, attention: [Matrix]) {
            self.output = output
            self.attention = attention
        }

        func writeAnswer(to tokens: inout [String]) {
            output.writeAnswer(to: &tokens)
            attention.writeAnswer(to: &tokens)
        }

        init?(answerTokens tokens: inout ArraySlice<Substring>) {
            guard let output = Matrix(answerTokens: &tokens), let attention = [Matrix](answerTokens: &tokens) else { return nil }
            self.init(output: output, attention: attention)
        }

        static var standIn: Pass { Pass(output: .standIn, attention: []) }
    }

    /// Returns the rows of head h: a block h·d … h·d + d − 1, or every H-th row from h.
    private func rows(ofHead h: Int, _ split: Variant.Split) -> [Int] {
        switch split {
        case .blocks: Array((h * headSize)..<((h + 1) * headSize))
        case .interleaved: (0..<headSize).map { h + $0 * heads }
        }
    }

    /// Runs the forward pass, right or with one typical mistake.
    func forward(causal: Bool, _ variant: Variant = Variant()) -> Pass {
        let arguments: [any AnswerValue] = [x, queryWeights, queryBias, keyWeights, keyBias, valueWeights, valueBias, outputWeights,
                                            outputBias, heads, causal] + variant.answerArguments
        return AnswerKeys.answer("Grader.MultiHeadCase.forward", arguments) {
            // answer: exercise15 begin
            let q = project(x, weights: queryWeights, bias: queryBias)
            let k = project(x, weights: keyWeights, bias: keyBias)
            let v = project(x, weights: valueWeights, bias: valueBias)
            let factor: Double = switch variant.scale {
            case .headRoot: 1 / Double(headSize).squareRoot()
            case .none: 1
            case .modelRoot: 1 / Double(dimension).squareRoot()
            }
            var attention: [Matrix] = []
            var outputs: [Matrix] = []
            for h in 0..<heads {
                let rows = rows(ofHead: h, variant.split)
                let pick = { (m: Matrix) in Matrix(rows: rows.count, columns: m.columns) { i, n in m[rows[i], n] } }
                var scores = (variant.swapsKeysAndQueries ? pick(q).transposed * pick(k) : pick(k).transposed * pick(q)) * factor
                let hidden = { (m: Int, n: Int) -> Bool in
                    switch variant.mask {
                    case .transposed: m < n
                    case .hidesOwnInput: m >= n
                    default: m > n
                    }
                }
                if causal && variant.mask != .afterSoftmax {
                    for m in 0..<count {
                        for n in 0..<count where hidden(m, n) { scores[m, n] = variant.mask == .largeNegative ? -1e9 : -.infinity }
                    }
                }
                var a = Self.softmaxColumns(scores, shiftsByMaximum: variant.shiftsByMaximum)
                if causal && variant.mask == .afterSoftmax {
                    for m in 0..<count { for n in 0..<m { a[m, n] = 0 } }
                }
                attention.append(a)
                outputs.append(pick(v) * a)
            }
            // Head h's outputs go back to the rows it took (a block, or every H-th row), or, with
            // the concatenation reversed, to the block of head H − 1 − h.
            var concatenated = Matrix(rows: dimension, columns: count)
            for h in 0..<heads {
                let rows = rows(ofHead: variant.reversedConcatenation ? heads - 1 - h : h, variant.split)
                for (i, row) in rows.enumerated() {
                    for n in 0..<count { concatenated[row, n] = outputs[h][i, n] }
                }
            }
            let output: Matrix = switch variant.projection {
            case .right: project(concatenated, weights: outputWeights, bias: outputBias)
            case .transposed: project(concatenated, weights: outputWeights.transposed, bias: outputBias)
            case .withoutBias: outputWeights * concatenated
            }
            return Pass(output: output, attention: attention)
            // answer: exercise15 end
        }
    }

    /// The softmax of each column, subtracting the column's maximum (unless told not to); a
    /// column whose scores are all −∞ gives NaN, as a straightforward implementation does.
    static func softmaxColumns(_ s: Matrix, shiftsByMaximum: Bool = true) -> Matrix {
        var a = s
        for n in 0..<s.columns {
            let column = s.column(n)
            let top = shiftsByMaximum ? column.max() ?? 0 : 0
            let e = column.map { exp($0 - top) }
            let total = e.reduce(0, +)
            for m in 0..<s.rows { a[m, n] = e[m] / total }
        }
        return a
    }
}

extension MultiHeadCase {
    /// The hand-made shapes: D = 6 with three heads of 2 on N = 5 inputs, and the same block
    /// with two heads of 3, so that the split into heads, √d against √D (2.449) and the order
    /// of the heads all change the answer.
    static let threeHeads = random(dimension: 6, heads: 3, count: 5, seed: 1)
    static let twoHeads = threeHeads.with(heads: 2)

    /// Edges: heads of size 1 (H = D) on more inputs than dimensions, and a single input.
    static let headsOfOne = random(dimension: 4, heads: 4, count: 7, seed: 2)
    static let singleInput = random(dimension: 6, heads: 2, count: 1, seed: 3)

    /// Scores of about ±3·10⁹ (c = 2¹⁶, so c² = 2³² exactly, and d = 2): exp overflows
    /// without the shift by the maximum, and a mask of −10⁹ is larger than every real score.
    static let hugeScores = threeHeads.withScores(around: 1, size: 65_536)
    static let veryNegativeScores = threeHeads.withScores(around: -1, size: 65_536)

    /// Hidden cases: other shapes and seeds, and extreme scores on another shape.
    static let hidden = [
        random(dimension: 8, heads: 4, count: 6, seed: 4),
        random(dimension: 9, heads: 3, count: 4, seed: 5),
        random(dimension: 4, heads: 2, count: 9, seed: 6),
        random(dimension: 5, heads: 1, count: 3, seed: 7),
    ]
    static let hiddenExtreme = [
        random(dimension: 8, heads: 2, count: 6, seed: 8).withScores(around: -1, size: 262_144),
        random(dimension: 8, heads: 2, count: 6, seed: 8).withScores(around: 1, size: 262_144),
    ]

    /// Seeded blocks of every small shape, smallest first: D from 1 to 6 with every H that
    /// divides it, N from 1 to 6.
    static let generated: [MultiHeadCase] = {
        var random = SeededGenerator(seed: 15_200)
        let cases = (0..<30).map { index -> MultiHeadCase in
            let dimension = random.integer(in: 1...6)
            let divisors = (1...dimension).filter { dimension % $0 == 0 }
            return MultiHeadCase.random(dimension: dimension, heads: divisors[random.integer(below: divisors.count)],
                                        count: random.integer(in: 1...6), seed: 100 + UInt64(index))
        }
        return cases.sorted { $0.dimension * $0.count < $1.dimension * $1.count }
    }()
}
