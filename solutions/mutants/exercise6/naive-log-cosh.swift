// Mistake: The loss is computed as log(cosh(c)); cosh overflows to infinity once |c| passes about 710, so the loss is ∞ instead of about |c| − log 2.
// Diagnosis: cosh overflows past
// Exercise 6 — The θ₁θ₂x graph by hand
//
// Backpropagation is the chain rule applied node by node, from the loss back to the
// parameters. Lesson 4, section 1 (lessons/lesson4-backpropagation.md) works the graph
// of the model θ₁θ₂x with the squared loss. Here the same graph ends in another loss,
// log cosh, which behaves like c²/2 near 0 and like |c| far from it:
//
//     a = θ₁ θ₂          b = a x          c = b − y          L = log cosh c
//
// Backwards, each adjoint is the previous one times a local derivative:
//
//     ∂L/∂c                                  (the derivative of log cosh at c)
//     ∂L/∂b  = ∂L/∂c · ∂c/∂b
//     ∂L/∂a  = ∂L/∂b · ∂b/∂a
//     ∂L/∂θ₁ = ∂L/∂a · ∂a/∂θ₁        ∂L/∂θ₂ = ∂L/∂a · ∂a/∂θ₂
//
// Conventions
// - Every value is a number (Double); x and y are data, θ₁ and θ₂ the parameters.
// - cosh c = (e^c + e^(−c))/2, and d/dc cosh c = sinh c.
// - The checks use values where |c| is in the hundreds or thousands. cosh overflows to
//   infinity beyond |c| ≈ 710, so compute log cosh c in a form that never evaluates
//   e^|c|: write cosh c = e^|c| (1 + e^(−2|c|)) / 2 and take the logarithm (log1p helps).
// - Your gradients are also compared with central differences of your own loss.

import CourseKit

/// Returns the forward values of the graph: a = θ₁θ₂, b = a x, c = b − y and L = log cosh c.
func graphForward(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (a: Double, b: Double, c: Double, loss: Double) {
    let a = theta1 * theta2
    let b = a * x
    let c = b - y
    let loss = log(cosh(c))
    return (a, b, c, loss)
}

/// Returns the adjoints (∂L/∂c, ∂L/∂b, ∂L/∂a), in the order backpropagation finds them.
func graphBackward(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (dc: Double, db: Double, da: Double) {
    let (_, _, c, _) = graphForward(theta1: theta1, theta2: theta2, x: x, y: y)
    let dc = tanh(c)        // d/dc log cosh c = sinh c / cosh c
    let db = dc * 1         // ∂c/∂b = 1
    let da = db * x         // ∂b/∂a = x
    return (dc, db, da)
}

/// Returns the gradient (∂L/∂θ₁, ∂L/∂θ₂).
func graphGradient(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (theta1: Double, theta2: Double) {
    let da = graphBackward(theta1: theta1, theta2: theta2, x: x, y: y).da
    return (da * theta2, da * theta1)   // ∂a/∂θ₁ = θ₂, ∂a/∂θ₂ = θ₁
}
