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

    // Seed 004's bound C(n, d)^{d(l−1)} n^d for d = 2, n = 10: 100, then 45² · 100 = 202,500.
    @Test func deepBoundGrowsExponentially() {
        #expect(deepRegionBound(inputs: 2, unitsPerLayer: 10, layers: 1).description == "100")
        #expect(deepRegionBound(inputs: 2, unitsPerLayer: 10, layers: 2).description == "202500")
        #expect(deepRegionBound(inputs: 2, unitsPerLayer: 10, layers: 6).description == "3405062891601562500")
    }
}
