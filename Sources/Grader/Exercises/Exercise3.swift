import CourseKit
import ShallowNetworks

extension Catalogue {
    /// Exercise 3: the shallow network's forward pass, its parameter count and its joints
    /// (lesson 2, sections 1 and 2).
    static let exercise3 = Exercise(
        number: 3, title: "The shallow network: forward pass, parameter count and joints", lesson: 2,
        functions: [
            "func shallowNetwork1D(x: Double, theta0: [Double], theta1: [Double], phi0: Double, phi: [Double]) -> Double",
            "func shallowNetwork(x: Matrix, theta0: Matrix, theta: Matrix, phi0: Matrix, phi: Matrix) -> Matrix",
            "func parameterCount(inputs: Int, hidden: Int, outputs: Int) -> Int",
            "func joints(theta0: [Double], theta1: [Double]) -> [Double]",
        ],
        hints: [
            "Section 1 of lessons/lesson2-shallow-networks.md: y starts at φ₀ and adds φ_d · max(0, θ_{d0} + θ_{d1} x) for every unit d. On the lesson's network, x = 0.8 gives z = (−1, 0.3, 0.2) and y = 0.1 + 2·0.3 − 3·0.2 = 0.1.",
            "In shallowNetwork, row d of Θ holds the D_i input weights of unit d, so its pre-activation is theta0[d, 0] + Σ_i theta[d, i] · x[i, n] (Θ[d, i], not Θ[i, d]). Each column of x is one input, and the biases θ₀ and φ₀ are added to every column (section 2).",
            "With matrices: h = relu((theta * x).addingToEachColumn(theta0)) and y = (phi * h).addingToEachColumn(phi0).",
            "parameterCount: each hidden unit has D_i weights and a bias, each output has D weights and a bias: D(D_i + 1) + D_o(D + 1). Forgetting the output biases gives 12 instead of 13 for 2 inputs, 3 hidden units and 1 output.",
            "joints: θ_{d0} + θ_{d1} x = 0 gives x = −θ_{d0}/θ_{d1} (mind the minus sign). Skip the units with θ_{d1} == 0 (dividing by 0 gives ±∞ or NaN), keep repeated values, and return the list .sorted(): the units are not in the order of their joints.",
        ],
        checks: [
            Check("shallowNetwork1D on the lesson's network at x = 0, 0.2, …, 1", points: 3,
                  hints: ["For each unit d: z = theta0[d] + theta1[d] · x and h = max(0, z); then y = phi0 + Σ_d phi[d] · h. Only each unit's pre-activation goes through max(0, ·), not the weighted sum."]) { t in
                for x in [0.0, 0.2, 0.4, 0.6, 0.8, 1] {
                    try expectOneInput(t, lessonNetwork, at: x)
                }
            },
            Check("shallowNetwork on the lesson's 2-3-1 network and on a 3-3-2 network, inputs as columns", points: 3,
                  hints: ["Write down the shapes: x is D_i×N, theta D×D_i, theta0 D×1, phi D_o×D, phi0 D_o×1, and the result D_o×N, one column per input. Each product must fit these shapes."]) { t in
                try expectNetwork(t, lessonGeneralNetwork, "the lesson's 2-3-1 network")
                try expectNetwork(t, squareNetwork, "the 3-3-2 network")
            },
            Check("parameterCount reproduces the lesson's table, 10 to 51,001", points: 2,
                  hints: ["Count layer by layer: every hidden unit has a weight per input and a bias, every output a weight per hidden unit and a bias."]) { t in
                for (inputs, hidden, outputs) in [(1, 3, 1), (2, 3, 1), (1, 4, 2), (3, 3, 2), (100, 500, 1)] {
                    try expectParameterCount(t, inputs, hidden, outputs)
                }
            },
            Check("joints of the lesson's network, and of five units out of order with a flat one", points: 2,
                  hints: ["A unit's joint is the x where its pre-activation θ_{d0} + θ_{d1} x crosses 0. A flat unit (θ_{d1} = 0) never crosses, and the result is in increasing order."]) { t in
                try expectJoints(t, theta0: [0.6, -0.5, -1.4], theta1: [-2, 1, 2])
                try expectJoints(t, theta0: [3, 2, -1, -4, 0.5], theta1: [-2, 4, 0, 0.5, -1])
            },
            Check("shallowNetwork1D and shallowNetwork with inputs and entries in the hundreds", points: 1) { t in
                let network = OneInputNetwork(theta0: [1.5, -2.25, 0.75, 3.1, -0.4], theta1: [0.8, -1.3, 2.2, -0.05, 1.7],
                                              phi0: -0.35, phi: [0.9, -1.1, 0.45, 2.3, -0.6])
                for x in [-250.0, -3.2, 0.1, 1.7, 420] {
                    try expectOneInput(t, network, at: x)
                }
                try expectNetwork(t, wideNetwork, "the 3-4-2 network")
            },
            Check("parameterCount with no hidden units, and joints with a repeated joint and a slope of 10⁻⁹", points: 1) { t in
                try expectParameterCount(t, 7, 0, 3)
                try expectJoints(t, theta0: [1, 0, -2, 0.75, 2e-9], theta1: [-1, 0, 2, 0.5, 1e-9])
            },
            Check("shallowNetwork1D agrees with the reference on 150 seeded networks and inputs, some at a joint or far out", points: 1) { t in
                try t.expectAgreement("shallowNetwork1D", on: oneInputSpace, count: 150, seed: 3_002,
                                      student: { c in try t.number("shallowNetwork1D", c.x, c.network.theta0, c.network.theta1, c.network.phi0, c.network.phi) },
                                      reference: { c in ShallowNetworks.shallowNetwork1D(x: c.x, theta0: c.network.theta0, theta1: c.network.theta1,
                                                                                         phi0: c.network.phi0, phi: c.network.phi) },
                                      agree: { t.tolerance.accepts($0, $1) }, show: swiftText)
            },
            Check("joints agrees with the reference on 200 seeded networks, with flat, tiny and repeated slopes", points: 1) { t in
                try t.expectAgreement("joints", on: unitSpace, count: 200, seed: 3_001,
                                      student: { units in try t.array("joints", units.map(\.0), units.map(\.1)) },
                                      reference: { units in ShallowNetworks.joints(theta0: units.map(\.0), theta1: units.map(\.1)) },
                                      agree: { o, e in o.count == e.count && zip(o, e).allSatisfy { t.tolerance.accepts($0, $1) } },
                                      show: { "\($0)" })
            },
            // hidden checks: begin (removed by `course export`)
            Check("shallowNetwork1D and shallowNetwork on other networks far out", points: 2, visibility: .hidden) { t in
                let network = OneInputNetwork(theta0: [-0.5, 2.5, 1.25], theta1: [1.1, -0.6, 3e-7], phi0: 0.8, phi: [-1.4, 0.3, 2])
                for x in [-640.0, -1, 0.4545, 2.5, 975] {
                    try expectOneInput(t, network, at: x)
                }
                try expectNetwork(t, Network(x: wideNetwork.x * -2.5, theta0: wideNetwork.theta0, theta: wideNetwork.theta,
                                             phi0: wideNetwork.phi0, phi: wideNetwork.phi), "the 3-4-2 network on −2.5 x")
            },
            Check("parameterCount for other sizes", points: 1, visibility: .hidden) { t in
                for (inputs, hidden, outputs) in [(3, 4, 2), (5, 11, 4), (1, 0, 1), (784, 128, 10)] {
                    try expectParameterCount(t, inputs, hidden, outputs)
                }
            },
            Check("joints with a flat unit through 0, tiny slopes and joints far out", points: 1, visibility: .hidden) { t in
                try expectJoints(t, theta0: [-1.4, 310, 0.6, -0.5, 0, 5e-13], theta1: [2, -0.125, -2, 1, 250, -1e-12])
                try expectJoints(t, theta0: [0, 3, 3], theta1: [0, 1.5, 1.5])
            },
            // hidden checks: end
        ])

    // MARK: One input

    private struct OneInputNetwork: Sendable {
        var theta0: [Double], theta1: [Double], phi0: Double, phi: [Double]
    }

    /// The network of the lesson's section 1: joints at 0.3, 0.5 and 0.7.
    private static let lessonNetwork = OneInputNetwork(theta0: [0.6, -0.5, -1.4], theta1: [-2, 1, 2], phi0: 0.1, phi: [1, 2, -3])

    private static func expectOneInput(_ t: CheckContext, _ n: OneInputNetwork, at x: Double) throws {
        let expected = ShallowNetworks.shallowNetwork1D(x: x, theta0: n.theta0, theta1: n.theta1, phi0: n.phi0, phi: n.phi)
        let noReLU = n.phi0 + zip(n.phi, zip(n.theta0, n.theta1)).map { φ, θ in φ * (θ.0 + θ.1 * x) }.reduce(0, +)
        t.expect(try t.number("shallowNetwork1D", x, n.theta0, n.theta1, n.phi0, n.phi), equals: expected,
                 "shallowNetwork1D(x: \(x), theta0: \(n.theta0), theta1: \(n.theta1), phi0: \(n.phi0), phi: \(n.phi))",
                 mistakes: [
                    Mistake("y is off by exactly φ₀ = \(formatNumber(n.phi0)): did you add the output bias φ₀?", expected - n.phi0),
                    Mistake("This is the network without the ReLU: each unit contributes φ_d · max(0, θ_{d0} + θ_{d1} x), and switched-off units contribute 0.", noReLU),
                 ])
    }

    /// A one-input network and an input.
    private struct OneInputCase: Sendable {
        var network: OneInputNetwork, x: Double
    }

    /// Networks of 1 to 5 units with coefficients in quarters, at inputs in quarters, one in four
    /// far out and one in four at a joint; shrunk by dropping a unit or making a number simpler.
    private static let oneInputSpace = InputSpace<OneInputCase>(
        edges: [OneInputCase(network: OneInputNetwork(theta0: [0], theta1: [1], phi0: 0.5, phi: [1]), x: 0),
                OneInputCase(network: lessonNetwork, x: 0.3)],
        generate: { random in
            let units = random.integer(in: 1...5)
            let quarter = { (random: inout SeededGenerator) in Double(random.integer(in: -12...12)) / 4 }
            let network = OneInputNetwork(theta0: (0..<units).map { _ in quarter(&random) }, theta1: (0..<units).map { _ in quarter(&random) },
                                          phi0: quarter(&random), phi: (0..<units).map { _ in quarter(&random) })
            var x = quarter(&random)
            switch random.integer(below: 4) {
            case 0: x *= 100
            case 1: if let d = network.theta1.indices.first(where: { network.theta1[$0] != 0 }) { x = -network.theta0[d] / network.theta1[d] }
            default: break
            }
            return OneInputCase(network: network, x: x)
        },
        shrink: { c in
            var smaller: [OneInputCase] = []
            let n = c.network
            for d in n.phi.indices where n.phi.count > 1 {
                var m = n
                m.theta0.remove(at: d); m.theta1.remove(at: d); m.phi.remove(at: d)
                smaller.append(OneInputCase(network: m, x: c.x))
            }
            for x in InputSpace<OneInputCase>.simplerNumbers(than: c.x) { smaller.append(OneInputCase(network: n, x: x)) }
            for v in InputSpace<OneInputCase>.simplerNumbers(than: n.phi0) { var m = n; m.phi0 = v; smaller.append(OneInputCase(network: m, x: c.x)) }
            return smaller
        },
        describe: { c in
            let list = { (v: [Double]) in "[" + v.map(swiftText).joined(separator: ", ") + "]" }
            return "shallowNetwork1D(x: \(swiftText(c.x)), theta0: \(list(c.network.theta0)), theta1: \(list(c.network.theta1)), "
                + "phi0: \(swiftText(c.network.phi0)), phi: \(list(c.network.phi)))"
        })

    // MARK: Any number of inputs and outputs

    private struct Network {
        var x: Matrix, theta0: Matrix, theta: Matrix, phi0: Matrix, phi: Matrix

        func output(theta: Matrix? = nil, relu useReLU: Bool = true, outputBias: Bool = true) -> Matrix {
            let z = ((theta ?? self.theta) * x).addingToEachColumn(theta0)
            let y = phi * (useReLU ? relu(z) : z)
            return outputBias ? y.addingToEachColumn(phi0) : y
        }
    }

    /// The network of the lesson's section 2: 2 inputs, 3 hidden units, 1 output, 3 inputs.
    private static let lessonGeneralNetwork = Network(
        x: Matrix([[0.5, -1, 1], [-0.25, 0.5, 1]]), theta0: Matrix(column: [0.2, -0.1, -0.5]),
        theta: Matrix([[1, -0.5], [-0.4, 1], [0.7, 0.6]]), phi0: Matrix(column: [0.1]), phi: Matrix([[1.5, -1, 0.8]]))

    /// 3 inputs, 4 hidden units, 2 outputs, and inputs up to ±310.
    private static let wideNetwork = Network(
        x: Matrix([[0.3, -1.2, 2.5, 0.0, -310], [1.1, 0.4, -0.7, 0.9, 120], [-0.6, 2.0, 0.2, -1.5, 45]]),
        theta0: Matrix(column: [0.1, -0.6, 0.3, 0.05]),
        theta: Matrix([[0.7, -1.1, 0.4], [-0.3, 0.9, 1.6], [1.2, 0.25, -0.8], [-0.5, -0.45, 0.35]]),
        phi0: Matrix(column: [0.25, -0.15]), phi: Matrix([[1.3, -0.7, 0.5, 2.1], [-0.4, 1.8, -1.2, 0.6]]))

    /// A network whose Θ is square (3 inputs, 3 hidden units), so that reading it transposed
    /// gives numbers instead of a crash; 2 outputs and 4 inputs.
    private static let squareNetwork = Network(
        x: Matrix([[1, -0.5, 2, 0.25], [0.5, 1.5, -1, -2], [-0.75, 0.25, 1, 1.5]]),
        theta0: Matrix(column: [0.25, -0.5, 0.125]),
        theta: Matrix([[0.5, -1.25, 2], [1.5, 0.25, -0.75], [-1, 0.5, 1.25]]),
        phi0: Matrix(column: [0.5, -0.25]), phi: Matrix([[1, -0.5, 2], [-1.5, 0.75, 0.5]]))

    private static let rowOfTheta = "row d of Θ holds the weights of unit d, so unit d computes θ₀[d] + Σ_i Θ[d, i] x_i"

    private static func expectNetwork(_ t: CheckContext, _ n: Network, _ name: String) throws {
        let expected = ShallowNetworks.shallowNetwork(x: n.x, theta0: n.theta0, theta: n.theta, phi0: n.phi0, phi: n.phi)
        var mistakes = [
            Mistake("Every column is off by φ₀: add the output bias φ₀ to every column.", n.output(outputBias: false)),
            Mistake("This is the network without the ReLU: h = a[θ₀ + Θx] with a[z] = max(0, z).", n.output(relu: false)),
            Mistake("The outputs are clipped at 0: the ReLU belongs to the hidden units only, and y = φ₀ + Φh is linear.", relu(n.output())),
        ]
        if n.theta.rows == n.theta.columns {
            mistakes.insert(Mistake("This is what Θ read transposed gives (Θ[i, d] instead of Θ[d, i]): \(rowOfTheta).",
                                    n.output(theta: n.theta.transposed)), at: 0)
        }
        let what = "shallowNetwork on \(name) (x is \(n.x.rows)×\(n.x.columns), Θ is \(n.theta.rows)×\(n.theta.columns))"
        guard let observed = try t.whenCrashing(what, advise: { _ in "If it read outside a matrix: \(rowOfTheta); Θ is D×D_i and x is D_i×N." }, {
            try t.matrix("shallowNetwork", n.x, n.theta0, n.theta, n.phi0, n.phi)
        }) else { return }
        t.expect(observed, equals: expected, what, mistakes: mistakes)
    }

    // MARK: Parameter count

    private static func expectParameterCount(_ t: CheckContext, _ inputs: Int, _ hidden: Int, _ outputs: Int) throws {
        let expected = ShallowNetworks.parameterCount(inputs: inputs, hidden: hidden, outputs: outputs)
        t.expect(try t.integer("parameterCount", inputs, hidden, outputs), equals: expected,
                 "parameterCount(inputs: \(inputs), hidden: \(hidden), outputs: \(outputs))",
                 mistakes: distinctMistakes([
                    ("The output biases φ₀ are missing: the output layer has D_o(D + 1) parameters, not D_o·D.", hidden * (inputs + 1) + outputs * hidden),
                    ("The hidden biases θ₀ are missing: the hidden layer has D(D_i + 1) parameters, not D·D_i.", hidden * inputs + outputs * (hidden + 1)),
                    ("Both layers' biases are missing: count a bias per hidden unit and per output, D(D_i + 1) + D_o(D + 1).", hidden * inputs + outputs * hidden),
                    ("The output layer's weights Φ are missing: it has D_o·D weights besides its D_o biases.", hidden * (inputs + 1) + outputs),
                    ("The hidden layer's weights Θ are missing: it has D·D_i weights besides its D biases.", hidden + outputs * (hidden + 1)),
                 ], unless: expected))
    }

    // MARK: Joints

    /// Networks of 1 to 7 units (θ_{d0}, θ_{d1}); one slope in four is exactly 0, one in eight
    /// tiny, and units repeat; shrunk by dropping a unit or making its numbers whole.
    private static let unitSpace = InputSpace<[(Double, Double)]>(
        edges: [[(1, 0)], [(0, 1e-9)], [(2, -1), (2, -1)], [(0, 0), (0.5, 2)]],
        generate: { random in
            var units: [(Double, Double)] = []
            for _ in 0..<random.integer(in: 1...7) {
                let slope: Double
                switch random.integer(below: 8) {
                case 0, 1: slope = 0
                case 2: slope = random.uniform(in: -1...1) * 1e-9
                default: slope = random.uniform(in: -3...3)
                }
                units.append((random.uniform(in: -5...5), slope))
                if random.integer(below: 6) == 0 { units.append(units[units.count - 1]) }
            }
            return units
        },
        shrink: { units in
            var smaller = units.count > 1 ? units.indices.map { i in Array(units[..<i] + units[(i + 1)...]) } : []
            for i in units.indices {
                for θ0 in InputSpace<[(Double, Double)]>.simplerNumbers(than: units[i].0) { var u = units; u[i].0 = θ0; smaller.append(u) }
                for θ1 in InputSpace<[(Double, Double)]>.simplerNumbers(than: units[i].1) where θ1 != 0 { var u = units; u[i].1 = θ1; smaller.append(u) }
            }
            return smaller
        },
        describe: { units in "joints(theta0: \(units.map(\.0)), theta1: \(units.map(\.1)))" })

    private static func expectJoints(_ t: CheckContext, theta0: [Double], theta1: [Double]) throws {
        let expected = ShallowNetworks.joints(theta0: theta0, theta1: theta1)
        let observed = try t.array("joints", theta0, theta1)
        let what = "joints(theta0: \(theta0), theta1: \(theta1))"
        let flat = theta1.filter { $0 == 0 }.count
        if observed.count == expected.count + flat, flat > 0, observed.contains(where: { !$0.isFinite }) {
            return t.expect(false, "\(what): expected \(expected), got \(observed). A unit with θ_{d1} = 0 is flat and has no joint: "
                            + "skip it instead of dividing by 0 (which gives ±∞ or NaN).")
        }
        if observed.count < expected.count, observed == Array(Set(expected)).sorted() {
            return t.expect(false, "\(what): expected \(expected), got \(observed). Two units have the same joint: keep repeated values.")
        }
        let steep = zip(theta0, theta1).compactMap { θ0, θ1 in abs(θ1) < 1e-6 ? nil : -θ0 / θ1 }.sorted()
        if steep != expected && observed == steep {
            return t.expect(false, "\(what): expected \(expected), got \(observed). Only a slope of exactly 0 makes a unit flat: "
                            + "a unit with a tiny slope such as 10⁻⁹ still has a joint (test θ_{d1} != 0, not |θ_{d1}| < ε).")
        }
        let unitOrder = zip(theta0, theta1).compactMap { θ0, θ1 in θ1 == 0 ? nil : -θ0 / θ1 }
        let signFlipped = zip(theta0, theta1).compactMap { θ0, θ1 in θ1 == 0 ? nil : θ0 / θ1 }
        t.expect(observed, equals: expected, what, mistakes: [
            Mistake("These are the joints in the order of the units: sort them from smallest to largest.", unitOrder),
            Mistake("These are the points +θ_{d0}/θ_{d1}: solving θ_{d0} + θ_{d1} x = 0 gives x = −θ_{d0}/θ_{d1} (mind the minus sign).",
                    signFlipped.sorted()),
            Mistake("These are the points +θ_{d0}/θ_{d1} in the order of the units: the joint is x = −θ_{d0}/θ_{d1} (mind the minus sign), and the list must be sorted.",
                    signFlipped),
        ])
    }
}
