// Exercise 13 — An autodiff engine of your own
//
// Read lessons/lesson4-backpropagation.md, section 9 ("An engine that does it for you").
// Sections 1 and 2 did backpropagation by hand; here you write the machine that does it for
// any formula, in the style of Karpathy's micrograd:
//
//   - a `Value` holds a number (`data`), its gradient (`grad`), the values it was computed
//     from (`operands`) and `backwardStep`, which knows the operation's LOCAL derivatives;
//   - every operation computes its result and, right beside it, how to pass a gradient back:
//
//         out = a · b        backwardStep(g):  a.grad += b.data · g     (∂out/∂a = b)
//                                              b.grad += a.data · g     (∂out/∂b = a)
//
//   - `backward()` lists the nodes in topological order (every node after its operands), sets
//     the output's grad to 1 and calls `backwardStep(node.grad)` on the nodes in REVERSE order,
//     so that a node passes its gradient on only once every contribution has arrived.
//
// Always `+=`, never `=`: a value used twice (b in lesson 4's e = (a + b)(b + 1), or x in x·x)
// receives one contribution per use, and its gradient is their sum.
//
// The local derivatives, with out the operation's result:
//
//     a + b   ∂/∂a = 1,       ∂/∂b = 1            xⁿ       n xⁿ⁻¹  (n is a Double)
//     a − b   ∂/∂a = 1,       ∂/∂b = −1           eˣ       eˣ = out
//     a · b   ∂/∂a = b,       ∂/∂b = a            log x    1/x     (natural logarithm)
//     a / b   ∂/∂a = 1/b,     ∂/∂b = −a/b²        tanh x   1 − tanh²x = 1 − out²
//     ReLU(x) = max(0, x)     ReLU′(x) = 1 for x > 0 and 0 for x ≤ 0: ReLU′(0) = 0 exactly.
//
// What the grader calls
// - lessonGraph: lesson 4's graph a = θ₁θ₂, b = a x, c = b − y, L = c², built from your
//   Values; returns L, ∂L/∂θ₁ and ∂L/∂θ₂ (at θ₁ = 2, θ₂ = 3, x = 1.5, y = 4: 25, 45 and 30).
// - pathSum: lesson 4's c = a + b, d = b + 1, e = c · d; returns e, ∂e/∂a and ∂e/∂b
//   (at a = 2, b = 1: 6, 2 and 5).
// - runProgram and topologicalOrderSummary (written for you, below) build any small formula
//   from your Values and return every node's data and grad after backward() on the last
//   node (0 for the nodes it does not depend on), or what the last node's topologicalOrder()
//   holds: each node once, every node after its operands, no input the output does not use.
//   They check every operation on its own, at its edges (ReLU at exactly 0, a negative base
//   with a whole exponent, x · x, x / x, a formula with no operation at all), on generated
//   formulas, and against central differences of your own values. The formulas stay where
//   every operation is defined: log and fractional powers of positive numbers only, no
//   division by 0.
// - trainMLP: trains a 2-H-1 network with your engine (see its comment). Set every
//   parameter's grad to 0 before each backward(): backward() adds to what is there.
//
// Inside `Value`, the methods exp(), log() and tanh() hide Foundation's functions of the same
// name: write Foundation.exp(data), Foundation.log(data), Foundation.tanh(data).

import Foundation
import CourseKit

/// A number that remembers how it was computed, so that `backward()` can send gradients back.
final class Value {
    /// The number itself.
    var data: Double
    /// ∂(output)/∂(this value) once `backward()` has run on an output; 0 until then.
    var grad = 0.0
    /// The values this one was computed from: none for a leaf.
    let operands: [Value]
    /// Adds this node's contributions to its operands' gradients, given g = ∂output/∂(this node).
    let backwardStep: (Double) -> Void

    /// Creates a leaf: a number not computed from other values.
    convenience init(_ data: Double) {
        self.init(data, operands: []) { _ in }
    }

    /// Creates the result of an operation on `operands`.
    init(_ data: Double, operands: [Value], backwardStep: @escaping (Double) -> Void) {
        self.data = data
        self.operands = operands
        self.backwardStep = backwardStep
    }
}

/// Returns a + b.
func + (a: Value, b: Value) -> Value {
    // TODO: the sum, and a backwardStep giving each operand its local derivative 1 times g
    notImplemented()
}

/// Returns a − b.
func - (a: Value, b: Value) -> Value {
    // TODO: the difference; ∂/∂a = 1, ∂/∂b = −1
    notImplemented()
}

/// Returns a · b.
func * (a: Value, b: Value) -> Value {
    // TODO: the product; ∂/∂a = b, ∂/∂b = a
    notImplemented()
}

/// Returns a / b.
func / (a: Value, b: Value) -> Value {
    // TODO: the quotient; ∂/∂a = 1/b, ∂/∂b = −a/b²
    notImplemented()
}

extension Value {
    /// Returns selfⁿ.
    func power(_ n: Double) -> Value {
        // TODO: selfⁿ with Foundation.pow; (xⁿ)′ = n xⁿ⁻¹
        notImplemented()
    }

    /// Returns e^self.
    func exp() -> Value {
        // TODO: e^self with Foundation.exp; (eˣ)′ = eˣ
        notImplemented()
    }

    /// Returns the natural logarithm of self.
    func log() -> Value {
        // TODO: log(self) with Foundation.log; (log x)′ = 1/x
        notImplemented()
    }

    /// Returns tanh(self).
    func tanh() -> Value {
        // TODO: tanh(self) with Foundation.tanh; tanh′ = 1 − tanh²
        notImplemented()
    }

    /// Returns max(0, self).
    func relu() -> Value {
        // TODO: max(0, self); ReLU′ is 1 for x > 0 and 0 for x ≤ 0
        notImplemented()
    }

    /// Returns every value this one depends on, itself included, each once, every value
    /// after its operands.
    func topologicalOrder() -> [Value] {
        // TODO: a depth-first search from self: operands first, then the node; each node once
        notImplemented()
    }

    /// Adds ∂self/∂v to the grad of every value v that self depends on.
    func backward() {
        // TODO: set grad = 1, then call backwardStep(node.grad) on the nodes of the order, outputs first
        notImplemented()
    }
}

/// Returns L = (θ₁θ₂x − y)² and its gradient (∂L/∂θ₁, ∂L/∂θ₂), computed by your engine.
func lessonGraph(theta1: Double, theta2: Double, x: Double, y: Double)
    -> (loss: Double, gradTheta1: Double, gradTheta2: Double) {
    // TODO: build a = θ₁θ₂, b = a x, c = b − y, L = c² from Values, call backward(), read the grads
    notImplemented()
}

/// Returns e = (a + b)(b + 1) and its gradient (∂e/∂a, ∂e/∂b), computed by your engine.
func pathSum(a: Double, b: Double) -> (e: Double, gradA: Double, gradB: Double) {
    // TODO: build c = a + b, d = b + 1, e = c · d from Values, call backward(), read the grads
    notImplemented()
}

/// Trains the network for `steps` steps of gradient descent and returns the loss before
/// training and after every step: steps + 1 numbers, only the first loss when steps = 0.
///
///     hⱼ = tanh(wⱼ₁ x₁ + wⱼ₂ x₂ + bⱼ)    ŷ = Σⱼ vⱼ hⱼ + c    L = (1/N) Σₙ (ŷₙ − yₙ)²
///
/// The samples are the N columns of `points` (2×N), their targets `labels`, H = `hidden`.
/// The 4H + 1 parameters start from initialParameters(hidden:seed:). Each step sets every
/// parameter's grad to 0, calls backward() on L, and moves every parameter by
/// −learningRate · grad.
func trainMLP(points: Matrix, labels: [Double], hidden: Int, seed: Int, learningRate: Double, steps: Int) -> [Double] {
    // TODO: make the parameters Values once; at each step build L, record it, zero every grad, backward(), step
    notImplemented()
}

// Written for you: the grader uses these to test your Value. Leave them as they are.

/// Returns the network's parameters at the start, uniform in [−1, 1]: for each hidden unit j
/// its weights wⱼ₁, wⱼ₂ and its bias bⱼ, then the output weights v₁ … v_H, then the output
/// bias c (4H + 1 numbers).
func initialParameters(hidden: Int, seed: Int) -> [Double] {
    var random = SeededGenerator(seed: UInt64(seed))
    return (0..<(4 * hidden + 1)).map { _ in random.uniform(in: -1...1) }
}

/// Builds a formula from your Values: the inputs are nodes 0, 1, …; each triple
/// (operation, i, j) of `program` adds a node, operation 0 + 1 − 2 · 3 / on nodes i and j,
/// 4 node i to the power exponents[j], 5 exp, 6 log, 7 tanh, 8 ReLU of node i.
func buildProgram(inputs: [Double], program: [Int], exponents: [Double]) -> [Value] {
    var nodes = inputs.map { Value($0) }
    for k in stride(from: 0, to: program.count, by: 3) {
        let a = nodes[program[k + 1]], j = program[k + 2]
        switch program[k] {
        case 0: nodes.append(a + nodes[j])
        case 1: nodes.append(a - nodes[j])
        case 2: nodes.append(a * nodes[j])
        case 3: nodes.append(a / nodes[j])
        case 4: nodes.append(a.power(exponents[j]))
        case 5: nodes.append(a.exp())
        case 6: nodes.append(a.log())
        case 7: nodes.append(a.tanh())
        default: nodes.append(a.relu())
        }
    }
    return nodes
}

/// Builds the program, calls backward() on its last node, and returns every node's data and grad.
func runProgram(inputs: [Double], program: [Int], exponents: [Double]) -> (values: [Double], gradients: [Double]) {
    let nodes = buildProgram(inputs: inputs, program: program, exponents: exponents)
    nodes.last!.backward()
    return (nodes.map(\.data), nodes.map(\.grad))
}

/// Returns what the last node's topologicalOrder() holds: how many entries, how many different
/// nodes, whether every node comes after its operands, and which inputs it lists.
func topologicalOrderSummary(inputs: [Double], program: [Int], exponents: [Double])
    -> (entries: Int, distinct: Int, operandsFirst: Bool, inputsListed: [Int]) {
    let nodes = buildProgram(inputs: inputs, program: program, exponents: exponents)
    let order = nodes.last!.topologicalOrder()
    var seen = Set<ObjectIdentifier>()
    var operandsFirst = true
    for node in order {
        if !node.operands.allSatisfy({ seen.contains(ObjectIdentifier($0)) }) { operandsFirst = false }
        seen.insert(ObjectIdentifier(node))
    }
    let inputsListed = inputs.indices.filter { seen.contains(ObjectIdentifier(nodes[$0])) }
    return (order.count, seen.count, operandsFirst, inputsListed)
}
