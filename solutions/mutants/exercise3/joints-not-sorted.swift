// Mistake: The joints are returned in the order of the units instead of from left to right.
// Diagnosis: sort them from smallest to largest
// Exercise 3 — The shallow network: forward pass, parameter count and joints
//
// Read lessons/lesson2-shallow-networks.md, sections 1 and 2 (`swift run course run lesson2`
// shows the same network live).
//
// A shallow network has one hidden layer of ReLU units, a[z] = max(0, z).
//
//   One input, D hidden units, one output:
//
//     y = φ₀ + Σ_{d=1}^{D} φ_d a[θ_{d0} + θ_{d1} x]
//
//   D_i inputs, D hidden units, D_o outputs, with column vectors:
//
//     h = a[θ₀ + Θ x]        Θ ∈ R^{D×D_i}   θ₀ ∈ R^{D×1}     (row d of Θ feeds unit d)
//     y = φ₀ + Φ h           Φ ∈ R^{D_o×D}   φ₀ ∈ R^{D_o×1}
//
//   Unit d of a 1-input network switches on or off where θ_{d0} + θ_{d1} x = 0: its "joint".
//
// Conventions
// - In `shallowNetwork`, x is D_i×N: N inputs side by side as columns; return the D_o×N
//   outputs, column n belonging to input n.
// - In `joints`, a unit whose slope θ_{d1} is exactly 0 is flat and has no joint; return
//   the joints of the other units, sorted from smallest to largest (keep repeated values).
// - `Matrix` comes from CourseKit: `Matrix(rows:columns:entry:)`, `m[i, j]`, `*`, `+`,
//   `.transposed`, `relu(_:)` on a matrix, `addingToEachColumn(_:)`.

import CourseKit

/// Returns the output y of a one-input shallow ReLU network at the input x.
///
/// `theta0[d]` is θ_{d0}, `theta1[d]` is θ_{d1}, `phi[d]` is φ_d for unit d (all of length D),
/// and `phi0` is the output bias φ₀.
func shallowNetwork1D(x: Double, theta0: [Double], theta1: [Double], phi0: Double, phi: [Double]) -> Double {
    precondition(theta0.count == theta1.count && theta1.count == phi.count, "one θ₀, θ₁ and φ per hidden unit")
    var y = phi0
    for d in phi.indices {
        let z = theta0[d] + theta1[d] * x
        y += phi[d] * max(0, z)
    }
    return y
}

/// Returns the D_o×N outputs of a shallow ReLU network for the N inputs in the columns of x.
///
/// Shapes: x is D_i×N, theta0 is D×1, theta is D×D_i, phi0 is D_o×1, phi is D_o×D.
func shallowNetwork(x: Matrix, theta0: Matrix, theta: Matrix, phi0: Matrix, phi: Matrix) -> Matrix {
    precondition(theta.columns == x.rows && theta0.rows == theta.rows && phi.columns == theta.rows
                 && phi0.rows == phi.rows, "shapes do not fit together")
    let h = Matrix(rows: theta.rows, columns: x.columns) { d, n in
        var z = theta0[d, 0]
        for i in 0..<x.rows { z += theta[d, i] * x[i, n] }
        return max(0, z)
    }
    return Matrix(rows: phi.rows, columns: x.columns) { j, n in
        var y = phi0[j, 0]
        for d in 0..<h.rows { y += phi[j, d] * h[d, n] }
        return y
    }
}

/// Returns the number of parameters (weights and biases) of a shallow network with the
/// given numbers of inputs, hidden units and outputs.
func parameterCount(inputs: Int, hidden: Int, outputs: Int) -> Int {
    hidden * (inputs + 1) + outputs * (hidden + 1)
}

/// Returns the sorted x positions of the joints of a one-input shallow ReLU network.
func joints(theta0: [Double], theta1: [Double]) -> [Double] {
    precondition(theta0.count == theta1.count, "one θ₀ and θ₁ per hidden unit")
    var positions: [Double] = []
    for d in theta1.indices where theta1[d] != 0 {
        positions.append(-theta0[d] / theta1[d])
    }
    return positions
}
