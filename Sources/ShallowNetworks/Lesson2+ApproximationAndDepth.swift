import CourseKit

extension Lesson2 {
    /// The 1D target of the universal-approximation section, on [0, 2].
    static func target(_ x: Double) -> Double { exp(-x) * sin(6 * x) }

    static func showUniversalApproximation(on console: LessonConsole) {
        console.heading("5. Universal approximation")
        console.text("Cybenko (1989): sums Σ_j α_j σ(w_jᵀx + b_j) come as close as we like to any continuous f on a cube.")
        console.text("A bound for n sigmoid units: ∫ (f − f_n)² μ(dx) ≤ c/n.  Target f(x) = e^(−x) sin 6x on [0, 2],")
        console.text("joined by straight segments at D + 1 evenly spaced knots, which is a ReLU network with D units:")
        var table = TextTable(header: ["hidden units D", "max |f − y|", "mean (f − y)²", "D · mean (f − y)²"])
        var errors: [(x: Double, y: Double)] = []
        for hidden in [3, 6, 12, 24, 48, 96] {
            let network = interpolatingNetwork(for: target, on: 0...2, hiddenUnits: hidden)
            let error = approximationError(of: network, to: target, on: 0...2)
            table.append(["\(hidden)", scientific(error.maximum), scientific(error.meanSquared),
                          scientific(Double(hidden) * error.meanSquared)])
            errors.append((log2(Double(hidden)), log10(error.meanSquared)))
        }
        console.block(table)
        console.text("Doubling D divides the squared error by about 16 (2⁴): far faster than the c/n the bound allows.")
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
        console.text()
        console.text("log₁₀ of the mean squared error against log₂ D: a line of slope about −1.2 = −log₁₀ 16:")
        console.block(TerminalPlot.lines([.init(name: "log₁₀ error", mark: "*", points: errors)], height: 10))
    }

    static func showDepth(on console: LessonConsole) {
        console.heading("6. Depth: composing shallow networks")
        let tent = tentNetwork()
        console.text("The tent t(x) = 2a[x] − 4a[x − ½] maps both [0, ½] and [½, 1] onto [0, 1]: it folds the input.")
        console.text("Composing it l times gives a deep network with l layers of 2 units; a shallow network with")
        console.text("the same 2l units has at most 2l + 1 pieces on a line (Zaslavsky with D_i = 1):")
        var table = TextTable(header: ["layers l", "units", "deep, counted", "2^l", "shallow, at most"])
        for layers in 1...6 {
            let deep = Array(repeating: tent, count: layers)
            table.append(["\(layers)", "\(2 * layers)", "\(regionCount(of: deep, on: 0...1))", "\(1 << layers)",
                          "\(zaslavskyCount(hyperplanes: 2 * layers, dimensions: 1))"])
        }
        console.block(table)
        console.text()
        console.text("t∘t∘t: 6 units, 8 linear pieces")
        let xs = (0...256).map { Double($0) / 256 }
        let three = Array(repeating: tent, count: 3)
        console.block(TerminalPlot.lines([.init(name: "t(t(t(x)))", mark: "*",
                                                points: xs.map { ($0, composition(three, at: $0)) })], height: 10))
        console.text()
        console.text("Seed 004's bound for d inputs and l layers of n units, O(C(n, d)^{d(l−1)} n^d), against the")
        console.text("most regions of a shallow network with the same n·l units (d = 2, n = 10):")
        var bounds = TextTable(header: ["layers l", "units n·l", "deep bound", "shallow Σ_{j≤2} C(nl, j)"])
        for layers in 1...6 {
            bounds.append(["\(layers)", "\(10 * layers)",
                           grouped(deepRegionBound(inputs: 2, unitsPerLayer: 10, layers: layers).description),
                           grouped(zaslavskyCount(hyperplanes: 10 * layers, dimensions: 2))])
        }
        console.block(bounds)
        console.text("The deep count grows exponentially with l, the shallow one only like l².")
    }
}
