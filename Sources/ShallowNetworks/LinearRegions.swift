import Answers
import CourseKit

/// Returns the activation pattern of a ReLU layer at the point x: which hidden units are
/// active, that is, have a strictly positive pre-activation.
/// ```
/// pattern_d = [θ_{d0} + Σ_i θ_{di} x_i > 0]
/// ```
/// The pre-activation is summed in that order, θ_{d0} first, then i = 1 … D_i.
public func activationPattern(at x: [Double], theta0: Matrix, theta: Matrix) -> [Bool] {
    precondition(theta.columns == x.count && theta0.rows == theta.rows && theta0.columns == 1,
                 "Θ is \(theta.rows)×\(theta.columns) and θ₀ is \(theta0.rows)×\(theta0.columns) for a point of \(x.count) coordinates")
    return (0..<theta.rows).map { d in
        var z = theta0[d, 0]
        for i in x.indices { z += theta[d, i] * x[i] }
        return z > 0
    }
}

/// Returns the coordinates of a grid of `gridSize` points covering [−radius, radius], both
/// ends included.
/// ```
/// x_k = −radius + 2 · radius · k / (gridSize − 1)        k = 0, 1, …, gridSize − 1
/// ```
public func gridCoordinates(radius: Double, gridSize: Int) -> [Double] {
    precondition(gridSize >= 2 && radius > 0, "a grid needs at least 2 points per axis and a positive radius")
    return (0..<gridSize).map { k in -radius + 2 * radius * Double(k) / Double(gridSize - 1) }
}

/// Returns the number of linear regions of a ReLU layer seen on a grid: the number of
/// distinct activation patterns among the points of the grid `gridSize^{D_i}` over the cube
/// [−radius, radius]^{D_i}, where D_i = `theta.columns`.
///
/// Each activation pattern of a shallow network is one convex region (an intersection of
/// half-spaces), so distinct patterns are distinct regions; a region that no grid point
/// falls in is not counted. Points exactly on a boundary count their unit as inactive.
/// - Complexity: O(gridSize^{D_i} · D · D_i).
public func regionCount(theta0: Matrix, theta: Matrix, radius: Double, gridSize: Int) -> Int {
    AnswerKeys.answer("ShallowNetworks.regionCount", [theta0, theta, radius, gridSize]) {
        // answer: exercise4 begin
        let axis = gridCoordinates(radius: radius, gridSize: gridSize)
        let dimensions = theta.columns
        var index = [Int](repeating: 0, count: dimensions)
        var patterns = Set<[Bool]>()
        while true {
            patterns.insert(activationPattern(at: index.map { axis[$0] }, theta0: theta0, theta: theta))
            // Advance the grid index like an odometer; stop after the last point.
            var k = 0
            while k < dimensions && index[k] == gridSize - 1 {
                index[k] = 0
                k += 1
            }
            if k == dimensions { return patterns.count }
            index[k] += 1
        }
        // answer: exercise4 end
    }
}

/// Returns the exact number of regions that the lines `θ_{d0} + θ_{d1} x₁ + θ_{d2} x₂ = 0`
/// cut the whole plane into, by collecting the activation patterns around every crossing.
///
/// Valid for lines in general position (no two parallel, no three through one point):
/// then every region has a crossing on its border, and the four corners around a crossing
/// of lines i and j carry the four sign pairs of units i and j.
/// - Complexity: O(D³).
public func arrangementRegionCount(theta0: Matrix, theta: Matrix) -> Int {
    precondition(theta.columns == 2 && theta0.rows == theta.rows, "the arrangement count is for 2 inputs")
    let lineCount = theta.rows
    if lineCount < 2 { return lineCount + 1 }
    var patterns = Set<[Bool]>()
    for i in 0..<lineCount {
        for j in (i + 1)..<lineCount {
            // Solve θ_{i1} x₁ + θ_{i2} x₂ = −θ_{i0} and the same for j (Cramer's rule).
            let det = theta[i, 0] * theta[j, 1] - theta[i, 1] * theta[j, 0]
            if det == 0 { continue }
            let x1 = (-theta0[i, 0] * theta[j, 1] + theta0[j, 0] * theta[i, 1]) / det
            let x2 = (-theta[i, 0] * theta0[j, 0] + theta[j, 0] * theta0[i, 0]) / det
            let center = activationPattern(at: [x1, x2], theta0: theta0, theta: theta)
            for (si, sj) in [(false, false), (false, true), (true, false), (true, true)] {
                var pattern = center
                pattern[i] = si
                pattern[j] = sj
                patterns.insert(pattern)
            }
        }
    }
    return patterns.count
}
