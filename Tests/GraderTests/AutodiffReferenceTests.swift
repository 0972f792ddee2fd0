import Foundation
import Testing
import CourseKit
@testable import Grader

/// The reference engine of exercise 13 reproduces lesson 4's hand-worked gradients and the
/// numbers section 9 prints, and replays the known mistakes as the text describes them.
@Suite struct AutodiffReferenceTests {
    // Section 1: θ₁ = 2, θ₂ = 3, x = 1.5, y = 4 gives L = 25, ∂L/∂θ₁ = 45, ∂L/∂θ₂ = 30.
    @Test func reproducesTheLessonGraph() {
        var tape = ScalarTape()
        let theta1 = tape.leaf(2), theta2 = tape.leaf(3), x = tape.leaf(1.5), y = tape.leaf(4)
        let c = tape.apply(.subtract, tape.apply(.multiply, tape.apply(.multiply, theta1, theta2), x), y)
        let loss = tape.apply(.power, c, exponent: 2)
        let gradient = tape.gradients(of: loss)
        #expect(tape.nodes[loss].value == 25)
        #expect(gradient[theta1] == 45 && gradient[theta2] == 30, "observed \(gradient[theta1]), \(gradient[theta2])")
    }

    // Section 2: ∂e/∂b = 5 adds both paths; assigning keeps 2 or 3; creation order reaches neither a nor b.
    @Test func sumsThePathsOfSectionTwo() {
        let program = ScalarProgram(inputs: [2, 1, 1], program: [0, 0, 1, 0, 1, 2, 2, 3, 4])
        let tape = program.tape
        #expect(tape.gradients(of: 5) == [2, 5, 3, 2, 3, 1])
        #expect(tape.gradients(of: 5, flaw: .overwrite(lastWriterCreatedFirst: true))[1] == 2)
        #expect(tape.gradients(of: 5, flaw: .overwrite(lastWriterCreatedFirst: false))[1] == 3)
        #expect(tape.gradients(of: 5, flaw: .creationOrder) == [0, 0, 0, 2, 3, 1])
    }

    // Section 9: x · x gives 2x, x / x gives 0, and ten squarings have 11 nodes but 2047 paths.
    @Test func handlesSharedNodes() {
        #expect(ScalarProgram(inputs: [1.5], program: [2, 0, 0]).tape.gradients(of: 1) == [3, 1])
        #expect(ScalarProgram(inputs: [1.5], program: [3, 0, 0]).tape.gradients(of: 1)[0] == 0)
        let chain = ScalarProgram(inputs: [1.0001], program: (0..<10).flatMap { [2, $0, $0] }).tape
        #expect(chain.orderLength(from: 10) == 11)
        #expect(chain.unfoldedLength(from: 10) == 2047)
    }

    // Section 9's table: the 2-3-1 network on the quadrant XOR, α = 0.1, seed 13.
    @Test func reproducesTheTrainingTable() {
        let c = Catalogue.autodiffTraining.with(steps: 300)
        let losses = c.losses()
        let printed: [(Int, Double)] = [(0, 1.318), (1, 1.196), (2, 1.130), (5, 1.059), (10, 1.031), (25, 1.003),
                                        (100, 0.853), (200, 0.083), (300, 0.027)]
        for (step, value) in printed {
            #expect(abs(losses[step] - value) < 5e-4, "step \(step): printed \(value), observed \(losses[step])")
        }
        let unreset = c.losses(.init(resetsGradients: false))
        #expect(unreset[0] == losses[0] && unreset[1] == losses[1])
        #expect(abs(unreset[2] - 1.075) < 5e-4 && abs(unreset[5] - 1.244) < 5e-4, "observed \(unreset[2]), \(unreset[5])")
    }

    // Section 9: after 300 steps every point has the sign of its label.
    @Test func separatesTheQuadrantsAfterTraining() {
        let c = Catalogue.autodiffTraining
        var p = ScalarTape.initialParameters(hidden: c.hidden, seed: c.seed)
        for _ in 0..<300 {
            let gradient = ScalarTape.networkLoss(p, points: c.points, labels: c.labels).gradient
            p = zip(p, gradient).map { $0 - c.learningRate * $1 }
        }
        for n in c.labels.indices {
            var output = p[4 * c.hidden]
            for j in 0..<c.hidden {
                output += p[3 * c.hidden + j] * tanh(p[3 * j] * c.points[0, n] + p[3 * j + 1] * c.points[1, n] + p[3 * j + 2])
            }
            #expect(output * c.labels[n] > 0, "point \(n): output \(output), label \(c.labels[n])")
        }
    }
}
