import CourseKit

/// A computational graph of scalar operations: every node keeps its value and, on each edge
/// to a node it was computed from, the local derivative of the one with respect to the other.
///
/// ```
///   w ──┐
///       ( · )── a = w x ──┐
///   x ──┘                 ( + )── y = a + q
///   q ────────────────────┘
/// ```
/// Nodes are numbered in the order they are created. That order is topological (a node's
/// inputs always come before it), so the backward sweep simply visits the nodes in reverse.
public struct ComputationalGraph: Sendable {
    /// An edge into a node from one of its inputs, with the local derivative ∂node/∂input.
    public struct Edge: Sendable, Equatable {
        /// The index of the input node.
        public let from: Int
        /// The local derivative of the node with respect to that input, at the current values.
        public let localDerivative: Double
        /// The local derivative as a formula, e.g. `θ₂`, `1`, `2c`.
        public let formula: String
    }

    /// A named value and the edges to the nodes it was computed from (none for an input).
    public struct Node: Sendable {
        /// The node's name, as the lesson writes it (`a`, `θ₁`, `L`).
        public let name: String
        /// How it was computed, e.g. `θ₁ · θ₂`; `input` for a leaf.
        public let formula: String
        /// The value computed by the forward pass.
        public let value: Double
        /// The edges to its inputs, with their local derivatives.
        public let edges: [Edge]
    }

    /// One step of the backward sweep: an adjoint passed along one edge.
    /// ```
    /// ∂L/∂input += ∂L/∂node · ∂node/∂input
    /// ```
    public struct BackwardStep: Sendable {
        /// The node whose adjoint is passed on.
        public let node: Int
        /// The input that receives it.
        public let input: Int
        /// ∂L/∂node, already complete when the step is taken.
        public let upstream: Double
        /// ∂node/∂input.
        public let localDerivative: Double
        /// ∂node/∂input as a formula.
        public let formula: String
        /// The product `upstream · localDerivative` added to ∂L/∂input.
        public var contribution: Double { upstream * localDerivative }
    }

    /// The nodes in the order they were created.
    public private(set) var nodes: [Node] = []

    /// Creates an empty graph.
    public init() {}

    /// Returns the value of node `i`.
    public func value(_ i: Int) -> Double { nodes[i].value }

    /// Returns the name of node `i`.
    public func name(_ i: Int) -> String { nodes[i].name }

    /// The number of edges, which is the number of multiplications one sweep of the chain
    /// rule costs (one product per edge).
    public var edgeCount: Int { nodes.map(\.edges.count).reduce(0, +) }

    private mutating func append(_ name: String, _ formula: String, _ value: Double, _ edges: [Edge]) -> Int {
        nodes.append(Node(name: name, formula: formula, value: value, edges: edges))
        return nodes.count - 1
    }

    /// Adds an input (a leaf: a parameter, a data value or a constant) and returns its index.
    public mutating func input(_ name: String, _ value: Double) -> Int {
        append(name, "input", value, [])
    }

    /// Adds `u + v`.
    /// ```
    /// s = u + v        ∂s/∂u = 1    ∂s/∂v = 1
    /// ```
    public mutating func add(_ u: Int, _ v: Int, name: String) -> Int {
        append(name, "\(self.name(u)) + \(self.name(v))", value(u) + value(v),
               [Edge(from: u, localDerivative: 1, formula: "1"), Edge(from: v, localDerivative: 1, formula: "1")])
    }

    /// Adds `u + k` for a constant k, which gets no node of its own.
    /// ```
    /// s = u + k        ∂s/∂u = 1
    /// ```
    public mutating func add(_ u: Int, constant k: Double, name: String) -> Int {
        append(name, "\(self.name(u)) + \(formatNumber(k))", value(u) + k,
               [Edge(from: u, localDerivative: 1, formula: "1")])
    }

    /// Adds `u − v`.
    /// ```
    /// d = u − v        ∂d/∂u = 1    ∂d/∂v = −1
    /// ```
    public mutating func subtract(_ u: Int, _ v: Int, name: String) -> Int {
        append(name, "\(self.name(u)) − \(self.name(v))", value(u) - value(v),
               [Edge(from: u, localDerivative: 1, formula: "1"), Edge(from: v, localDerivative: -1, formula: "−1")])
    }

    /// Adds `u · v`.
    /// ```
    /// p = u v          ∂p/∂u = v    ∂p/∂v = u
    /// ```
    public mutating func multiply(_ u: Int, _ v: Int, name: String) -> Int {
        append(name, "\(self.name(u)) · \(self.name(v))", value(u) * value(v),
               [Edge(from: u, localDerivative: value(v), formula: self.name(v)),
                Edge(from: v, localDerivative: value(u), formula: self.name(u))])
    }

    /// Adds `u²`.
    /// ```
    /// s = u²           ∂s/∂u = 2u
    /// ```
    public mutating func square(_ u: Int, name: String) -> Int {
        append(name, "\(self.name(u))²", value(u) * value(u),
               [Edge(from: u, localDerivative: 2 * value(u), formula: "2\(self.name(u))")])
    }

    /// Adds `log cosh u`, computed so that it stays finite for large |u|.
    /// ```
    /// s = log cosh u = |u| + log(1 + e^(−2|u|)) − log 2        ∂s/∂u = tanh u
    /// ```
    public mutating func logCosh(_ u: Int, name: String) -> Int {
        append(name, "log cosh \(self.name(u))", stableLogCosh(value(u)),
               [Edge(from: u, localDerivative: tanh(value(u)), formula: "tanh \(self.name(u))")])
    }

    /// Runs the chain rule backwards from `output` (reverse mode).
    ///
    /// It starts from ∂output/∂output = 1 and visits the nodes in reverse creation order, so
    /// each node's adjoint is complete before it is passed on; an input reached by several
    /// paths collects one contribution per edge, which is the sum over paths.
    /// ```
    /// ∂L/∂u = Σ over edges u → v of  ∂L/∂v · ∂v/∂u
    /// ```
    /// - Returns: ∂output/∂node for every node, and the steps in the order they were taken.
    /// - Complexity: one multiplication per edge.
    public func backward(from output: Int) -> (adjoints: [Double], steps: [BackwardStep]) {
        var adjoint = [Double](repeating: 0, count: nodes.count)
        var steps: [BackwardStep] = []
        adjoint[output] = 1
        for v in stride(from: output, through: 0, by: -1) {
            for edge in nodes[v].edges {
                let step = BackwardStep(node: v, input: edge.from, upstream: adjoint[v],
                                        localDerivative: edge.localDerivative, formula: edge.formula)
                adjoint[edge.from] += step.contribution
                steps.append(step)
            }
        }
        return (adjoint, steps)
    }

    /// Pushes derivatives forwards from one input (forward mode): returns ∂node/∂input for
    /// every node.
    /// ```
    /// ∂v/∂x = Σ over edges u → v of  ∂v/∂u · ∂u/∂x
    /// ```
    /// One sweep gives the derivatives of every node with respect to one input only.
    /// - Complexity: one multiplication per edge.
    public func tangents(withRespectTo input: Int) -> [Double] {
        var tangent = [Double](repeating: 0, count: nodes.count)
        tangent[input] = 1
        for (v, node) in nodes.enumerated() where !node.edges.isEmpty {
            tangent[v] = node.edges.map { $0.localDerivative * tangent[$0.from] }.reduce(0, +)
        }
        return tangent
    }

    /// Returns every path from `source` to `target`, each as the list of the edges' local
    /// derivatives from the target back to the source.
    ///
    /// The derivative ∂target/∂source is the sum over these paths of the products of their
    /// local derivatives.
    /// - Complexity: proportional to the number of paths, which can grow exponentially.
    public func paths(from source: Int, to target: Int) -> [[Double]] {
        if source == target { return [[]] }
        return nodes[target].edges.flatMap { edge in
            paths(from: source, to: edge.from).map { [edge.localDerivative] + $0 }
        }
    }

    /// Returns the number of paths from `source` to `target`, counted without listing them.
    /// - Complexity: one addition per edge.
    public func pathCount(from source: Int, to target: Int) -> Int {
        var count = [Int](repeating: 0, count: nodes.count)
        count[source] = 1
        for v in (source + 1)..<max(target + 1, source + 1) {
            count[v] = nodes[v].edges.map { count[$0.from] }.reduce(0, +)
        }
        return count[target]
    }
}

/// Returns `log cosh u` without overflow.
/// ```
/// log cosh u = |u| + log(1 + e^(−2|u|)) − log 2
/// ```
func stableLogCosh(_ u: Double) -> Double {
    abs(u) + log1p(exp(-2 * abs(u))) - log(2.0)
}
