import CourseKit

/// Returns the line that puts the most points of a plane data set strictly on their own
/// side, searching `directions` evenly spaced normal directions, and that number of points.
///
/// For the normal `u = (cos θ, sin θ)` the points are sorted by `u·x`, and every threshold
/// between two neighbours (and beyond both ends) is tried, on both sides; a point on the line
/// counts as wrong, as in Rosenblatt's rule. A line that separates the set gives N, and for
/// XOR no line gives more than 3 of 4. Among the best lines the one with the widest margin
/// (the smallest distance of a correct point to it, largest) is returned, as w = s u and
/// b = −s τ.
/// ```
/// max over θ, τ and s = ±1 of #{i : s tᵢ (u·xᵢ − τ) > 0}
/// ```
/// - Complexity: O(directions × N²).
public func bestLine(points: [[Double]], labels: [Int], directions: Int = 360)
    -> (weights: [Double], bias: Double, correct: Int) {
    precondition(points.allSatisfy { $0.count == 2 }, "the search is over lines in the plane")
    var best = (weights: [1.0, 0.0], bias: 0.0, correct: -1)
    var bestMargin = -Double.infinity
    for k in 0..<directions {
        let θ = Double.pi * 2 * Double(k) / Double(directions)
        let projections = points.map { $0[0] * cos(θ) + $0[1] * sin(θ) }
        let sorted = projections.sorted()
        let thresholds = [sorted.first! - 1] + zip(sorted, sorted.dropFirst()).map { ($0 + $1) / 2 }
        for τ in thresholds {
            for s in [1.0, -1.0] {
                let distances = zip(projections, labels).map { p, t in s * Double(t) * (p - τ) }.filter { $0 > 0 }
                let margin = distances.min() ?? 0
                if distances.count > best.correct || (distances.count == best.correct && margin > bestMargin) {
                    best = ([s * cos(θ), s * sin(θ)], -s * τ, distances.count)
                    bestMargin = margin
                }
            }
        }
    }
    return best
}

/// Returns the largest number of points of a plane data set that any straight line puts
/// strictly on their own side: `bestLine(points:labels:directions:).correct`.
/// - Complexity: O(directions × N²).
public func bestLineCorrectCount(points: [[Double]], labels: [Int], directions: Int = 360) -> Int {
    bestLine(points: points, labels: labels, directions: directions).correct
}
