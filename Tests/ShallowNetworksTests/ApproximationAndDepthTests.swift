import Testing
import CourseKit
@testable import ShallowNetworks

@Suite struct ApproximationAndDepthTests {
    // The interpolating network passes through the target at every knot.
    @Test func interpolatingNetworkPassesThroughTheKnots() {
        let network = interpolatingNetwork(for: Lesson2.target, on: 0...2, hiddenUnits: 10)
        #expect(network.hiddenUnitCount == 10)
        for k in 0...10 {
            let x = 0.2 * Double(k)
            #expect(abs(network(x) - Lesson2.target(x)) < 1e-12, "knot \(x): \(network(x)) vs \(Lesson2.target(x))")
        }
    }

    // More hidden units, smaller error: from D = 6 on each doubling divides the mean squared
    // error by more than 8, and D · error keeps falling, inside the c/n bound.
    @Test func errorFallsAsHiddenUnitsDouble() {
        let errors = [6, 12, 24, 48, 96].map {
            approximationError(of: interpolatingNetwork(for: Lesson2.target, on: 0...2, hiddenUnits: $0),
                               to: Lesson2.target, on: 0...2)
        }
        for (coarse, fine) in zip(errors, errors.dropFirst()) {
            #expect(fine.meanSquared < coarse.meanSquared / 8, "\(coarse.meanSquared) → \(fine.meanSquared)")
            #expect(fine.maximum < coarse.maximum)
        }
    }

    // The tent folds [0, 1]: t(0) = t(1) = 0, t(½) = 1, and t(¼) = t(¾) = ½.
    @Test func tentFoldsTheInterval() {
        let t = tentNetwork()
        for (x, expected) in [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0), (0.25, 0.5), (0.75, 0.5)] {
            #expect(abs(t(x) - expected) < 1e-15, "t(\(x)) = \(t(x)), expected \(expected)")
        }
    }

    // Composing the tent l times makes 2^l linear regions with 2l units; a shallow network
    // with 2l units has at most 2l + 1 on a line.
    @Test func depthMultipliesRegions() {
        for layers in 1...6 {
            let count = regionCount(of: Array(repeating: tentNetwork(), count: layers), on: 0...1)
            #expect(count == 1 << layers, "\(layers) layers: expected \(1 << layers), observed \(count)")
            #expect(zaslavskyCount(hyperplanes: 2 * layers, dimensions: 1) == 2 * layers + 1)
        }
        #expect(regionCount(of: [Lesson2.example], on: 0...1) == 4)
    }

    // A composition is a deep network: the second network's hidden layer sees
    // β + Ω h₁ with Ω = θ₂,·₁ φ₁ᵀ and β = θ₂,·₀ + θ₂,·₁ φ₁,₀.
    @Test func compositionIsADeepNetworkWithOuterProductWeights() {
        let first = Lesson2.example, second = tentNetwork()
        let omega = Matrix(column: second.theta1) * Matrix(row: first.phi)
        let beta = Matrix(column: zip(second.theta0, second.theta1).map { $0 + $1 * first.phi0 })
        for x in [-0.2, 0.1, 0.35, 0.65, 0.9, 1.3] {
            let h1 = Matrix(column: first.hiddenUnits(at: x))
            let h2 = relu(beta + omega * h1)
            let deep = second.phi0 + dot(second.phi, h2.column(0))
            let composed = composition([first, second], at: x)
            #expect(abs(deep - composed) < 1e-12, "x = \(x): deep \(deep), composition \(composed)")
        }
    }

    // Montúfar et al.'s lower bound ⌊n/d⌋^{d(l−1)} Σ_{j≤d} C(n, j) for d = 2, n = 10: one layer
    // gives Zaslavsky's 56 (not the slide's 100), two give 5² · 56 = 1,400 (not 202,500, more
    // than the 56² = 3,136 that two layers can have at most), six give 5¹⁰ · 56.
    @Test func deepLowerBoundFollowsMontufar() {
        let cases: [(layers: Int, expected: String)] = [(1, "56"), (2, "1400"), (3, "35000"), (6, "546875000")]
        for (layers, expected) in cases {
            let observed = deepRegionLowerBound(inputs: 2, unitsPerLayer: 10, layers: layers).description
            #expect(observed == expected, "l = \(layers): expected \(expected), observed \(observed)")
        }
        #expect(deepRegionLowerBound(inputs: 2, unitsPerLayer: 10, layers: 1).description
                == String(zaslavskyCount(hyperplanes: 10, dimensions: 2)))
        // ⌊n/d⌋ rounds down: 3 units on 2 inputs fold once per direction.
        #expect(deepRegionLowerBound(inputs: 2, unitsPerLayer: 3, layers: 3).description == "7")
    }

    // The upper bound (Σ_{j≤d} C(n, j))^l: 56 and 3,136 for one and two layers of 10 units on
    // 2 inputs; it is never below the lower bound.
    @Test func deepUpperBoundIsTheProductOfLayerCounts() {
        #expect(deepRegionUpperBound(inputs: 2, unitsPerLayer: 10, layers: 1).description == "56")
        #expect(deepRegionUpperBound(inputs: 2, unitsPerLayer: 10, layers: 2).description == "3136")
        for layers in 1...6 {
            let lower = deepRegionLowerBound(inputs: 2, unitsPerLayer: 10, layers: layers)
            let upper = deepRegionUpperBound(inputs: 2, unitsPerLayer: 10, layers: layers)
            #expect(!(upper < lower), "l = \(layers): lower \(lower), upper \(upper)")
        }
    }

    // One layer of DeepReLULayers sees the same regions on the grid as the shallow count of
    // section 3 for the same weights.
    @Test func oneDeepLayerCountsLikeAShallowLayer() {
        var random = SeededGenerator(seed: 3)
        let layers = DeepReLULayers(inputs: 2, unitsPerLayer: 8, layers: 1, using: &random)
        let theta = Matrix(layers.weights[0]), theta0 = Matrix(column: layers.biases[0])
        let deep = layers.regionCount(radius: 1, gridSize: 41)
        let shallow = regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 41)
        #expect(deep == shallow, "expected \(shallow), observed \(deep)")
        for x in [[0.3, -0.2], [-0.9, 0.5]] {
            #expect(layers.activationPattern(at: x) == activationPattern(at: x, theta0: theta0, theta: theta))
        }
    }

    // Random networks of section 6 (seed 2014, 200 × 200 grid): deep ones have 22, 79, 183,
    // 240 and 282 regions for l = 1 … 5, shallow ones with as many units 22, 107, 248, 358
    // and 552; every count stays within its network's upper bound.
    @Test func randomNetworksStayFarBelowTheDeepMaximum() {
        let deep = (1...5).map { Lesson2.countedRegions(units: 10, layers: $0, seed: Lesson2.depthSeed) }
        let shallow = (1...5).map { Lesson2.countedRegions(units: 10 * $0, layers: 1, seed: Lesson2.depthSeed) }
        #expect(deep == [22, 79, 183, 240, 282], "deep: observed \(deep)")
        #expect(shallow == [22, 107, 248, 358, 552], "shallow: observed \(shallow)")
        for layers in 1...5 {
            #expect(deep[layers - 1] <= Int(deepRegionUpperBound(inputs: 2, unitsPerLayer: 10, layers: layers).description)!)
            #expect(shallow[layers - 1] <= zaslavskyCount(hyperplanes: 10 * layers, dimensions: 2))
        }
    }
}
