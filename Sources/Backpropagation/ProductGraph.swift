import Answers
import CourseKit

/// The "weird model" θ₁θ₂x of Giobergia's slides, with its loss, as a computational graph.
///
/// ```
/// a = θ₁ θ₂        b = a x        c = b − y        L = ℓ(c)
///
/// ∂L/∂c = ℓ′(c)    ∂L/∂b = ∂L/∂c · 1    ∂L/∂a = ∂L/∂b · x
/// ∂L/∂θ₁ = ∂L/∂a · θ₂                   ∂L/∂θ₂ = ∂L/∂a · θ₁
/// ```
/// With the squared loss ℓ(c) = c² this gives `∂L/∂θ₁ = 2cxθ₂` and `∂L/∂θ₂ = 2cxθ₁`.
public struct ProductGraph: Sendable {
    /// The loss applied to the residual c.
    public enum Loss: String, Sendable {
        /// ℓ(c) = c², ℓ′(c) = 2c (the slides' choice).
        case squared
        /// ℓ(c) = log cosh c, ℓ′(c) = tanh c (exercise 6).
        case logCosh
    }

    /// The graph with its values and local derivatives.
    public let graph: ComputationalGraph
    /// The indices of the nodes θ₁, θ₂, x, y, a, b, c, L in `graph`.
    public let theta1, theta2, x, y, a, b, c, loss: Int

    /// Builds the graph and runs its forward pass.
    public init(theta1 t1: Double, theta2 t2: Double, x xValue: Double, y yValue: Double, loss kind: Loss = .squared) {
        var g = ComputationalGraph()
        theta1 = g.input("θ₁", t1)
        theta2 = g.input("θ₂", t2)
        x = g.input("x", xValue)
        y = g.input("y", yValue)
        a = g.multiply(theta1, theta2, name: "a")
        b = g.multiply(a, x, name: "b")
        c = g.subtract(b, y, name: "c")
        switch kind {
        case .squared: loss = g.square(c, name: "L")
        case .logCosh: loss = g.logCosh(c, name: "L")
        }
        graph = g
    }

    /// The forward values a, b, c and L.
    public var forwardValues: (a: Double, b: Double, c: Double, loss: Double) {
        (graph.value(a), graph.value(b), graph.value(c), graph.value(loss))
    }

    /// The adjoints ∂L/∂node of every node, from one backward sweep.
    public var adjoints: [Double] { graph.backward(from: loss).adjoints }

    /// The gradient (∂L/∂θ₁, ∂L/∂θ₂).
    public var gradient: (theta1: Double, theta2: Double) {
        let adjoint = adjoints
        return (adjoint[theta1], adjoint[theta2])
    }
}

/// Returns the forward values of exercise 6's graph, whose loss is log cosh.
/// ```
/// a = θ₁ θ₂     b = a x     c = b − y     L = log cosh c
/// ```
public func graphForward(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (a: Double, b: Double, c: Double, loss: Double) {
    AnswerKeys.answer("Backpropagation.graphForward", [theta1, theta2, x, y]) {
        // answer: exercise6 begin
        ProductGraph(theta1: theta1, theta2: theta2, x: x, y: y, loss: .logCosh).forwardValues
        // answer: exercise6 end
    }
}

/// Returns the adjoints of exercise 6's graph, in the order the backward pass finds them.
/// ```
/// dc = ∂L/∂c = tanh c     db = ∂L/∂b = dc     da = ∂L/∂a = db · x
/// ```
public func graphBackward(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (dc: Double, db: Double, da: Double) {
    AnswerKeys.answer("Backpropagation.graphBackward", [theta1, theta2, x, y]) {
        // answer: exercise6 begin
        let graph = ProductGraph(theta1: theta1, theta2: theta2, x: x, y: y, loss: .logCosh)
        let adjoint = graph.adjoints
        return (adjoint[graph.c], adjoint[graph.b], adjoint[graph.a])
        // answer: exercise6 end
    }
}

/// Returns the gradient of exercise 6's loss with respect to the two parameters.
/// ```
/// ∂L/∂θ₁ = tanh(c) x θ₂        ∂L/∂θ₂ = tanh(c) x θ₁
/// ```
public func graphGradient(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (theta1: Double, theta2: Double) {
    AnswerKeys.answer("Backpropagation.graphGradient", [theta1, theta2, x, y]) {
        // answer: exercise6 begin
        ProductGraph(theta1: theta1, theta2: theta2, x: x, y: y, loss: .logCosh).gradient
        // answer: exercise6 end
    }
}
