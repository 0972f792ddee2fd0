import CourseKit

extension Catalogue {
    /// Exercise 13: a reverse-mode autodiff engine of the student's own (lesson 4, section 9),
    /// checked on lesson 4's graphs, one operation at a time, on generated formulas, and by
    /// training a small network with it.
    static let exercise13 = Exercise(
        number: 13, title: "An autodiff engine of your own", lesson: 4,
        functions: [
            "func lessonGraph(theta1: Double, theta2: Double, x: Double, y: Double) -> (loss: Double, gradTheta1: Double, gradTheta2: Double)",
            "func pathSum(a: Double, b: Double) -> (e: Double, gradA: Double, gradB: Double)",
            "func runProgram(inputs: [Double], program: [Int], exponents: [Double]) -> (values: [Double], gradients: [Double])",
            "func topologicalOrderSummary(inputs: [Double], program: [Int], exponents: [Double]) -> (entries: Int, distinct: Int, operandsFirst: Bool, inputsListed: [Int])",
            "func trainMLP(points: Matrix, labels: [Double], hidden: Int, seed: Int, learningRate: Double, steps: Int) -> [Double]",
        ],
        hints: [
            "Section 9 of lessons/lesson4-backpropagation.md builds the engine step by step. Start with + and ·: each creates a Value whose backwardStep adds the local derivative times g to each operand's grad, then make lessonGraph work (25, 45, 30 at θ₁ = 2, θ₂ = 3, x = 1.5, y = 4).",
            "topologicalOrder is a depth-first search: visit a node's operands first, then append the node; keep a Set<ObjectIdentifier> of the nodes already visited, so that each appears once. backward() sets grad = 1 on itself and calls node.backwardStep(node.grad) for the nodes of order.reversed().",
            "Every backwardStep adds with +=: in e = (a + b)(b + 1), b receives 3 through c = a + b and 2 through d = b + 1, and ∂e/∂b = 5. In x · x both contributions land on the same x: 2x.",
            "The local derivatives: a − b gives −1 to b; a / b gives 1/b to a and −a/b² to b; xⁿ gives n xⁿ⁻¹; eˣ gives eˣ; log x gives 1/x; tanh x gives 1 − tanh²x; ReLU gives 1 for x > 0 and 0 for x ≤ 0, so 0 at exactly 0.",
            "trainMLP: make the 4H + 1 parameters Values once, from initialParameters. At each step build the loss from them, record loss.data, set every parameter's grad to 0, call loss.backward(), then p.data -= learningRate * p.grad. After the last step record the loss once more: steps + 1 numbers.",
        ],
        checks: [
            Check("lessonGraph: L = 25, ∂L/∂θ₁ = 45, ∂L/∂θ₂ = 30; central differences", points: 2) { t in
                for point in visibleGraphPoints { try expectLessonGraph(t, point) }
            },
            Check("pathSum: b reaches e along two paths, so ∂e/∂b = 5", points: 2) { t in
                for (a, b) in [(2.0, 1.0), (-1.5, 0.5)] { try expectPathSum(t, a, b) }
            },
            Check("every operation's value and local derivative; ReLU′(0) = 0", points: 4) { t in
                for program in autodiffOperations { try expectProgram(t, program, centralDifferences: true) }
            },
            Check("shared nodes (x·x, x/x, a value used twice); reverse order", points: 3) { t in
                for program in autodiffSharing { try expectProgram(t, program, centralDifferences: true) }
            },
            Check("topologicalOrder: each node once, after its operands", points: 1) { t in
                for program in autodiffOrders { try expectOrderSummary(t, program) }
            },
            Check("runProgram matches the reference on 40 generated formulas", points: 2) { t in
                try expectGenerated(t, ScalarProgram.generated(count: 40, seed: 1313))
            },
            Check("trainMLP: losses of 0, 1 and 25 steps, grads reset each step", points: 3) { t in
                for steps in [0, 1, 25] { try expectAutodiffTraining(t, autodiffTraining.with(steps: steps)) }
            },
            // hidden checks: begin (removed by `course export`)
            Check("lessonGraph and pathSum at other points, one with x < 0", points: 1, visibility: .hidden) { t in
                for point: [Double] in [[0.5, -1.25, -3, 2], [1.75, 0.25, -0.5, -1]] { try expectLessonGraph(t, point) }
                for (a, b) in [(0.75, -2.25), (-3.0, -0.5)] { try expectPathSum(t, a, b) }
            },
            Check("every operation and shared node at other points, and other topological orders", points: 2, visibility: .hidden) { t in
                let operations = [
                    ScalarProgram(inputs: [-0.5, 3.25], program: [0, 1, 0]),
                    ScalarProgram(inputs: [-0.5, 3.25], program: [1, 1, 0]),
                    ScalarProgram(inputs: [-0.5, 3.25], program: [2, 1, 0]),
                    ScalarProgram(inputs: [-0.5, 3.25], program: [3, 0, 1]),
                    ScalarProgram(inputs: [-2], program: [4, 0, 0], exponents: [2]),
                    ScalarProgram(inputs: [4], program: [4, 0, 0], exponents: [0.5]),
                    ScalarProgram(inputs: [1.25], program: [5, 0, 0]),
                    ScalarProgram(inputs: [0.3], program: [6, 0, 0]),
                    ScalarProgram(inputs: [0.2], program: [7, 0, 0]),
                    ScalarProgram(inputs: [0, 2.5], program: [0, 0, 0, 8, 2, 0]),
                    ScalarProgram(inputs: [-2], program: [2, 0, 0]),
                    ScalarProgram(inputs: [-1, 0.5, 1], program: [0, 0, 1, 0, 1, 2, 2, 3, 4]),
                    ScalarProgram(inputs: [1.25, 0.5, -1], program: [2, 0, 1, 2, 3, 2]),
                ]
                let orders = [
                    ScalarProgram(inputs: [-2], program: [0, 0, 0]),
                    ScalarProgram(inputs: [0.5, 2], program: [2, 0, 1, 2, 2, 2, 0, 3, 1]),
                    ScalarProgram(inputs: [1], program: (0..<6).flatMap { [0, $0, $0] }),
                ]
                for program in operations { try expectProgram(t, program, centralDifferences: false) }
                for program in orders { try expectOrderSummary(t, program) }
                try expectGenerated(t, ScalarProgram.generated(count: 40, seed: 2626))
            },
            Check("trainMLP with another seed, width and data set", points: 2, visibility: .hidden) { t in
                let training = AutodiffTraining(
                    points: Matrix([[0, 0.3, -0.25, 1.2, -1, 0.2], [0, -0.2, 0.1, 0.1, 0.8, -1.3]]),
                    labels: [1, 1, 1, -1, -1, -1], hidden: 2, seed: 42, learningRate: 0.2, steps: 40)
                for steps in [3, 40] { try expectAutodiffTraining(t, training.with(steps: steps)) }
            },
            // hidden checks: end
        ])

    // MARK: Lesson 4's graphs

    /// θ₁, θ₂, x, y.
    private static let visibleGraphPoints: [[Double]] = [[2, 3, 1.5, 4], [-0.7, 1.3, 2.2, 0.4]]

    private static func expectLessonGraph(_ t: CheckContext, _ p: [Double]) throws {
        let parts = try t.tuple("lessonGraph", count: 3, p[0], p[1], p[2], p[3])
        let loss = try t.decode(parts[0], as: Double.self, "loss")
        let gradient = [try t.decode(parts[1], as: Double.self, "gradTheta1"), try t.decode(parts[2], as: Double.self, "gradTheta2")]
        var tape = ScalarTape()
        let theta1 = tape.leaf(p[0]), theta2 = tape.leaf(p[1]), x = tape.leaf(p[2]), y = tape.leaf(p[3])
        let c = tape.apply(.subtract, tape.apply(.multiply, tape.apply(.multiply, theta1, theta2), x), y)
        let output = tape.apply(.power, c, exponent: 2)
        let what = "lessonGraph(theta1: \(formatNumber(p[0])), theta2: \(formatNumber(p[1])), x: \(formatNumber(p[2])), y: \(formatNumber(p[3])))"
        let cValue = tape.nodes[c].value
        t.expect(loss, equals: tape.nodes[output].value, "\(what).loss",
                 mistakes: [Mistake("This is c = θ₁θ₂x − y itself: the loss is its square, L = c².", cValue)])
        let reference = tape.gradients(of: output)
        let zero = nothingReached("θ₁ and θ₂")
        var mistakes = [Mistake(zero, [0, 0])]
        for (flaw, text) in [(ScalarTape.Flaw.local(.power, .powerWithoutMinusOne), "(c²)′ is taken as 2c²: the power rule is n xⁿ⁻¹, so (c²)′ = 2c."),
                             (.local(.power, .powerWithoutFactor), "(c²)′ is taken as c: the power rule is n xⁿ⁻¹, so (c²)′ = 2c."),
                             (.local(.multiply, .multiplyOwnFactor), "∂(θ₁θ₂)/∂θ₁ is taken as θ₁: the derivative of a product by one factor is the other factor.")] {
            let g = tape.gradients(of: output, flaw: flaw)
            mistakes.append(Mistake(text, [g[theta1], g[theta2]]))
        }
        t.expect(gradient, equals: [reference[theta1], reference[theta2]], "\(what): (gradTheta1, gradTheta2)", mistakes: mistakes)
        let ownLoss = { (theta1: Double, theta2: Double) in
            try t.decode(try t.tuple("lessonGraph", count: 3, theta1, theta2, p[2], p[3])[0], as: Double.self, "loss")
        }
        try expectCentralDifference(t, "\(what).gradTheta1", analytic: gradient[0], reference: reference[theta1], at: p[0],
                                    parameter: "θ₁", functionName: "your lessonGraph's loss") { try ownLoss($0, p[1]) }
        try expectCentralDifference(t, "\(what).gradTheta2", analytic: gradient[1], reference: reference[theta2], at: p[1],
                                    parameter: "θ₂", functionName: "your lessonGraph's loss") { try ownLoss(p[0], $0) }
    }

    /// The mistakes that leave both gradients of a small graph at 0, named together:
    /// two gradients cannot tell them apart (runProgram's checks, which see every node, can).
    private static func nothingReached(_ leaves: String) -> String {
        "Both gradients are 0: nothing reached \(leaves). Either backward() never sets the output's grad to 1, "
            + "or it visits the nodes from the inputs towards the output (the topological order not reversed, or an order "
            + "that lists a node before its operands), so each backwardStep runs before its node's grad has arrived, "
            + "or the operations' backwardStep do not add to their operands' grad."
    }

    /// Compares a derivative with the central difference of the student's own function, and
    /// reports only what the comparison with the reference has not said already: a right
    /// derivative of a wrong function (the forward pass is what is wrong), or a derivative
    /// that agrees with neither. Within a step of a kink it compares nothing.
    private static func expectCentralDifference(_ t: CheckContext, _ name: String, analytic: Double, reference: Double,
                                                at value: Double, parameter: String, functionName: String,
                                                _ function: (Double) throws -> Double) throws {
        let checker = GradientCheck()
        let (plus, minus) = checker.probePoints(around: [value], index: 0)
        let probe = GradientCheck.Probe(center: try function(value), plus: try function(plus[0]), minus: try function(minus[0]))
        let entry = checker.compare(index: 0, analytic: analytic, probe: probe)
        guard entry.status == .disagrees else { return t.expect(true, "") }
        let rightDerivative = t.tolerance.accepts(analytic, reference)
        let rightFunction = checker.compare(index: 0, analytic: reference, probe: probe).status != .disagrees
        if !rightDerivative && rightFunction { return }
        var message = "\(name) at \(parameter) = \(formatNumber(value, digits: 6)): yours is \(formatNumber(analytic, digits: 6)), "
            + "the central difference of \(functionName) is \(formatNumber(entry.numeric, digits: 6)) "
            + "(relative error \(formatNumber(entry.relativeError, digits: 3)), limit \(formatNumber(checker.relativeTolerance)))."
        if rightDerivative {
            message += " Your derivative is the right one, so the function is what is wrong: "
                + "your forward values near \(parameter) = \(formatNumber(value, digits: 6)) are not those of the formula."
        }
        t.expect(false, message)
    }

    private static func expectPathSum(_ t: CheckContext, _ a: Double, _ b: Double) throws {
        let parts = try t.tuple("pathSum", count: 3, a, b)
        let e = try t.decode(parts[0], as: Double.self, "e")
        let gradient = [try t.decode(parts[1], as: Double.self, "gradA"), try t.decode(parts[2], as: Double.self, "gradB")]
        let c = a + b, d = b + 1
        let what = "pathSum(a: \(formatNumber(a)), b: \(formatNumber(b)))"
        t.expect(e, equals: c * d, "\(what).e")
        let onePath = { (through: String, value: Double) in
            "∂e/∂b is \(formatNumber(value)), the contribution through \(through) alone: b reaches e along two paths, through c = a + b "
                + "(∂e/∂c · 1 = \(formatNumber(d))) and through d = b + 1 (∂e/∂d · 1 = \(formatNumber(c))), and its gradient is their sum, "
                + "\(formatNumber(c + d)). Accumulate with += in every backwardStep, never =."
        }
        let zero = nothingReached("a and b")
        t.expect(gradient, equals: [d, c + d], "\(what): (gradA, gradB)",
                 mistakes: [Mistake(onePath("c", d), [d, d]), Mistake(onePath("d", c), [d, c]), Mistake(zero, [0, 0])])
    }

    // MARK: Programs

    private static func expectProgram(_ t: CheckContext, _ p: ScalarProgram, centralDifferences: Bool) throws {
        let parts = try t.tuple("runProgram", count: 2, p.inputs, p.program, p.exponents)
        let values = try t.decode(parts[0], as: [Double].self, "values")
        let gradients = try t.decode(parts[1], as: [Double].self, "gradients")
        let tape = p.tape, output = p.nodeCount - 1
        let what = "For \(p.formula) — \(p.call)"
        t.expect(values, equals: tape.values, "\(what): values")
        t.expect(gradients, equals: tape.gradients(of: output), "\(what): gradients",
                 mistakes: p.gradientMistakes(tolerance: t.tolerance, orderIsTopological: orderIsTopological(t, p, gradients))
                     + localDerivativeReport(p, gradients))
        guard centralDifferences, gradients.count == p.nodeCount else { return }
        let reference = tape.gradients(of: output)
        for i in p.inputs.indices {
            try expectCentralDifference(t, "\(what): gradients[\(i)]", analytic: gradients[i], reference: reference[i],
                                        at: p.inputs[i], parameter: "n\(i)", functionName: "your runProgram's last value") { x in
                var inputs = p.inputs
                inputs[i] = x
                let values = try t.decode(try t.tuple("runProgram", count: 2, inputs, p.program, p.exponents)[0], as: [Double].self, "values")
                guard let last = values.last else { throw CheckAbort("runProgram returned no values.") }
                return last
            }
        }
    }

    /// Whether the student's topological order of the program lists every node after its
    /// operands; asked only when the gradients are wrong, and nil when it cannot be had.
    private static func orderIsTopological(_ t: CheckContext, _ p: ScalarProgram, _ gradients: [Double]) -> Bool? {
        let expected = p.tape.gradients(of: p.nodeCount - 1)
        guard gradients.count != expected.count || zip(gradients, expected).contains(where: { !t.tolerance.accepts($0, $1) }),
              let parts = try? t.tuple("topologicalOrderSummary", count: 4, p.inputs, p.program, p.exponents) else { return nil }
        return try? t.decode(parts[2], as: Bool.self, "operandsFirst")
    }

    /// For one operation on distinct operands, with the output's grad 1, each operand's
    /// gradient is the operation's local derivative itself: says which ones differ, with the
    /// formula and both numbers. Given as a "mistake" equal to what the student returned, so
    /// it explains only that result.
    private static func localDerivativeReport(_ p: ScalarProgram, _ gradients: [Double]) -> [Mistake] {
        let tape = p.tape, output = p.nodeCount - 1
        guard p.program.count == 3, gradients.count == p.nodeCount, gradients.last == 1,
              let operation = tape.nodes[output].operation, Set(tape.nodes[output].operands).count == tape.nodes[output].operands.count
        else { return [] }
        let formulas: [String] = switch operation {
        case .add: ["1", "1"]
        case .subtract: ["1", "−1"]
        case .multiply: ["b", "a"]
        case .divide: ["1/b", "−a/b²"]
        case .power: ["n xⁿ⁻¹"]
        case .exp: ["eˣ"]
        case .log: ["1/x"]
        case .tanh: ["1 − tanh²x"]
        case .relu: ["1 for x > 0, 0 for x ≤ 0"]
        }
        let expected = tape.gradients(of: output)
        let wrong = zip(tape.nodes[output].operands, formulas).filter { !Tolerance.standard.accepts(gradients[$0.0], expected[$0.0]) }
        guard !wrong.isEmpty else { return [] }
        let parts = wrong.map { i, formula in
            "for n\(i) yours is \(formatNumber(gradients[i], digits: 6)), where \(formula) gives \(formatNumber(expected[i], digits: 6))"
        }
        return [Mistake("With the output's grad g = 1, each operand's gradient is the operation's local derivative itself: "
                        + parts.joined(separator: "; ") + ".", gradients)]
    }

    /// Checks the student's topological order by what it holds, whatever nodes the student's
    /// operations create (a − b may well be a + (−1)·b): each node once, every node after its
    /// operands, and exactly the inputs the output depends on.
    private static func expectOrderSummary(_ t: CheckContext, _ p: ScalarProgram) throws {
        let parts = try t.tuple("topologicalOrderSummary", count: 4, p.inputs, p.program, p.exponents)
        let entries = try t.decode(parts[0], as: Int.self, "entries"), distinct = try t.decode(parts[1], as: Int.self, "distinct")
        let operandsFirst = try t.decode(parts[2], as: Bool.self, "operandsFirst")
        let listed = try t.decode(parts[3], as: [Int].self, "inputsListed")
        let tape = p.tape, output = p.nodeCount - 1
        let what = "For \(p.formula), the last node's topologicalOrder()"
        var repeated = "\(what) has \(entries) entries for \(distinct) different nodes"
        if entries == tape.unfoldedLength(from: output) && distinct == tape.orderLength(from: output) {
            repeated += ", one for every path from the output to a node"
        }
        t.expect(entries == distinct, repeated + ": keep a set of the nodes already visited, so that each appears once.")
        t.expect(operandsFirst, "\(what) lists a node before its operands: append a node only after visiting all of its "
                 + "operands, so that every node comes after the values it was computed from.")
        let live = tape.reachable(from: output)
        let needed = p.inputs.indices.filter { live[$0] }
        let extra = listed.filter { !needed.contains($0) }.map { "n\($0)" }, missing = needed.filter { !listed.contains($0) }.map { "n\($0)" }
        var inputs = "\(what) lists the inputs \(listed.map { "n\($0)" }); the output depends on \(needed.map { "n\($0)" })."
        if !extra.isEmpty { inputs += " \(extra.joined(separator: ", ")) cannot be reached from the output through operands." }
        if !missing.isEmpty { inputs += " The search must go through every operand, down to the leaves." }
        t.expect(extra.isEmpty && missing.isEmpty, inputs)
    }

    /// Compares runProgram with the reference on generated programs, smallest first, and
    /// reports only the first that differs: the smallest counterexample found.
    private static func expectGenerated(_ t: CheckContext, _ programs: [ScalarProgram]) throws {
        for p in programs {
            let parts = try t.tuple("runProgram", count: 2, p.inputs, p.program, p.exponents)
            let values = try t.decode(parts[0], as: [Double].self, "values")
            let gradients = try t.decode(parts[1], as: [Double].self, "gradients")
            let tape = p.tape
            let agree = { (a: [Double], b: [Double]) in a.count == b.count && zip(a, b).allSatisfy { t.tolerance.accepts($0, $1) } }
            if agree(values, tape.values) && agree(gradients, tape.gradients(of: p.nodeCount - 1)) { continue }
            let what = "The smallest of \(programs.count) generated formulas where yours differs: \(p.formula) — \(p.call)"
            t.expect(values, equals: tape.values, "\(what): values")
            t.expect(gradients, equals: tape.gradients(of: p.nodeCount - 1), "\(what): gradients",
                     mistakes: p.gradientMistakes(tolerance: t.tolerance, orderIsTopological: orderIsTopological(t, p, gradients)))
            return
        }
        t.expect(true, "")
    }
}
