import CourseKit

extension Lesson2 {
    /// The 1D target of the universal-approximation section, on [0, 2].
    static func target(_ x: Double) -> Double { exp(-x) * sin(6 * x) }

    static func showUniversalApproximation(on console: LessonConsole) {
        console.heading("5. Universal approximation")
        console.text("Cybenko (1989): sums Σ_j α_j σ(w_jᵀx + b_j) come as close as we like to any continuous f "
                     + "on a cube. A bound for n sigmoid units: ∫ (f − f_n)² μ(dx) ≤ c/n.")
        console.text("Target f(x) = e^(−x) sin 6x on [0, 2], joined by straight segments at D + 1 evenly spaced "
                     + "knots, which is a ReLU network with D units. The knots are fixed before f is looked at "
                     + "(a fixed basis); only the output weights depend on f:")
        var table = TextTable(header: ["hidden units D", "max |f − y|", "mean (f − y)²", "D · mean (f − y)²"])
        var errors: [(x: Double, y: Double)] = []
        for hidden in [3, 6, 12, 24, 48, 96] {
            let network = interpolatingNetwork(for: target, on: 0...2, hiddenUnits: hidden)
            let error = approximationError(of: network, to: target, on: 0...2)
            table.append(["\(hidden)", formatScientific(error.maximum, significantDigits: 3), formatScientific(error.meanSquared, significantDigits: 3),
                          formatScientific(Double(hidden) * error.meanSquared, significantDigits: 3)])
            errors.append((log2(Double(hidden)), log10(error.meanSquared)))
        }
        console.block(table)
        console.text("Doubling D divides the squared error by about 16 (2⁴): far faster than the c/n the bound allows. "
                     + "In one dimension a fixed basis is enough; learned features pay off only in many dimensions.")
        console.text()
        console.text("The target and the networks with 4 and 12 hidden units:")
        let xs = (0...200).map { 2 * Double($0) / 200 }
        let four = interpolatingNetwork(for: target, on: 0...2, hiddenUnits: 4)
        let twelve = interpolatingNetwork(for: target, on: 0...2, hiddenUnits: 12)
        console.block(TerminalPlot.lines([
            .init(name: "f", mark: "·", points: xs.map { ($0, target($0)) }),
            .init(name: "D = 4", mark: "4", points: xs.map { ($0, four($0)) }),
            .init(name: "D = 12", mark: "#", points: xs.map { ($0, twelve($0)) }),
        ], height: 16))
        console.figure("approximation") {
            SVGPlot.lines([.init(name: "f(x) = e⁻ˣ sin 6x", points: xs.map { ($0, target($0)) }, color: "#222222"),
                           .init(name: "network, D = 4", points: xs.map { ($0, four($0)) }, color: SVGPlot.palette[1]),
                           .init(name: "network, D = 12", points: xs.map { ($0, twelve($0)) }, color: SVGPlot.palette[0])],
                          title: "Joining the target's values at D + 1 knots: a ReLU network with D units",
                          xLabel: "x", yLabel: "y", legend: .right)
        }
        console.text()
        console.text("log₁₀ of the mean squared error against log₂ D: a line of slope about −1.2 = −log₁₀ 16:")
        console.block(TerminalPlot.lines([.init(name: "log₁₀ error", mark: "*", points: errors)], height: 10))
        console.figure("approximation-error") {
            // c/n through the first point: log₁₀(c/n) = log₁₀ c − log₂ n · log₁₀ 2.
            let (x0, y0) = errors[0]
            let bound = errors.map { (x: $0.x, y: y0 - ($0.x - x0) * log10(2)) }
            return SVGPlot.lines([.init(name: "mean (f − y)²", points: errors, style: .lineAndDots),
                                  .init(name: "c/n through the first point", points: bound, style: .dashed, color: "#888888")],
                                 title: "The error falls like 1/D⁴, faster than c/n",
                                 xLabel: "log₂ D (D = 3, 6, 12, 24, 48, 96)", yLabel: "log₁₀ mean (f − y)²",
                                 xRange: 1.3...6.9, legend: .bottomLeft)
        }
    }

    static func showDepth(on console: LessonConsole) {
        console.heading("6. Depth: composing shallow networks")
        let tent = tentNetwork()
        console.text("The tent t(x) = 2a[x] − 4a[x − ½] maps both [0, ½] and [½, 1] onto [0, 1]: it folds the input.")
        console.text("Composing it l times gives a deep network with l layers of 2 units; a shallow network with "
                     + "the same 2l units has at most 2l + 1 pieces on a line (Zaslavsky with D_i = 1):")
        var table = TextTable(header: ["layers l", "units", "deep, counted", "2^l", "shallow, at most"])
        var deepCounts: [(x: Double, y: Double)] = [], shallowCounts: [(x: Double, y: Double)] = []
        for layers in 1...6 {
            let deep = Array(repeating: tent, count: layers)
            let (counted, shallow) = (regionCount(of: deep, on: 0...1), zaslavskyCount(hyperplanes: 2 * layers, dimensions: 1))
            table.append(["\(layers)", "\(2 * layers)", "\(counted)", "\(1 << layers)", "\(shallow)"])
            deepCounts.append((Double(layers), Double(counted)))
            shallowCounts.append((Double(layers), Double(shallow)))
        }
        console.block(table)
        console.figure("deep-versus-shallow") {
            SVGPlot.lines([.init(name: "deep: l tents composed, counted", points: deepCounts, style: .lineAndDots),
                           .init(name: "shallow: 2l units, at most 2l + 1", points: shallowCounts, style: .lineAndDots)],
                          title: "Linear pieces on [0, 1] with 2l hidden units", xLabel: "layers l", yLabel: "pieces",
                          xRange: 0.8...6.2, yRange: 0...70, legend: .topLeft)
        }
        console.text()
        console.text("t∘t∘t: 6 units, 8 linear pieces")
        let xs = (0...256).map { Double($0) / 256 }
        let three = Array(repeating: tent, count: 3)
        console.block(TerminalPlot.lines([.init(name: "t(t(t(x)))", mark: "*",
                                                points: xs.map { ($0, composition(three, at: $0)) })], height: 10))
        console.figure("tent-compositions") { tentFigure(tent) }
        console.text()
        showDepthBounds(on: console)
    }

    /// The depth section's networks: 2 inputs, layers of 10 units.
    static let depthInputs = 2, depthUnits = 10
    /// The seed of the random deep and shallow networks whose regions section 6 counts.
    static let depthSeed: UInt64 = 2014
    /// The grid on [−1, 1]² on which section 6 counts regions: 200 × 200 points.
    static let depthGridSize = 200

    /// Returns the regions seen on the grid of section 6 for a random network with 2 inputs
    /// and `layers` layers of `units` units, one network per seed.
    static func countedRegions(units: Int, layers: Int, seed: UInt64) -> Int {
        var random = SeededGenerator(seed: seed)
        let network = DeepReLULayers(inputs: depthInputs, unitsPerLayer: units, layers: layers, using: &random)
        return network.regionCount(radius: 1, gridSize: depthGridSize)
    }

    static func showDepthBounds(on console: LessonConsole) {
        let (d, n) = (depthInputs, depthUnits)
        console.text("""
            Montúfar et al. (2014): with d inputs and l layers of n ≥ d units, a ReLU network can have \
            at least ⌊n/d⌋^{d(l−1)} · Σ_{j≤d} C(n, j) regions (a lower bound on the maximum, \
            exponential in l). Every layer cuts each region into at most Σ_{j≤d} C(n, j) pieces, \
            so (Σ_{j≤d} C(n, j))^l bounds it from above. A shallow network with the same n·l units \
            has at most Σ_{j≤d} C(nl, j). For d = \(d) and n = \(n), beside the regions seen on a \
            \(depthGridSize) × \(depthGridSize) grid over [−1, 1]² for random networks \
            (seed \(depthSeed); weights N(0, 2/fan-in), biases uniform in [−1, 1]):
            """)
        var table = TextTable(header: ["l", "units", "deep max ≥", "deep max ≤", "deep, seen", "shallow max", "shallow, seen"])
        for layers in 1...5 {
            table.append(["\(layers)", "\(n * layers)",
                          groupDigits(deepRegionLowerBound(inputs: d, unitsPerLayer: n, layers: layers).description),
                          groupDigits(deepRegionUpperBound(inputs: d, unitsPerLayer: n, layers: layers).description),
                          formatCount(countedRegions(units: n, layers: layers, seed: depthSeed)),
                          formatCount(zaslavskyCount(hyperplanes: n * layers, dimensions: d)),
                          formatCount(countedRegions(units: n * layers, layers: 1, seed: depthSeed))])
        }
        console.block(table)
        console.text("""
            The most a deep network can have grows exponentially with l, the shallow maximum only \
            like l². Random networks come nowhere near the deep maximum: their regions grow \
            roughly like the number of units, as for a shallow network. Reaching the bound takes \
            weights arranged to fold the space, as the tents do.
            """)
    }
}
