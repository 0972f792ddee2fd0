import Foundation
import CourseKit
import Backpropagation

extension Catalogue {
    /// Exercise 6: the θ₁θ₂x graph of lesson 4, section 1, ending in L = log cosh c: the
    /// forward values, the adjoints and the parameter gradient.
    static let exercise6 = Exercise(
        number: 6, title: "The θ₁θ₂x graph by hand", lesson: 4,
        functions: [
            "func graphForward(theta1: Double, theta2: Double, x: Double, y: Double) -> (a: Double, b: Double, c: Double, loss: Double)",
            "func graphBackward(theta1: Double, theta2: Double, x: Double, y: Double) -> (dc: Double, db: Double, da: Double)",
            "func graphGradient(theta1: Double, theta2: Double, x: Double, y: Double) -> (theta1: Double, theta2: Double)",
        ],
        hints: [
            "Section 1 of lessons/lesson4-backpropagation.md (\"A weird little model\") works this very graph with L = c². Only the last node changes: d/dc log cosh c = sinh c / cosh c = tanh c, so the backward pass starts from ∂L/∂c = tanh c, not 2c.",
            "cosh c overflows to ∞ once |c| passes about 710. Write cosh c = e^|c| (1 + e^(−2|c|)) / 2 and take the logarithm: log cosh c = |c| + log1p(exp(−2|c|)) − log 2, whose exponent is never positive.",
            "Backwards, one local derivative per node: c = b − y gives ∂c/∂b = 1, so ∂L/∂b = ∂L/∂c; b = a x gives ∂b/∂a = x, so ∂L/∂a = ∂L/∂b · x.",
            "a = θ₁θ₂ is a product: its derivative with respect to one factor is the other factor. So ∂L/∂θ₁ = ∂L/∂a · θ₂ = tanh(c) x θ₂ and ∂L/∂θ₂ = ∂L/∂a · θ₁ = tanh(c) x θ₁.",
        ],
        checks: [
            Check("graphForward computes a = θ₁θ₂, b = a x, c = b − y and L = log cosh c", points: 2,
                  hints: ["Compute the nodes in order, a = θ₁θ₂, b = a x, c = b − y, then L = log cosh c, and return all four: the check compares each of them."]) { t in
                for point in visiblePoints { try expectForward(t, point) }
            },
            Check("graphBackward returns ∂L/∂c = tanh c, ∂L/∂b and ∂L/∂a", points: 3,
                  hints: ["Start from ∂L/∂c, the derivative of log cosh c, and go back one node at a time, multiplying by that node's local derivative."]) { t in
                for point in visiblePoints { try expectBackward(t, point) }
            },
            Check("graphGradient agrees with central differences of your loss and with the reference", points: 3,
                  hints: ["∂L/∂θ₁ and ∂L/∂θ₂ continue from ∂L/∂a through a = θ₁θ₂. The central differences come from your graphForward's loss, so get graphForward right first."]) { t in
                for point in visiblePoints { try expectGradient(t, point) }
            },
            Check("every value stays finite at c = −807, where cosh overflows", points: 2) { t in
                let point = GraphPoint(theta1: 9, theta2: -20, x: 4.5, y: -3)
                try expectForward(t, point)
                try expectBackward(t, point)
                try expectGradient(t, point)
            },
            Check("graphForward's loss and graphGradient agree with the reference on 200 seeded points, with c = 0 and |c| in the thousands", points: 1) { t in
                let agree = { (o: [Double], e: [Double]) in o.count == e.count && zip(o, e).allSatisfy { t.tolerance.accepts($0, $1) } }
                let show = { (v: [Double]) in "(" + v.map(swiftText).joined(separator: ", ") + ")" }
                try t.expectAgreement("graphForward's loss", on: pointSpace("graphForward"), count: 200, seed: 6_001,
                                      student: { p in [try t.decode(try t.tuple("graphForward", count: 4, p.theta1, p.theta2, p.x, p.y)[3], as: Double.self, "loss")] },
                                      reference: { p in [Backpropagation.graphForward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y).loss] },
                                      agree: agree, show: show)
                try t.expectAgreement("graphGradient", on: pointSpace("graphGradient"), count: 200, seed: 6_002,
                                      student: { p in
                                          try t.tuple("graphGradient", count: 2, p.theta1, p.theta2, p.x, p.y).map { try t.decode($0, as: Double.self, "a gradient") }
                                      },
                                      reference: { p in
                                          let g = Backpropagation.graphGradient(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y)
                                          return [g.theta1, g.theta2]
                                      },
                                      agree: agree, show: show)
            },
            // hidden checks: begin (removed by `course export`)
            Check("every value stays finite at other points far out, and with x < 0", points: 2, visibility: .hidden) { t in
                for point in [GraphPoint(theta1: 15, theta2: 25, x: 3.1, y: -2), GraphPoint(theta1: 0.5, theta2: 0.25, x: -3, y: 1),
                              GraphPoint(theta1: -12, theta2: 30, x: 4.5, y: 7)] {
                    try expectForward(t, point)
                    try expectBackward(t, point)
                    try expectGradient(t, point)
                }
            },
            // hidden checks: end
        ])

    /// Points with c = 0 exactly, x = 0, a parameter 0 and |c| in the thousands first, then
    /// seeded ones (one in six far out); shrunk towards 0 and whole numbers.
    private static func pointSpace(_ function: String) -> InputSpace<GraphPoint> {
        InputSpace(
            edges: [GraphPoint(theta1: 1, theta2: 2, x: 3, y: 6), GraphPoint(theta1: 2, theta2: 3, x: 0, y: 1),
                    GraphPoint(theta1: 0, theta2: 5, x: 1, y: 2), GraphPoint(theta1: 9, theta2: -20, x: 4.5, y: -3),
                    GraphPoint(theta1: -15, theta2: -25, x: 3.1, y: 2)],
            generate: { random in
                let far = random.integer(below: 6) == 0
                let range: ClosedRange<Double> = far ? -40...40 : -3...3
                return GraphPoint(theta1: random.uniform(in: range), theta2: random.uniform(in: range),
                                  x: random.uniform(in: -3...3), y: random.uniform(in: -5...5))
            },
            shrink: { p in
                var smaller: [GraphPoint] = []
                for path in [\GraphPoint.theta1, \GraphPoint.theta2, \GraphPoint.x, \GraphPoint.y] {
                    let value = p[keyPath: path]
                    for candidate in InputSpace<GraphPoint>.simplerNumbers(than: value) {
                        var q = p
                        q[keyPath: path] = candidate
                        smaller.append(q)
                    }
                }
                return smaller
            },
            describe: { $0.call(function) })
    }

    /// The parameters and the data point of the graph.
    private struct GraphPoint: Sendable {
        var theta1, theta2, x, y: Double

        /// The call as a student writes it, for messages.
        func call(_ function: String) -> String {
            "\(function)(theta1: \(formatNumber(theta1)), theta2: \(formatNumber(theta2)), "
                + "x: \(formatNumber(x)), y: \(formatNumber(y)))"
        }
    }

    /// Points where x θ₁ ≠ θ₂ and x θ₂ ≠ θ₁, so that each mistake of the last step gives its
    /// own value.
    private static let visiblePoints = [GraphPoint(theta1: 2, theta2: -0.8, x: 1.5, y: -4.1),
                                        GraphPoint(theta1: -0.7, theta2: 1.3, x: 2.2, y: 0.4)]

    private static func expectForward(_ t: CheckContext, _ p: GraphPoint) throws {
        let parts = try t.tuple("graphForward", count: 4, p.theta1, p.theta2, p.x, p.y)
        let expected = Backpropagation.graphForward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y)
        let what = p.call("graphForward")
        t.expect(try t.decode(parts[0], as: Double.self, "a"), equals: expected.a, "\(what).a")
        t.expect(try t.decode(parts[1], as: Double.self, "b"), equals: expected.b, "\(what).b")
        t.expect(try t.decode(parts[2], as: Double.self, "c"), equals: expected.c, "\(what).c",
                 mistakes: [Mistake("This is y − b: c has the wrong sign; c = b − y.", p.y - expected.b)])
        let c = expected.c
        t.expect(try t.decode(parts[3], as: Double.self, "loss"), equals: expected.loss, "\(what).loss",
                 mistakes: [Mistake("L is ∞: cosh overflows past |c| ≈ 710. Use log cosh c = |c| + log1p(e^(−2|c|)) − log 2.", .infinity),
                            Mistake("This is log cosh c + log 2: cosh c = e^|c| (1 + e^(−2|c|)) / 2, and the /2 gives − log 2.", expected.loss + log(2.0)),
                            Mistake("This is c², the lesson's squared loss; here L = log cosh c.", c * c)])
    }

    private static func expectBackward(_ t: CheckContext, _ p: GraphPoint) throws {
        let parts = try t.tuple("graphBackward", count: 3, p.theta1, p.theta2, p.x, p.y)
        let expected = Backpropagation.graphBackward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y)
        let c = Backpropagation.graphForward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y).c
        let what = p.call("graphBackward")
        let squared = "∂L/∂c = 2c comes from the squared loss; the derivative of log cosh c is tanh c."
        let sinh = "sinh c is the derivative of cosh c; the chain rule through the log divides it by cosh c: ∂L/∂c = sinh c / cosh c = tanh c."
        let flipped = "This is tanh(y − b) = −tanh c: the residual must be c = b − y, so every adjoint gets its sign from it."
        t.expect(try t.decode(parts[0], as: Double.self, "dc"), equals: expected.dc, "\(what).dc",
                 mistakes: [Mistake(squared, 2 * c), Mistake(flipped, -expected.dc), Mistake(sinh, Foundation.sinh(c))])
        t.expect(try t.decode(parts[1], as: Double.self, "db"), equals: expected.db, "\(what).db",
                 mistakes: [Mistake(squared, 2 * c), Mistake(flipped, -expected.db), Mistake(sinh, Foundation.sinh(c))])
        t.expect(try t.decode(parts[2], as: Double.self, "da"), equals: expected.da, "\(what).da",
                 mistakes: [Mistake("∂L/∂a equals ∂L/∂b here: multiply by the local derivative ∂b/∂a = x.", expected.db),
                            Mistake(squared + " ∂L/∂a = tanh(c) · x.", 2 * c * p.x), Mistake(flipped, -expected.da)])
    }

    private static func expectGradient(_ t: CheckContext, _ p: GraphPoint) throws {
        let parts = try t.tuple("graphGradient", count: 2, p.theta1, p.theta2, p.x, p.y)
        let gradient = (try t.decode(parts[0], as: Double.self, "theta1"), try t.decode(parts[1], as: Double.self, "theta2"))
        let expected = Backpropagation.graphGradient(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y)
        let da = Backpropagation.graphBackward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y).da
        let c = Backpropagation.graphForward(theta1: p.theta1, theta2: p.theta2, x: p.x, y: p.y).c
        let what = p.call("graphGradient")
        let loss = { (theta1: Double, theta2: Double) in
            try t.decode(try t.tuple("graphForward", count: 4, theta1, theta2, p.x, p.y)[3], as: Double.self, "loss")
        }
        try t.expectDerivative("\(what).theta1", analytic: gradient.0, reference: expected.theta1, at: p.theta1, parameter: "θ₁",
                               functionName: "your graphForward's loss", function: { try loss($0, p.theta2) },
                               mistakes: gradientMistakes(swapped: da * p.theta1, missingX: da / p.x * p.theta2, "θ₁", "θ₂")
                                   + [Mistake(squaredGradient, 2 * c * p.x * p.theta2), Mistake(flippedGradient, -expected.theta1)])
        try t.expectDerivative("\(what).theta2", analytic: gradient.1, reference: expected.theta2, at: p.theta2, parameter: "θ₂",
                               functionName: "your graphForward's loss", function: { try loss(p.theta1, $0) },
                               mistakes: gradientMistakes(swapped: da * p.theta2, missingX: da / p.x * p.theta1, "θ₂", "θ₁")
                                   + [Mistake(squaredGradient, 2 * c * p.x * p.theta1), Mistake(flippedGradient, -expected.theta2)])
    }

    private static let squaredGradient = "This is the squared loss's gradient 2c x θ; with L = log cosh c the first factor is tanh c, not 2c."
    private static let flippedGradient = "This is minus the gradient: check the sign of c = b − y and of ∂L/∂c = tanh c."

    /// The two mistakes of the last step, ∂L/∂θ = ∂L/∂a · (the other factor of a = θ₁θ₂):
    /// multiplying by the parameter itself, or forgetting x in ∂L/∂a. Where both give the
    /// same value, one message names both.
    private static func gradientMistakes(swapped: Double, missingX: Double, _ own: String, _ other: String) -> [Mistake] {
        let wrongFactor = "∂a/∂\(own) is \(other), not \(own): ∂L/∂\(own) = ∂L/∂a · \(other)."
        let noX = "∂L/∂a lacks the factor x: ∂L/∂a = ∂L/∂b · ∂b/∂a = tanh(c) · x."
        if Tolerance.standard.accepts(swapped, missingX) {
            return [Mistake("Two mistakes give this value here: ∂a/∂\(own) taken as \(own) instead of \(other), "
                                + "or ∂L/∂a without the factor x (∂b/∂a = x).", swapped)]
        }
        return [Mistake(wrongFactor, swapped), Mistake(noX, missingX)]
    }
}
