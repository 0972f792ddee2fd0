import CourseKit
import Backpropagation

extension Catalogue {
    /// Exercise 7: the binary classifier of lesson 4, section 3, with column vectors and a
    /// hidden bias: its probabilities, its mean cross-entropy and its four gradients.
    static let exercise7 = Exercise(
        number: 7, title: "The gradients of a binary classifier", lesson: 4,
        functions: [
            "func classifierForward(x: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Matrix",
            "func classifierLoss(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> Double",
            "func classifierGradients(x: Matrix, labels: Matrix, w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) -> (w1: Matrix, b1: Matrix, w2: Matrix, b2: Double)",
        ],
        hints: [
            "Section 3 of lessons/lesson4-backpropagation.md derives these gradients with the samples as rows; here they are columns, so every formula is transposed. Write down the shapes (X is D×N, F and H are H×N, z and ŷ are 1×N) and let them tell you where each transpose goes.",
            "Compute the loss from the logits, never from ŷ: L = (1/N) Σₙ [max(zₙ, 0) − yₙ zₙ + log1p(exp(−|zₙ|))]. log σ(z) is log 0 = −∞ once σ(z) rounds to 0, which happens for z ≈ −750 and, for 1 − σ(z), already at z ≈ 37.",
            "\"The cancellation\" in section 3: ∂L/∂ŷ · ∂ŷ/∂z simplifies to δ = ∂L/∂z = (ŷ − y)/N, a 1×N row. Use it directly: the unsimplified product is 0/0 when σ(z) rounds to 0 or 1. Then ∂L/∂w₂ = δ Hᵀ (1×H) and ∂L/∂b₂ = Σₙ δₙ.",
            "Into the hidden layer: ∂L/∂F = 𝟙[F > 0] ⊙ (w₂ᵀ δ), an H×N matrix (CourseKit's step(_:) with map, and .* for ⊙). Then ∂L/∂W₁ = ∂L/∂F Xᵀ (H×D) and ∂L/∂b₁ = the row sums of ∂L/∂F (H×1), because b₁ is added to every column.",
        ],
        checks: [
            Check("classifierForward returns ŷ = σ(w₂ ReLU(W₁X + b₁𝟙ᵀ) + b₂) as a 1×N row", points: 2,
                  hints: ["The samples are the columns of X. F = W₁X with b₁ added to every column is H×N; after ReLU, w₂ (1×H) times it gives a 1×N row of logits, plus b₂ on every entry, then the sigmoid."]) { t in
                try expectForward(t, visibleClassifier)
            },
            Check("classifierLoss is the mean binary cross-entropy", points: 2,
                  hints: ["L = −(1/N) Σₙ [yₙ log ŷₙ + (1 − yₙ) log(1 − ŷₙ)]: a mean over the N samples, with a minus sign in front. Written with the logits zₙ, it never takes the log of 0."]) { t in
                try expectLoss(t, visibleClassifier)
                try expectLoss(t, visibleClassifier.relabelled([0, 1, 1, 0, 1], b2: -0.6))
            },
            Check("classifierGradients agree with central differences of your loss and with the reference", points: 6,
                  hints: ["Each gradient has the shape of its parameter: W₁ is H×D, b₁ H×1, w₂ 1×H and b₂ a number. The central differences come from your classifierLoss, so get the loss right first."]) { t in
                try expectGradients(t, visibleClassifier)
            },
            Check("every function stays finite and right when the logits are in the hundreds", points: 2) { t in
                try expectForward(t, saturatedClassifier)
                try expectLoss(t, saturatedClassifier)
                try expectGradients(t, saturatedClassifier)
            },
            Check("classifierGradients where some pre-activations are exactly 0 (the ReLU's derivative is 0 there)", points: 2) { t in
                try expectGradients(t, kinkedClassifier)
            },
            Check("classifierLoss and classifierGradients agree with the reference on 60 seeded classifiers, some with logits in the hundreds", points: 1) { t in
                try t.expectAgreement("classifierGradients (with classifierLoss)", on: classifierSpace, count: 60, seed: 7_001,
                                      student: { c in
                                          let loss = try t.number("classifierLoss", c.x, c.labels, c.w1, c.b1, c.w2, c.b2)
                                          let parts = try t.tuple("classifierGradients", count: 4, c.x, c.labels, c.w1, c.b1, c.w2, c.b2)
                                          return [Matrix(row: [loss])] + (try parts.prefix(3).map { try t.decode($0, as: Matrix.self, "a gradient") })
                                              + [Matrix(row: [try t.decode(parts[3], as: Double.self, "∂L/∂b₂")])]
                                      },
                                      reference: { c in
                                          let g = Backpropagation.classifierGradients(x: c.x, labels: c.labels, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2)
                                          let loss = Backpropagation.classifierLoss(x: c.x, labels: c.labels, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2)
                                          return [Matrix(row: [loss]), g.w1, g.b1, g.w2, Matrix(row: [g.b2])]
                                      },
                                      agree: { agree($0, $1, t.tolerance) },
                                      show: { swiftText(zip(["L", "∂L/∂W₁", "∂L/∂b₁", "∂L/∂w₂", "∂L/∂b₂"], $0).map { ($0, $1) }) })
            },
            // hidden checks: begin (removed by `course export`)
            Check("every function with D = 4 inputs, H = 2 hidden units and N = 3 samples, also far out", points: 2, visibility: .hidden) { t in
                for c in [narrowClassifier, narrowClassifier.scaled(150)] {
                    try expectForward(t, c)
                    try expectLoss(t, c)
                    try expectGradients(t, c)
                }
            },
            // hidden checks: end
        ])

    /// A classifier's parameters and a labelled batch (the samples are the columns of x).
    private struct Classifier: Sendable {
        let x, labels, w1, b1, w2: Matrix
        let b2: Double
        let name: String

        func scaled(_ factor: Double) -> Classifier {
            Classifier(x: factor * x, labels: labels, w1: w1, b1: b1, w2: w2, b2: b2, name: name + " with \(formatNumber(factor)) X")
        }

        func relabelled(_ labels: [Double], b2: Double) -> Classifier {
            Classifier(x: x, labels: Matrix(row: labels), w1: w1, b1: b1, w2: w2, b2: b2, name: name + ", other labels and b₂")
        }
    }

    /// Classifiers of 1 to 3 inputs, 1 to 4 hidden units and 1 to 4 samples with halves for every
    /// number (so that some pre-activations are exactly 0), one in four on 100 X; shrunk by
    /// dropping a sample or making every number a whole one.
    private static let classifierSpace = InputSpace<Classifier>(
        edges: [kinkedClassifier, saturatedClassifier],
        generate: { random in
            let d = random.integer(in: 1...3), h = random.integer(in: 1...4), n = random.integer(in: 1...4)
            func halves(_ rows: Int, _ columns: Int, _ random: inout SeededGenerator) -> Matrix {
                Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in Double(random.integer(in: -4...4)) / 2 })
            }
            let x = halves(d, n, &random)
            return Classifier(x: random.integer(below: 4) == 0 ? 100 * x : x,
                              labels: Matrix(row: (0..<n).map { _ in Double(random.integer(below: 2)) }),
                              w1: halves(h, d, &random), b1: halves(h, 1, &random), w2: halves(1, h, &random),
                              b2: Double(random.integer(in: -2...2)) / 2, name: "")
        },
        shrink: { c in
            var smaller: [Classifier] = []
            if c.x.columns > 1 {
                smaller.append(Classifier(x: c.x.droppingLastColumn(), labels: c.labels.droppingLastColumn(), w1: c.w1, b1: c.b1,
                                          w2: c.w2, b2: c.b2, name: ""))
            }
            let whole = { (m: Matrix) in m.map { $0.rounded(.towardZero) } }
            if !([c.x, c.w1, c.b1, c.w2].allSatisfy { $0 == whole($0) } && c.b2 == c.b2.rounded(.towardZero)) {
                smaller.append(Classifier(x: whole(c.x), labels: c.labels, w1: whole(c.w1), b1: whole(c.b1), w2: whole(c.w2),
                                          b2: c.b2.rounded(.towardZero), name: ""))
            }
            return smaller
        },
        describe: { c in
            "classifierGradients(x: \(swiftText(c.x)), labels: \(swiftText(c.labels)), w1: \(swiftText(c.w1)), b1: \(swiftText(c.b1)), "
                + "w2: \(swiftText(c.w2)), b2: \(swiftText(c.b2)))"
        })

    /// D = 2, H = 3, N = 5; some pre-activations of every hidden unit are negative.
    private static let visibleClassifier = Classifier(
        x: Matrix([[1, -0.5, 2, 0.3, -1.2], [0.4, 1.1, -0.7, 2, 0.5]]), labels: Matrix(row: [1, 0, 1, 1, 0]),
        w1: Matrix([[0.6, -0.4], [-0.3, 0.9], [1.1, 0.2]]), b1: Matrix(column: [0.1, -0.2, 0.05]),
        w2: Matrix(row: [0.7, -1.3, 0.5]), b2: 0.2, name: "the 2-3-1 classifier on 5 samples")

    /// The same network on 100 X: the logits run from −186 to 206, where σ(z) rounds to 1
    /// and the textbook product (ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) is 0/0.
    private static let saturatedClassifier = Classifier(
        x: 100 * visibleClassifier.x, labels: visibleClassifier.labels, w1: visibleClassifier.w1,
        b1: visibleClassifier.b1, w2: visibleClassifier.w2, b2: -0.3, name: "the 2-3-1 classifier on 100 X (logits in the hundreds)")

    /// D = 2, H = 3, N = 5 with dyadic values, so that F[0, 0] and F[1, 1] are exactly 0.
    private static let kinkedClassifier = Classifier(
        x: Matrix([[1, -0.5, 2, 0.25, -1.25], [0.5, 1, -0.75, 2, 0.5]]), labels: Matrix(row: [0, 1, 1, 0, 1]),
        w1: Matrix([[0.5, -0.25], [-0.25, 1], [1, 0.25]]), b1: Matrix(column: [-0.375, -1.125, 0.125]),
        w2: Matrix(row: [0.75, -1.5, 0.5]), b2: 0.25, name: "the 2-3-1 classifier with F[0, 0] = F[1, 1] = 0")

    /// D = 4, H = 2, N = 3: more inputs than hidden units, so a transposed W₁ or X cannot fit.
    private static let narrowClassifier = Classifier(
        x: Matrix([[0.8, -1.5, 0.3], [-0.2, 0.9, 1.7], [1.4, 0.5, -0.6], [-1.1, 0.25, 0.7]]), labels: Matrix(row: [0, 1, 1]),
        w1: Matrix([[0.5, -0.7, 0.2, -0.9], [-0.6, 0.4, 1.1, -0.3]]), b1: Matrix(column: [-0.15, 0.3]),
        w2: Matrix(row: [1.6, -0.8]), b2: 0.4, name: "the 4-2-1 classifier on 3 samples")

    private static func expectForward(_ t: CheckContext, _ c: Classifier) throws {
        let observed = try t.matrix("classifierForward", c.x, c.w1, c.b1, c.w2, c.b2)
        let z = pass(c).z
        t.expect(observed, equals: Backpropagation.classifierForward(x: c.x, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2),
                 "For \(c.name), classifierForward",
                 mistakes: [Mistake("These are the logits z; the probabilities are ŷ = σ(z).", z),
                            Mistake("b₁ is missing: F = W₁X + b₁𝟙ᵀ adds b₁ to every column.",
                                    sigmoid(pass(c, b1: Matrix(rows: c.b1.rows, columns: 1)).z)),
                            Mistake("The ReLU is missing: H = ReLU(F), not F.", sigmoid((c.w2 * pass(c).f).map { $0 + c.b2 }))])
    }

    private static func expectLoss(_ t: CheckContext, _ c: Classifier) throws {
        let observed = try t.number("classifierLoss", c.x, c.labels, c.w1, c.b1, c.w2, c.b2)
        func fromZ(_ value: String) -> String {
            "L is \(value) when the logits reach hundreds: σ(z) rounds to 0 or 1 and log 0 = −∞. "
                + "Compute the loss from z: max(z, 0) − y z + log1p(e^(−|z|))."
        }
        t.expect(observed, equals: Backpropagation.classifierLoss(x: c.x, labels: c.labels, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2),
                 "For \(c.name), classifierLoss",
                 mistakes: [Mistake(fromZ("NaN"), .nan), Mistake(fromZ("∞"), .infinity)])
    }

    private static func expectGradients(_ t: CheckContext, _ c: Classifier) throws {
        let parts = try t.tuple("classifierGradients", count: 4, c.x, c.labels, c.w1, c.b1, c.w2, c.b2)
        let g = (w1: try t.decode(parts[0], as: Matrix.self, "∂L/∂W₁"), b1: try t.decode(parts[1], as: Matrix.self, "∂L/∂b₁"),
                 w2: try t.decode(parts[2], as: Matrix.self, "∂L/∂w₂"), b2: try t.decode(parts[3], as: Double.self, "∂L/∂b₂"))
        let all = g.w1.scalars + g.b1.scalars + g.w2.scalars + [g.b2]
        let expected = Backpropagation.classifierGradients(x: c.x, labels: c.labels, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2)
        let expectedAll = expected.w1.scalars + expected.b1.scalars + expected.w2.scalars + [expected.b2]
        // The 0/0 is named only when NaN is the only fault: every finite entry is right, and so
        // are the gradients of the unsaturated classifier.
        let awayRight = try all.allSatisfy(\.isFinite) || rightAwayFromSaturation(t)
        let finiteRight = awayRight && all.count == expectedAll.count
            && zip(all, expectedAll).allSatisfy { !$0.isFinite || t.tolerance.accepts($0, $1) }
        t.expect(all.allSatisfy(\.isFinite),
                 "For \(c.name), classifierGradients returned NaN or ∞"
                     + (finiteRight ? ", and every finite entry is right. Once σ(z) rounds to exactly 0 or 1, "
                        + "(ŷ − y)/(ŷ(1 − ŷ)) · ŷ(1 − ŷ) is 0/0; simplify ∂L/∂z to (ŷ − y)/N before computing it." : "."))
        // A variant that is NaN somewhere cannot be told apart from other 0/0s, so it names nothing.
        let variants = mistakenGradients(c).filter { v in
            (v.gradients.w1.scalars + v.gradients.b1.scalars + v.gradients.w2.scalars + [v.gradients.b2]).allSatisfy(\.isFinite)
        }
        func mistakes(_ part: (Gradients) -> Matrix, relu: Bool) -> [Mistake] {
            variants.filter { relu || !$0.reluOnly }.map { Mistake($0.explanation, part($0.gradients)) }
        }
        let loss = { (w1: Matrix, b1: Matrix, w2: Matrix, b2: Double) in
            try t.number("classifierLoss", c.x, c.labels, w1, b1, w2, b2)
        }
        let on = "For \(c.name), "
        try t.expectGradient(on + "∂L/∂W₁", analytic: g.w1, reference: expected.w1, at: c.w1, lossName: "your classifierLoss",
                             loss: { try loss($0, c.b1, c.w2, c.b2) }, mistakes: mistakes({ $0.w1 }, relu: true))
        try t.expectGradient(on + "∂L/∂b₁", analytic: g.b1, reference: expected.b1, at: c.b1, lossName: "your classifierLoss",
                             loss: { try loss(c.w1, $0, c.w2, c.b2) }, mistakes: mistakes({ $0.b1 }, relu: true))
        try t.expectGradient(on + "∂L/∂w₂", analytic: g.w2, reference: expected.w2, at: c.w2, lossName: "your classifierLoss",
                             loss: { try loss(c.w1, c.b1, $0, c.b2) }, mistakes: mistakes({ $0.w2 }, relu: false))
        try t.expectDerivative(on + "∂L/∂b₂", analytic: g.b2, reference: expected.b2, at: c.b2, parameter: "b₂",
                               functionName: "your classifierLoss", function: { try loss(c.w1, c.b1, c.w2, $0) },
                               mistakes: variants.filter { !$0.reluOnly }.map { Mistake($0.explanation, $0.gradients.b2) })
    }

    /// Whether the student's gradients of the visible classifier, whose logits are small, are
    /// all right.
    private static func rightAwayFromSaturation(_ t: CheckContext) throws -> Bool {
        let c = visibleClassifier
        let parts = try t.tuple("classifierGradients", count: 4, c.x, c.labels, c.w1, c.b1, c.w2, c.b2)
        let observed = try parts.prefix(3).flatMap { try t.decode($0, as: Matrix.self, "a gradient").scalars }
            + [try t.decode(parts[3], as: Double.self, "∂L/∂b₂")]
        let e = Backpropagation.classifierGradients(x: c.x, labels: c.labels, w1: c.w1, b1: c.b1, w2: c.w2, b2: c.b2)
        let expected = e.w1.scalars + e.b1.scalars + e.w2.scalars + [e.b2]
        return observed.count == expected.count && zip(observed, expected).allSatisfy { t.tolerance.accepts($0, $1) }
    }

    private typealias Gradients = (w1: Matrix, b1: Matrix, w2: Matrix, b2: Double)

    /// The gradients that typical mistakes produce, each with its explanation; `reluOnly`
    /// marks a mistake that changes only the hidden layer's gradients.
    private static func mistakenGradients(_ c: Classifier) -> [(explanation: String, gradients: Gradients, reluOnly: Bool)] {
        let n = Double(c.x.columns)
        let yHat = sigmoid(pass(c).z)
        let σPrimeAtOutput = Matrix(rows: 1, columns: yHat.columns) { _, j in
            let (p, y) = (yHat[0, j], c.labels[0, j])
            return (p - y) / (n * p * (1 - p)) * sigmoid(p) * (1 - sigmoid(p))
        }
        return [
            ("∂L/∂F lacks the ReLU's derivative: multiply w₂ᵀδ by 𝟙[F > 0] entry by entry, so that units that were off get no gradient.",
             gradients(c, dz: (yHat - c.labels) / n, mask: { _ in 1 }), true),
            ("Where F = 0 exactly, the ReLU's derivative is 0 by the course's convention (𝟙[F > 0], not 𝟙[F ≥ 0]).",
             gradients(c, dz: (yHat - c.labels) / n, mask: { $0 >= 0 ? 1 : 0 }), true),
            ("σ′ is evaluated at ŷ instead of z: ∂ŷ/∂z = σ′(z) = ŷ(1 − ŷ), so ∂L/∂z = (ŷ − y)/N.",
             gradients(c, dz: σPrimeAtOutput, mask: step), false),
            ("This is N times the gradient: L is the mean over the N samples, so ∂L/∂z = (ŷ − y)/N; divide by N.",
             gradients(c, dz: yHat - c.labels, mask: step), false),
        ]
    }

    /// Backpropagates a given ∂L/∂z, with a given derivative of the ReLU.
    private static func gradients(_ c: Classifier, dz: Matrix, mask: (Double) -> Double) -> Gradients {
        let (f, h, _) = pass(c)
        let back = c.w2.transposed * dz
        let dF = f.map(mask) .* back
        return (dF * c.x.transposed, dF.rowSums(), dz * h.transposed, dz.sum())
    }

    /// The forward pass up to the logits, optionally with another b₁.
    private static func pass(_ c: Classifier, b1: Matrix? = nil) -> (f: Matrix, h: Matrix, z: Matrix) {
        let f = (c.w1 * c.x).addingToEachColumn(b1 ?? c.b1)
        let h = relu(f)
        return (f, h, (c.w2 * h).map { $0 + c.b2 })
    }
}
