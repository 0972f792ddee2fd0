import CourseKit

/// Returns the largest number of points of a plane data set that any straight line
/// classifies correctly, searching `directions` evenly spaced normal directions.
///
/// For the normal `u = (cos θ, sin θ)` the points are sorted by `u·x`, and every threshold
/// between two neighbours (and beyond both ends) is tried, on both sides; a line that
/// separates the set gives N, and for XOR no line gives more than 3 of 4.
/// ```
/// ŷ(x) = sign(u·x − τ)      max over θ, τ and the two orientations of #{i : ŷ(xᵢ) = tᵢ}
/// ```
/// - Complexity: O(directions × N²).
public func bestLineCorrectCount(points: [[Double]], labels: [Int], directions: Int = 360) -> Int {
    precondition(points.allSatisfy { $0.count == 2 }, "the search is over lines in the plane")
    var best = 0
    for k in 0..<directions {
        let θ = Double.pi * 2 * Double(k) / Double(directions)
        let projections = points.map { $0[0] * cos(θ) + $0[1] * sin(θ) }
        let sorted = projections.sorted()
        let thresholds = [sorted.first! - 1] + zip(sorted, sorted.dropFirst()).map { ($0 + $1) / 2 }
        for τ in thresholds {
            let correct = zip(projections, labels).filter { p, t in (p > τ ? 1 : -1) == t }.count
            best = max(best, correct, points.count - correct)
        }
    }
    return best
}
