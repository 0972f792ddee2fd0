import Testing
import CourseKit
@testable import ShallowNetworks

@Suite struct ShallowNetworkTests {
    let example = Lesson2.example

    // D(D_i + 1) + D_o(D + 1): 10 for 1/3/1, 13 for 2/3/1, 51,001 for 100/500/1 (seed 000).
    @Test func parameterCountsMatchTheDocuments() {
        for (inputs, hidden, outputs, expected) in [(1, 3, 1, 10), (2, 3, 1, 13), (100, 500, 1, 51_001),
                                                   (3, 3, 2, 20), (1, 4, 2, 18), (7, 0, 3, 3)] {
            let observed = parameterCount(inputs: inputs, hidden: hidden, outputs: outputs)
            #expect(observed == expected, "\(inputs)/\(hidden)/\(outputs): expected \(expected), observed \(observed)")
        }
        #expect(example.parameterCount == 10)
    }

    // The joint of unit d is where its pre-activation vanishes, x = −θ_{d0}/θ_{d1}.
    @Test func jointsAreWherePreActivationsVanish() {
        #expect(example.joints == [0.3, 0.5, 0.7], "expected joints [0.3, 0.5, 0.7], observed \(example.joints)")
        for (joint, d) in zip(example.joints, [0, 1, 2]) {
            let z = example.preActivations(at: joint)[d]
            #expect(abs(z) < 1e-12, "unit \(d + 1) at its joint \(joint): pre-activation \(z)")
        }
    }

    // Flat units (θ_{d1} = 0) have no joint, and the joints come sorted.
    @Test func jointsSkipFlatUnitsAndAreSorted() {
        let observed = joints(theta0: [3, 2, -1, -4, 0.5], theta1: [-2, 4, 0, 0.5, -1])
        #expect(observed == [-0.5, 0.5, 1.5, 8], "expected [−0.5, 0.5, 1.5, 8], observed \(observed)")
    }

    // Between two joints the activation pattern is fixed, so the function is linear there:
    // the midpoint's value is the mean of the ends. Across a joint the slope changes.
    @Test func oneInputNetworkIsLinearBetweenJoints() {
        let edges = [0.0] + example.joints + [1.0]
        var slopes: [Double] = []
        for (a, b) in zip(edges, edges.dropFirst()) {
            let mid = example((a + b) / 2), mean = (example(a) + example(b)) / 2
            #expect(abs(mid - mean) < 1e-12, "piece [\(a), \(b)]: midpoint \(mid), mean of ends \(mean)")
            slopes.append((example(b) - example(a)) / (b - a))
        }
        let expected = [-2.0, 0, 2, -4]
        #expect(zip(slopes, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "expected slopes \(expected), observed \(slopes)")
    }

    // The lesson's worked values: y(0) = 0.7, y(0.4) = 0.1, y(1) = −0.7; pattern 011 at 0.8.
    @Test func reproducesTheLessonsWorkedValues() {
        for (x, expected) in [(0.0, 0.7), (0.4, 0.1), (0.6, 0.3), (1.0, -0.7)] {
            #expect(abs(example(x) - expected) < 1e-12, "y(\(x)): expected \(expected), observed \(example(x))")
        }
        #expect(example.activationPattern(at: 0.8) == [false, true, true])
    }

    // The general network with Θ ∈ R^{D×1} is the one-input network.
    @Test func generalNetworkWithOneInputIsTheOneInputNetwork() {
        let xs = [-0.3, 0.15, 0.55, 0.9]
        let y = shallowNetwork(x: Matrix(row: xs), theta0: Matrix(column: example.theta0),
                               theta: Matrix(column: example.theta1), phi0: Matrix(column: [example.phi0]),
                               phi: Matrix(row: example.phi))
        for (n, x) in xs.enumerated() {
            #expect(abs(y[0, n] - example(x)) < 1e-12, "x = \(x): matrix form \(y[0, n]), sum form \(example(x))")
        }
    }

    // h_d = a[θ_{d0} + Σ_i θ_{di} x_i], y_j = φ_{j0} + Σ_d φ_{jd} h_d, with a non-square Θ (4×3)
    // and Φ (2×4), so that a transposed weight matrix cannot go unnoticed.
    @Test func generalNetworkFollowsTheSumFormula() {
        var random = SeededGenerator(seed: 11)
        let x = random.matrix(rows: 3, columns: 5, in: -2...2)
        let theta = random.matrix(rows: 4, columns: 3, in: -1...1), theta0 = random.matrix(rows: 4, columns: 1, in: -1...1)
        let phi = random.matrix(rows: 2, columns: 4, in: -1...1), phi0 = random.matrix(rows: 2, columns: 1, in: -1...1)
        let y = shallowNetwork(x: x, theta0: theta0, theta: theta, phi0: phi0, phi: phi)
        #expect(y.rows == 2 && y.columns == 5)
        for n in 0..<5 {
            let h = (0..<4).map { d in relu(theta0[d, 0] + (0..<3).map { theta[d, $0] * x[$0, n] }.reduce(0, +)) }
            for j in 0..<2 {
                let expected = phi0[j, 0] + (0..<4).map { phi[j, $0] * h[$0] }.reduce(0, +)
                #expect(abs(y[j, n] - expected) < 1e-12, "y[\(j), \(n)]: expected \(expected), observed \(y[j, n])")
            }
        }
    }
}
