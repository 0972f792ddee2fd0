import CourseKit

/// A formula as exercise 13's `runProgram` takes it: input values, and one triple
/// (operation, i, j) per node, with the exponents of the powers kept apart.
struct ScalarProgram: Sendable {
    let inputs: [Double]
    let program: [Int]
    let exponents: [Double]

    init(inputs: [Double], program: [Int], exponents: [Double] = []) {
        self.inputs = inputs
        self.program = program
        self.exponents = exponents
    }

    var tape: ScalarTape { ScalarTape(inputs: inputs, program: program, exponents: exponents)! }

    var nodeCount: Int { inputs.count + program.count / 3 }

    /// The call as a student writes it, for messages.
    var call: String {
        "runProgram(inputs: \(Self.swiftLiteral(inputs)), program: \(program), exponents: \(Self.swiftLiteral(exponents)))"
    }

    /// The formula in words: `n2 = n0 · n1, n3 = tanh(n2)`, with the inputs' values.
    var formula: String {
        let given = inputs.indices.map { "n\($0) = \(formatNumber(inputs[$0], digits: 6))" }
        let computed = stride(from: 0, to: program.count, by: 3).map { k in
            let i = program[k + 1], j = program[k + 2]
            let operation = ScalarTape.Operation(rawValue: program[k])!
            let right: String = switch operation {
            case .add: "n\(i) + n\(j)"
            case .subtract: "n\(i) − n\(j)"
            case .multiply: "n\(i) · n\(j)"
            case .divide: "n\(i) / n\(j)"
            case .power: "n\(i)^\(formatNumber(exponents[j]))"
            case .exp: "exp(n\(i))"
            case .log: "log(n\(i))"
            case .tanh: "tanh(n\(i))"
            case .relu: "relu(n\(i))"
            }
            return "n\(inputs.count + k / 3) = \(right)"
        }
        return (given + computed).joined(separator: ", ")
    }

    /// How many times each node is used as an operand by the nodes the output depends on.
    var uses: [Int] {
        let tape = self.tape
        let live = tape.reachable(from: nodeCount - 1)
        var count = Array(repeating: 0, count: nodeCount)
        for n in tape.nodes.indices where live[n] {
            for i in tape.nodes[n].operands { count[i] += 1 }
        }
        return count
    }

    /// An array as a Swift literal, so that a call can be pasted into a test of one's own.
    static func swiftLiteral(_ xs: [Double]) -> String {
        "[" + xs.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)" }.joined(separator: ", ") + "]"
    }
}

extension ScalarProgram {
    /// The mistakes of a student's engine that this program shows: each replayed on the
    /// tape, kept when it changes the gradients, and merged with any other mistake that
    /// gives the same numbers, so that a diagnosis never picks one of two equal candidates.
    ///
    /// - Parameter orderIsTopological: whether the student's topologicalOrder() lists every
    ///   node after its operands, when known: it tells apart the two mistakes that make the
    ///   sweep start at the inputs.
    func gradientMistakes(tolerance: Tolerance, orderIsTopological: Bool? = nil) -> [Mistake] {
        let tape = self.tape, output = nodeCount - 1
        let expected = tape.gradients(of: output)
        var found: [(explanations: [String], value: [Double])] = []
        var candidates = flawExplanations(orderIsTopological: orderIsTopological).map { (tape.gradients(of: output, flaw: $0.0), $0.1) }
        let zeros = Array(repeating: 0.0, count: nodeCount)
        candidates.append((zeros, "Every gradient is 0, the output's own included: backward() must start by setting the output's grad "
                           + "to 1 (∂out/∂out), then sweep."))
        candidates.append((zeros.dropLast() + [1], "Only the output's own grad is set; nothing reached its operands. Either the "
                           + "operations' backwardStep do not add to their operands' grad, or backward() sets the output's grad to 1 "
                           + "only after the sweep."))
        for (value, explanation) in candidates {
            let same = { (a: [Double], b: [Double]) in zip(a, b).allSatisfy { tolerance.accepts($0, $1) } }
            if same(value, expected) { continue }
            if let k = found.firstIndex(where: { same($0.value, value) }) {
                if !found[k].explanations.contains(explanation) { found[k].explanations.append(explanation) }
            } else {
                found.append(([explanation], value))
            }
        }
        return found.map { entry in
            let text = entry.explanations.count == 1 ? entry.explanations[0]
                : "Several mistakes give exactly these gradients here: " + entry.explanations.joined(separator: " Or: ")
            return Mistake(text, entry.value)
        }
    }

    private func flawExplanations(orderIsTopological: Bool?) -> [(ScalarTape.Flaw, String)] {
        let shared = uses.enumerated().filter { $0.element > 1 }.map { "n\($0.offset) is used \($0.element) times" }
        let overwrite = "\(shared.joined(separator: " and ")), but its gradient holds only one contribution: "
            + "a value used twice must receive both. Accumulate with += in every backwardStep, never =."
        let why: String = switch orderIsTopological {
        case true?: "Your topologicalOrder() lists every node after its operands, so backward() walks it the wrong way: "
            + "it calls a node's backwardStep before that node's grad has arrived. Visit the order reversed, from the output "
            + "back to the inputs."
        case false?: "Your topologicalOrder() lists a node before its operands, so its reverse starts at the inputs and "
            + "calls backwardStep before the grads have arrived: append a node only after visiting all of its operands."
        case nil: "backward() called their backwardStep before their grad had arrived, visiting the nodes from the inputs "
            + "towards the output: either the topological order was not reversed, or it lists a node before its operands."
        }
        let order = "Only the last operation's operands received their gradients; every node further back has 0. " + why
        var list: [(ScalarTape.Flaw, String)] = [
            (.local(.tanh, .tanhAsTanh), "tanh′ is taken as tanh x; it is 1 − tanh²x, that is 1 − out²."),
            (.local(.tanh, .tanhWithoutSquare), "tanh′ is taken as 1 − tanh x: the square is missing, it is 1 − tanh²x."),
            (.local(.power, .powerWithoutMinusOne), "(xⁿ)′ is taken as n xⁿ: the power rule lowers the exponent by one, n xⁿ⁻¹."),
            (.local(.power, .powerWithoutFactor), "(xⁿ)′ is taken as xⁿ⁻¹: the factor n of the power rule is missing, n xⁿ⁻¹."),
            (.local(.relu, .reluOneAtZero), "ReLU′(0) is 1 here; the stated convention is ReLU′(0) = 0: the derivative is 1 only for x > 0."),
            (.local(.relu, .reluOutputNonNegative), "ReLU′ is 1 at x ≤ 0 too. A test on the output, out ≥ 0, always holds "
             + "(max(0, x) is never negative): ReLU′(x) = 1 only for x > 0."),
            (.local(.divide, .divisionSign), "∂(a/b)/∂b has the wrong sign: it is −a/b², negative when a and b have the same sign."),
            (.local(.subtract, .subtractionSign), "∂(a − b)/∂b is taken as +1; it is −1."),
            (.local(.log, .logAsLog), "(log x)′ is taken as log x; it is 1/x."),
            (.local(.multiply, .multiplyOwnFactor), "∂(ab)/∂a is taken as a; it is the other factor: ∂(ab)/∂a = b and ∂(ab)/∂b = a."),
            (.creationOrder, order),
        ]
        let repeated = uses.enumerated().filter { $0.element > 1 && $0.offset >= inputs.count }.map { "n\($0.offset)" }
        if !repeated.isEmpty {
            let one = repeated.count == 1
            list.append((.repeatedVisits, "\(repeated.joined(separator: " and ")) \(one ? "appears" : "appear") more than once in your "
                         + "topological order (once for each path from the output), so \(one ? "its" : "their") backwardStep ran more than "
                         + "once and passed \(one ? "its" : "their") gradient on several times: keep a set of the nodes already visited, "
                         + "so that each appears once."))
        }
        if !repeated.isEmpty {
            let names = repeated.joined(separator: " and "), one = repeated.count == 1
            let recursion = "backward() runs a node's backwardStep and then goes on into its operands, with no topological order: "
                + "\(names), used by more than one node, passed \(one ? "its" : "their") gradient on before all of "
                + "\(one ? "its" : "their") contributions had arrived"
            let fix = " Build the topological order first, then call backwardStep on its nodes from the output back."
            list.append((.recursion(visitingOnce: false), recursion + ", and again later." + fix))
            list.append((.recursion(visitingOnce: true), recursion + ", and never again." + fix))
        }
        if !shared.isEmpty {
            list += [(.overwrite(lastWriterCreatedFirst: true), overwrite), (.overwrite(lastWriterCreatedFirst: false), overwrite)]
        }
        return list
    }
}

extension ScalarProgram {
    /// Returns `count` random programs, from one operation to `count / 5 + 1`, smallest first,
    /// that stay where every operation is defined: log and fractional powers of positive
    /// numbers, no division by a number near 0, no exp of a large number. Inputs include 0,
    /// so ReLU meets its kink.
    static func generated(count: Int, seed: UInt64) -> [ScalarProgram] {
        var random = SeededGenerator(seed: seed)
        let exponents = [2.0, 3, -1, 0.5]
        return (0..<count).map { index in
            let inputCount = 1 + random.integer(below: 3)
            let inputs = (0..<inputCount).map { _ in random.integer(below: 5) == 0 ? 0 : (random.uniform(in: -2...2) * 8).rounded() / 8 }
            var tape = ScalarTape()
            for x in inputs { tape.leaf(x) }
            var program: [Int] = []
            for _ in 0..<(1 + index / 5) {
                let last = tape.nodes.count - 1
                let i = random.integer(below: 2) == 0 ? last : random.integer(below: tape.nodes.count)
                let j = random.integer(below: tape.nodes.count)
                let a = tape.nodes[i].value, b = tape.nodes[j].value
                var operation = ScalarTape.Operation(rawValue: random.integer(below: 9))!
                var second = j
                switch operation {
                case .divide where abs(b) < 0.25, .log where a < 0.25, .exp where a > 4:
                    operation = .tanh
                case .power:
                    second = random.integer(below: exponents.count)
                    let p = exponents[second]
                    if (p == 0.5 && a < 0.25) || (p == -1 && abs(a) < 0.25) || abs(a) > 10 { operation = .tanh }
                default: break
                }
                if operation == .power {
                    tape.apply(.power, i, exponent: exponents[second])
                } else {
                    tape.apply(operation, i, operation.arity == 2 ? second : 0)
                }
                program += [operation.rawValue, i, operation == .power ? second : (operation.arity == 2 ? second : 0)]
            }
            return ScalarProgram(inputs: inputs, program: program, exponents: exponents)
        }
    }
}
