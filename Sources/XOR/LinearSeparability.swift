import CourseKit

/// Returns the most of the four points that any line `w₁x₁ + w₂x₂ + b = 0` puts strictly on
/// their own side (w·x + b > 0 for target 1, < 0 for target 0; a point on the line counts as
/// wrong, as in the perceptron rule), searching a grid of weights and biases in [−2, 2] with
/// the given step.
///
/// For XOR it is 3 whatever the grid: Minsky and Papert (1969) showed that the four
/// conditions a line would need contradict each other,
/// ```
/// (0,0) → 0:  b ≤ 0            (0,1) → 1:  w₂ + b > 0
/// (1,0) → 1:  w₁ + b > 0       (1,1) → 0:  w₁ + w₂ + b ≤ 0
/// ```
/// since the middle two add up to w₁ + w₂ + 2b > 0, so w₁ + w₂ + b > −b ≥ 0.
/// - Complexity: O((4/step)³).
public func bestLinearScore(targets: [Double], step: Double = 0.25) -> Int {
    let values = stride(from: -2.0, through: 2.0, by: step).map { $0 }
    var best = 0
    for w1 in values {
        for w2 in values {
            for b in values {
                let strictlyRight = (0..<4).filter { n in
                    (targets[n] == 1 ? 1.0 : -1.0) * (w1 * xorInputRows[n, 0] + w2 * xorInputRows[n, 1] + b) > 0
                }
                best = max(best, strictlyRight.count)
            }
        }
    }
    return best
}

/// Returns the number of mistakes in each epoch of Rosenblatt's perceptron learning rule
/// on the four inputs, starting from zero weights, with lesson 1's rule (and exercise 2's):
/// a point is a mistake when it is not strictly on its own side of the line.
/// ```
/// t = +1 for target 1, −1 for target 0;   mistake when t(w·x + b) ≤ 0:   w ← w + η t x,   b ← b + η t
/// ```
/// On XOR no epoch is ever free of mistakes: the rule never stops.
/// - Complexity: O(epochs).
public func perceptronMistakes(targets: [Double], epochs: Int, learningRate: Double = 1) -> [Int] {
    var w = [0.0, 0.0], b = 0.0
    return (0..<epochs).map { _ in
        var mistakes = 0
        for n in 0..<4 {
            let x = xorInputRows.row(n)
            let t = targets[n] == 1 ? 1.0 : -1.0
            guard t * (dot(w, x) + b) <= 0 else { continue }
            w = zip(w, x).map { $0 + learningRate * t * $1 }
            b += learningRate * t
            mistakes += 1
        }
        return mistakes
    }
}
