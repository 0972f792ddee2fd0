// Mistake: The sum stops at j = D_i − 1 and leaves out the term C(D, D_i).
// Diagnosis: leaves out the last term
// Exercise 4 — Counting linear regions
//
// Read lessons/lesson2-shallow-networks.md, section 3 (`swift run course run lesson2` shows
// the counts live).
//
// The hidden units of a shallow ReLU network with D_i inputs cut the input space along D
// hyperplanes θ_{d0} + Σ_i θ_{di} x_i = 0. Zaslavsky (1975) counted the regions that D
// hyperplanes in general position make in R^{D_i}:
//
//          D_i
//     N  =  Σ   C(D, j)          C(D, j) = D! / (j! (D − j)!),   C(D, j) = 0 when j > D
//          j=0
//
// Examples: 1 unit in 1D → 2;  2 lines in 2D → 4;  3 planes in 3D → 8;  3 lines in 2D → 7.
//
// On a real network we count regions by their activation patterns: the pattern at a point
// says which units are active. Unit d is active when its pre-activation is strictly positive:
//
//     z_d = θ_{d0} + θ_{d1} x₁ + θ_{d2} x₂ > 0         (z_d = 0 counts as inactive)
//
// Conventions
// - `zaslavskyCount` returns an Int. The checks stay within 64 bits (D up to about 62), but
//   C(60, 30) is already 1.2 × 10¹⁷: compute each binomial so that no intermediate value
//   overflows (21! does not fit in an Int) and no rounding creeps in (a Double has only 53
//   bits of mantissa).
// - `regionCount` looks at the gridSize × gridSize points (x₁, x₂) with both coordinates in
//       c_k = −radius + 2 · radius · Double(k) / Double(gridSize − 1),   k = 0, 1, …, gridSize − 1
//   (both ends of [−radius, radius] included), computes the activation pattern of every point
//   and returns how many distinct patterns there are. gridSize ≥ 2, radius > 0.
// - theta is D×2 (row d holds θ_{d1}, θ_{d2}) and theta0 is D×1; D may be 0.

import CourseKit

/// Returns the number of regions that `hyperplanes` hyperplanes in general position make in
/// a space of `dimensions` dimensions.
func zaslavskyCount(hyperplanes: Int, dimensions: Int) -> Int {
    var total = 0
    for j in 0..<min(dimensions, hyperplanes) {
        total += binomial(hyperplanes, j)
    }
    return total
}

/// Returns C(n, k), multiplying and dividing in turn so that every partial result is the
/// integer C(n − k + i, i); the product is formed in 128 bits before the exact division.
private func binomial(_ n: Int, _ k: Int) -> Int {
    let k = min(k, n - k)
    var c: UInt64 = 1
    for i in stride(from: 1, through: k, by: 1) {
        c = UInt64(i).dividingFullWidth(c.multipliedFullWidth(by: UInt64(n - k + i))).quotient
    }
    return Int(c)
}

/// Returns the number of distinct activation patterns of the 2-input ReLU layer
/// (theta0, theta) over the gridSize × gridSize grid covering [−radius, radius]².
func regionCount(theta0: Matrix, theta: Matrix, radius: Double, gridSize: Int) -> Int {
    let coordinates = (0..<gridSize).map { k in -radius + 2 * radius * Double(k) / Double(gridSize - 1) }
    var patterns = Set<[Bool]>()
    for x1 in coordinates {
        for x2 in coordinates {
            var pattern: [Bool] = []
            for d in 0..<theta.rows {
                let z = theta0[d, 0] + theta[d, 0] * x1 + theta[d, 1] * x2
                pattern.append(z > 0)
            }
            patterns.insert(pattern)
        }
    }
    return patterns.count
}
