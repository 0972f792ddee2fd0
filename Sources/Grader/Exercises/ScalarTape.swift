import Answers
import CourseKit
import Foundation

/// The reference of exercise 13: a reverse-mode autodiff engine on scalars, kept as a tape
/// (nodes in the order they were created) rather than as objects, so that it can also replay
/// the known mistakes of a student's engine. It lives in the grader and never in CourseKit:
/// students do not get it.
struct ScalarTape {
    /// The operations of a program, numbered as exercise 13's `runProgram` encodes them.
    enum Operation: Int, CaseIterable {
        case add, subtract, multiply, divide, power, exp, log, tanh, relu

        /// How many operands it takes.
        var arity: Int { rawValue <= Operation.divide.rawValue ? 2 : 1 }
    }

    /// A mistake of a student's engine that the tape can replay, to recognise it.
    enum Flaw: Equatable {
        /// Every operation adds its contributions with `+=`, and the sweep visits the nodes in
        /// reverse order of creation: the right engine.
        case none
        /// Each contribution is assigned with `=`, so a node keeps only one: the one from its
        /// last consumer in the sweep, the consumer created first (`lastWriterCreatedFirst`)
        /// or last.
        case overwrite(lastWriterCreatedFirst: Bool)
        /// The sweep visits the nodes in the order of creation instead of its reverse.
        case creationOrder
        /// The topological order comes from a depth-first search without a set of visited
        /// nodes (operands in order), so a node appears once per path from the output and
        /// its backwardStep runs that many times.
        case repeatedVisits
        /// No topological order: backward() runs a node's backwardStep, then recurses into
        /// its operands in order, each time it reaches them (`visitingOnce` false) or only
        /// the first time.
        case recursion(visitingOnce: Bool)
        /// One operation's local derivative is replaced by a wrong one.
        case local(Operation, LocalMistake)
    }

    /// Wrong local derivatives that students write.
    enum LocalMistake: Int, Equatable {
        /// tanh′ taken as tanh x instead of 1 − tanh²x.
        case tanhAsTanh
        /// tanh′ taken as 1 − tanh x.
        case tanhWithoutSquare
        /// (xⁿ)′ taken as n xⁿ.
        case powerWithoutMinusOne
        /// (xⁿ)′ taken as xⁿ⁻¹.
        case powerWithoutFactor
        /// ReLU′(0) taken as 1.
        case reluOneAtZero
        /// ReLU′ taken as 𝟙[out ≥ 0], which always holds: 1 everywhere.
        case reluOutputNonNegative
        /// ∂(a/b)/∂b taken as +a/b².
        case divisionSign
        /// ∂(a − b)/∂b taken as +1.
        case subtractionSign
        /// (log x)′ taken as log x.
        case logAsLog
        /// ∂(ab)/∂a taken as a (the node's own value instead of the other factor).
        case multiplyOwnFactor
    }

    struct Node {
        let operation: Operation?
        let operands: [Int]
        let exponent: Double
        let value: Double
    }

    private(set) var nodes: [Node] = []

    /// Adds a leaf holding `value` and returns its index.
    @discardableResult
    mutating func leaf(_ value: Double) -> Int {
        nodes.append(Node(operation: nil, operands: [], exponent: 0, value: value))
        return nodes.count - 1
    }

    /// Adds the result of an operation on earlier nodes and returns its index.
    @discardableResult
    mutating func apply(_ operation: Operation, _ i: Int, _ j: Int = 0, exponent: Double = 0) -> Int {
        let a = nodes[i].value, b = nodes[j].value
        let value: Double
        switch operation {
        case .add: value = a + b
        case .subtract: value = a - b
        case .multiply: value = a * b
        case .divide: value = a / b
        case .power: value = Foundation.pow(a, exponent)
        case .exp: value = Foundation.exp(a)
        case .log: value = Foundation.log(a)
        case .tanh: value = Foundation.tanh(a)
        case .relu: value = max(0, a)
        }
        nodes.append(Node(operation: operation, operands: operation.arity == 2 ? [i, j] : [i], exponent: exponent, value: value))
        return nodes.count - 1
    }

    /// Builds the tape of a program as exercise 13 encodes it: the inputs are nodes
    /// 0 ..< inputs.count, and each triple (operation, i, j) of `program` adds one node.
    /// Returns nil when the encoding is invalid.
    init?(inputs: [Double], program: [Int], exponents: [Double]) {
        guard program.count % 3 == 0 else { return nil }
        for x in inputs { leaf(x) }
        for k in stride(from: 0, to: program.count, by: 3) {
            guard let operation = Operation(rawValue: program[k]), (0..<nodes.count).contains(program[k + 1]) else { return nil }
            let j = program[k + 2]
            if operation == .power {
                guard exponents.indices.contains(j) else { return nil }
                apply(.power, program[k + 1], exponent: exponents[j])
            } else {
                guard operation.arity == 1 || (0..<nodes.count).contains(j) else { return nil }
                apply(operation, program[k + 1], operation.arity == 2 ? j : 0)
            }
        }
    }

    init() {}

    var values: [Double] { nodes.map(\.value) }

    /// The local derivatives of node `n` with respect to its operands, in order.
    func localDerivatives(_ n: Int, flaw: Flaw = .none) -> [Double] {
        AnswerKeys.answer("Grader.ScalarTape.localDerivatives", answerArguments + [n] + flaw.answerArguments) {
            // answer: exercise13 begin
            unkeyedLocalDerivatives(n, flaw: flaw)
            // answer: exercise13 end
        }
    }

    // answer: exercise13 helper begin
    private func unkeyedLocalDerivatives(_ n: Int, flaw: Flaw) -> [Double] {
        let node = nodes[n]
        guard let operation = node.operation else { return [] }
        let a = nodes[node.operands[0]].value
        let b = node.operands.count > 1 ? nodes[node.operands[1]].value : 0
        let out = node.value, p = node.exponent
        let mistake: LocalMistake? = if case .local(operation, let m) = flaw { m } else { nil }
        switch operation {
        case .add: return [1, 1]
        case .subtract: return [1, mistake == .subtractionSign ? 1 : -1]
        case .multiply: return mistake == .multiplyOwnFactor ? [a, b] : [b, a]
        case .divide: return [1 / b, (mistake == .divisionSign ? 1 : -1) * a / (b * b)]
        case .power:
            switch mistake {
            case .powerWithoutMinusOne: return [p * Foundation.pow(a, p)]
            case .powerWithoutFactor: return [Foundation.pow(a, p - 1)]
            default: return [p * Foundation.pow(a, p - 1)]
            }
        case .exp: return [out]
        case .log: return [mistake == .logAsLog ? out : 1 / a]
        case .tanh:
            switch mistake {
            case .tanhAsTanh: return [out]
            case .tanhWithoutSquare: return [1 - out]
            default: return [1 - out * out]
            }
        case .relu:
            if mistake == .reluOutputNonNegative { return [1] }
            return [a > 0 || (a == 0 && mistake == .reluOneAtZero) ? 1 : 0]
        }
    }
    // answer: exercise13 helper end

    /// Whether each node is reachable from `output` (the output included).
    func reachable(from output: Int) -> [Bool] {
        var seen = Array(repeating: false, count: nodes.count)
        seen[output] = true
        for n in stride(from: output, through: 0, by: -1) where seen[n] {
            for i in nodes[n].operands { seen[i] = true }
        }
        return seen
    }

    /// The length of a topological order of the nodes that `output` depends on, each once.
    func orderLength(from output: Int) -> Int {
        AnswerKeys.answer("Grader.ScalarTape.orderLength", answerArguments + [output]) {
            // answer: exercise13 begin
            reachable(from: output).filter { $0 }.count
            // answer: exercise13 end
        }
    }

    /// The length of the list a depth-first search without a visited set builds: a node
    /// appears once for every path from the output to it.
    func unfoldedLength(from output: Int) -> Int {
        AnswerKeys.answer("Grader.ScalarTape.unfoldedLength", answerArguments + [output]) {
            // answer: exercise13 begin
            var size = Array(repeating: 1, count: nodes.count)
            for n in nodes.indices { size[n] = 1 + nodes[n].operands.map { size[$0] }.reduce(0, +) }
            return size[output]
            // answer: exercise13 end
        }
    }

    /// The gradient of node `output` with respect to every node: ∂output/∂node, 0 for the
    /// nodes it does not depend on.
    func gradients(of output: Int, flaw: Flaw = .none) -> [Double] {
        AnswerKeys.answer("Grader.ScalarTape.gradients", answerArguments + [output] + flaw.answerArguments) {
            // answer: exercise13 begin
            var grad = Array(repeating: 0.0, count: nodes.count)
            grad[output] = 1
            if flaw == .creationOrder {
                for n in 0...output {
                    for (i, local) in zip(nodes[n].operands, unkeyedLocalDerivatives(n, flaw: .none)) { grad[i] += local * grad[n] }
                }
                return grad
            }
            if flaw == .repeatedVisits {
                var order: [Int] = []
                func visit(_ n: Int) {
                    for i in nodes[n].operands { visit(i) }
                    order.append(n)
                }
                visit(output)
                for n in order.reversed() {
                    for (i, local) in zip(nodes[n].operands, unkeyedLocalDerivatives(n, flaw: .none)) { grad[i] += local * grad[n] }
                }
                return grad
            }
            if case .recursion(let visitingOnce) = flaw {
                var visited = Set<Int>()
                func visit(_ n: Int) {
                    if visitingOnce { guard visited.insert(n).inserted else { return } }
                    for (i, local) in zip(nodes[n].operands, unkeyedLocalDerivatives(n, flaw: .none)) { grad[i] += local * grad[n] }
                    for i in nodes[n].operands { visit(i) }
                }
                visit(output)
                return grad
            }
            // The contributions each node receives: (consumer, contribution), in sweep order.
            var received = Array(repeating: [(consumer: Int, amount: Double)](), count: nodes.count)
            let live = reachable(from: output)
            for n in stride(from: output, through: 0, by: -1) where live[n] {
                if n != output, !received[n].isEmpty {
                    switch flaw {
                    case .overwrite(let createdFirst):
                        let consumers = received[n].map(\.consumer)
                        let winner = createdFirst ? consumers.min()! : consumers.max()!
                        grad[n] = received[n].last { $0.consumer == winner }!.amount
                    default:
                        grad[n] = received[n].map(\.amount).reduce(0, +)
                    }
                }
                for (i, local) in zip(nodes[n].operands, unkeyedLocalDerivatives(n, flaw: flaw)) {
                    received[i].append((n, local * grad[n]))
                }
            }
            return grad
            // answer: exercise13 end
        }
    }
}

extension ScalarTape {
    /// The tape as the arguments of an answer key: each node's operation (−1 for a leaf),
    /// operands, exponent and value.
    var answerArguments: [any AnswerValue] {
        nodes.map { node -> any AnswerValue in
            AnswerPair(AnswerPair(node.operation?.rawValue ?? -1, node.operands), AnswerPair(node.exponent, node.value))
        }
    }
}

extension ScalarTape.Flaw {
    /// The flaw as the arguments of an answer key.
    var answerArguments: [any AnswerValue] {
        switch self {
        case .none: [0]
        case .overwrite(let createdFirst): [1, createdFirst]
        case .creationOrder: [2]
        case .repeatedVisits: [3]
        case .recursion(let visitingOnce): [4, visitingOnce]
        case .local(let operation, let mistake): [5, operation.rawValue, mistake.rawValue]
        }
    }
}
