import CourseKit

/// Lesson 2, shown live: shallow networks, their parameters, joints and linear regions,
/// universal approximation, and what depth adds.
public enum Lesson2: LiveLesson {
    /// The lesson's number.
    public static let number = 2
    /// The lesson's title, as in `lessons/lesson2-shallow-networks.md`.
    public static let title = "Shallow networks and counting linear regions"

    /// Runs every section of the lesson in the order of its text.
    public static func run(on console: LessonConsole) {
        console.title(self)
        showOneInputNetwork(on: console)
        showGeneralNetwork(on: console)
        showRegionCounts(on: console)
        showLargeNetwork(on: console)
        showUniversalApproximation(on: console)
        showDepth(on: console)
    }

    /// The lesson's example: three hidden units, joints at 0.3, 0.5 and 0.7.
    static let example = ShallowNetwork1D(theta0: [0.6, -0.5, -1.4], theta1: [-2, 1, 2],
                                          phi0: 0.1, phi: [1, 2, -3])

    static func showOneInputNetwork(on console: LessonConsole) {
        console.heading("1. A shallow network with one input")
        let net = example
        console.text("y = φ₀ + φ₁ a[θ₁₀ + θ₁₁x] + φ₂ a[θ₂₀ + θ₂₁x] + φ₃ a[θ₃₀ + θ₃₁x],  a = ReLU")
        var parameters = TextTable(header: ["unit d", "θ_d0", "θ_d1", "φ_d", "joint −θ_d0/θ_d1"])
        for d in 0..<net.hiddenUnitCount {
            parameters.append(["\(d + 1)", formatNumber(net.theta0[d]), formatNumber(net.theta1[d]),
                               formatNumber(net.phi[d]), formatNumber(-net.theta0[d] / net.theta1[d])])
        }
        console.block(parameters)
        console.text("φ₀ = \(formatNumber(net.phi0)); parameters: 3D + 1 = \(net.parameterCount)")
        console.text()
        console.text("Pre-activations, hidden units and output at a few inputs:")
        var flow = TextTable(header: ["x", "z₁", "z₂", "z₃", "h₁", "h₂", "h₃", "y", "pattern"])
        for x in [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] {
            let z = net.preActivations(at: x), h = net.hiddenUnits(at: x)
            flow.append([formatNumber(x)] + z.map { formatNumber($0) } + h.map { formatNumber($0) }
                        + [formatNumber(net(x)), patternText(net.activationPattern(at: x))])
        }
        console.block(flow)
        console.text()
        let joints = [0.0] + net.joints + [1.0]
        console.text("Joints at \(net.joints.map { formatNumber($0) }.joined(separator: ", ")): "
                     + "\(net.joints.count + 1) linear pieces on [0, 1], one per activation pattern:")
        var pieces = TextTable(header: ["piece", "pattern", "slope"])
        for (left, right) in zip(joints, joints.dropFirst()) {
            let slope = (net(right) - net(left)) / (right - left)
            pieces.append(["[\(formatNumber(left)), \(formatNumber(right))]",
                           patternText(net.activationPattern(at: (left + right) / 2)), formatNumber(slope)])
        }
        console.block(pieces)
        console.text()
        console.text("y(x) and the weighted hidden units φ_d h_d on [0, 1]:")
        let xs = (0...100).map { Double($0) / 100 }
        var series = [TerminalPlot.Series(name: "y", mark: "●", points: xs.map { ($0, net($0)) })]
        for (d, mark) in zip(0..<3, ["1", "2", "3"] as [Character]) {
            series.append(.init(name: "φ\(subscriptDigits(d + 1))h\(subscriptDigits(d + 1))", mark: mark,
                                points: xs.map { ($0, net.phi[d] * net.hiddenUnits(at: $0)[d]) }))
        }
        console.block(TerminalPlot.lines(series, height: 16))
        console.figure("shallow-network") { oneInputFigure(net) }
    }

    static func showGeneralNetwork(on console: LessonConsole) {
        console.heading("2. Any number of inputs, hidden units and outputs")
        console.text("h = a[θ₀ + Θx],  y = φ₀ + Φh.  Two inputs, three hidden units, one output:")
        let theta = Matrix([[1, -0.5], [-0.4, 1], [0.7, 0.6]])
        let theta0 = Matrix(column: [0.2, -0.1, -0.5])
        let phi = Matrix([[1.5, -1, 0.8]])
        let phi0 = Matrix(column: [0.1])
        let x = Matrix([[0.5, -1, 1], [-0.25, 0.5, 1]])
        console.text("Θ =")
        console.block(theta)
        console.text("θ₀ = \(listText(theta0.column(0))),  Φ = \(listText(phi.row(0))),  φ₀ = \(listText(phi0.column(0)))")
        console.text("Three inputs as the columns of x, their pre-activations, hidden units and outputs:")
        console.block(x)
        console.block(preActivations(x: x, theta0: theta0, theta: theta))
        console.block(hiddenUnits(x: x, theta0: theta0, theta: theta))
        console.block(shallowNetwork(x: x, theta0: theta0, theta: theta, phi0: phi0, phi: phi))
        console.text()
        console.text("Parameters: D(D_i + 1) + D_o(D + 1)")
        var counts = TextTable(header: ["inputs D_i", "hidden D", "outputs D_o", "parameters"])
        for (inputs, hidden, outputs) in [(1, 3, 1), (2, 3, 1), (1, 4, 2), (3, 3, 2), (100, 500, 1)] {
            counts.append(["\(inputs)", "\(hidden)", "\(outputs)",
                           formatCount(parameterCount(inputs: inputs, hidden: hidden, outputs: outputs))])
        }
        console.block(counts)
    }

    /// Writes numbers as a bracketed list, `[0.2, −0.1]`.
    static func listText(_ values: [Double]) -> String {
        "[" + values.map { formatNumber($0) }.joined(separator: ", ") + "]"
    }

    /// Writes an activation pattern as a string of 1s (active) and 0s (inactive).
    static func patternText(_ pattern: [Bool]) -> String {
        String(pattern.map { $0 ? "1" : "0" })
    }
}
