import CourseKit

extension Lesson4 {
    /// Section 9: what an engine has to get right, shown on the lesson's own graphs: a sweep
    /// in the reverse of a topological order, adjoints that add up over the uses of a node,
    /// and a search that must not visit a shared node twice. The engine itself is exercise 13.
    static func engine(_ console: LessonConsole) {
        console.heading("9. An engine that does it for you")
        let p = PathSumGraph()
        let g = p.graph
        let created = g.nodes.map(\.name)
        console.text("Section 2's graph lists its nodes as they are created, each after its operands: a topological "
                     + "order. The sweep walks it backwards, so each adjoint is complete before it is passed on:")
        console.text("  order \(created.joined(separator: ", "))      "
                     + "sweep \(created.reversed().joined(separator: ", "))")
        console.text()
        let (adjoints, steps) = g.backward(from: p.e)
        console.text("b feeds both c and d, so two steps of the sweep reach it; each adds its contribution:")
        var total = 0.0
        var table = TextTable(header: ["step", "edge", "∂e/∂node · local derivative", "∂e/∂b so far"])
        for (i, step) in steps.enumerated() where step.input == p.b {
            total += step.contribution
            table.append(["\(i + 1)", "\(g.name(step.node)) → b",
                          "\(formatNumber(step.upstream)) · \(formatNumber(step.localDerivative)) = "
                          + formatNumber(step.contribution), formatNumber(total)])
        }
        console.block(table)
        let last = steps.last { $0.input == p.b }!
        console.text("Assigning (=) instead of adding would keep the last contribution, "
                     + "\(formatNumber(last.contribution)).")
        let check = GradientCheck().check(analytic: [adjoints[p.a], adjoints[p.b]], of: { v in
            PathSumGraph(a: v[0], b: v[1]).graph.value(p.e)
        }, at: [g.value(p.a), g.value(p.b)])
        console.text("Central differences \(check.passed ? "agree" : "DO NOT agree") with ∂e/∂a = "
                     + "\(formatNumber(adjoints[p.a])) and ∂e/∂b = "
                     + "\(formatNumber(adjoints[p.b])): relative errors "
                     + check.entries.map { formatNumber($0.relativeError, digits: 2) }.joined(separator: " and ") + ".")
        console.text()
        var square = ComputationalGraph()
        let x = square.input("x", 1.5)
        let product = square.multiply(x, x, name: "x·x")
        let (dx, twice) = square.backward(from: product)
        console.text("x · x at x = \(formatNumber(square.value(x))): both edges of the product lead to x, "
                     + twice.map { formatNumber($0.contribution) }.joined(separator: " + ")
                     + " = \(formatNumber(dx[x])) = 2x.")
        var chain = ComputationalGraph()
        var power = chain.input("x", 1)
        for k in 1...10 {
            power = chain.multiply(power, power, name: "square \(k)")
        }
        let listed = chain.nodes.indices.map { chain.pathCount(from: $0, to: power) }.reduce(0, +)
        console.text("Squaring x ten times, x → x² → … → x¹⁰²⁴: \(chain.nodes.count) nodes, but a search that "
                     + "does not remember the nodes it has visited lists one entry per path to each, \(listed).")
    }
}
