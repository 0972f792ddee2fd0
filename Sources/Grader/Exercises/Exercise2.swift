import CourseKit
import Perceptron

extension Catalogue {
    /// Exercise 2: the perceptron's prediction, Rosenblatt's rule, training, and the
    /// gradient of a layer of sigmoid units (lesson 1).
    static let exercise2 = Exercise(
        number: 2, title: "The perceptron and the sigmoid unit's gradient", lesson: 1,
        functions: [
            "func predict(weights: [Double], bias: Double, x: [Double]) -> Int",
            "func perceptronStep(weights: [Double], bias: Double, x: [Double], label: Int, learningRate: Double) -> (weights: [Double], bias: Double)",
            "func trainPerceptron(points: [[Double]], labels: [Int], learningRate: Double, maxEpochs: Int) -> (weights: [Double], bias: Double, mistakes: [Int])",
            "func sigmoidLayerLoss(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> Double",
            "func sigmoidLayerGradient(weights: Matrix, bias: Matrix, x: Matrix, target: Matrix) -> (weights: Matrix, bias: Matrix)",
        ],
        hints: [
            "predict returns +1 only when w·x + b > 0 (strictly); a point exactly on the boundary gets −1. Sections 1 and 2 of lessons/lesson1-perceptron.md.",
            "perceptronStep changes nothing when label·(w·x + b) > 0. Otherwise w ← w + η·label·x and b ← b + η·label: the bias is updated too, as the weight of a constant input x₀ = 1.",
            "trainPerceptron starts from zeros, calls perceptronStep on every point in order, counts the updates of each epoch, and stops after the first epoch with 0 updates (keep that 0 in the list) or after maxEpochs epochs.",
            "For the sigmoid layer: g = sigmoid(W x + b), δ = 2 (g − t) ⊙ g ⊙ (1 − g) is ∂L/∂b (C×1), and ∂L/∂W = δ xᵀ (C×D). Use CourseKit's sigmoid, which never overflows, and the .* operator for ⊙.",
        ],
        checks: [
            Check("predict is the sign of w·x + b, with −1 on the boundary", points: 2,
                  hints: ["CourseKit's dot(weights, x) is w·x. Compare w·x + b with 0 using >, not ≥: a point exactly on the boundary gets −1."]) { t in
                let cases: [([Double], Double, [Double])] = [
                    ([0.5, -1.5], 0.25, [2, 0.5]), ([0.5, -1.5], 0.25, [-1, 1]),
                    ([1, -1], 0, [2, 2]), ([-2, 3, 0.5], 1, [1, 0, -2]), ([0, 0], 0, [3, -4]),
                ]
                for (w, b, x) in cases {
                    let expected = Perceptron.predict(weights: w, bias: b, x: x)
                    let onBoundary = dot(w, x) + b == 0
                    t.expect(try t.integer("predict", w, b, x), equals: expected, "predict(weights: \(w), bias: \(b), x: \(x))",
                             mistakes: onBoundary ? [("Here w·x + b = 0 exactly: the prediction is +1 only when w·x + b > 0, so use >, not ≥.", 1)] : [])
                }
            },
            Check("perceptronStep updates exactly the misclassified points", points: 2,
                  hints: ["A point is a mistake when Double(label) · (w·x + b) ≤ 0, a point on the boundary included. Only then add η · label · x to the weights and η · label to the bias; otherwise return the weights and bias unchanged."]) { t in
                let cases: [([Double], Double, [Double], Int, Double)] = [
                    ([0.5, -1], 0.2, [1, 2], 1, 0.5),      // misclassified: update
                    ([0.5, -1], 0.2, [2, -1], 1, 0.5),     // correct: unchanged
                    ([1, 1], -2, [1, 1], -1, 0.1),         // on the boundary: update
                    ([0.3, 0.7], 0.1, [-2, 1], -1, 1),     // misclassified negative point
                ]
                for (w, b, x, label, rate) in cases {
                    let parts = try t.tuple("perceptronStep", count: 2, w, b, x, label, rate)
                    let expected = Perceptron.perceptronStep(weights: w, bias: b, x: x, label: label, learningRate: rate)
                    let what = "perceptronStep(weights: \(w), bias: \(b), x: \(x), label: \(label), learningRate: \(rate))"
                    let correct = Double(label) * (dot(w, x) + b) > 0
                    let moved = zip(w, x).map { $0 + rate * Double(label) * $1 }
                    let onBoundary = dot(w, x) + b == 0
                    let weights = try t.decode(parts[0], as: [Double].self, "the weights")
                    t.expect(weights, equals: expected.weights, "\(what).weights",
                             mistakes: correct ? [Mistake("This point is already classified correctly (label·(w·x + b) > 0): the rule leaves it alone.", moved)]
                                 : onBoundary ? [Mistake("This point is on the boundary (w·x + b = 0 exactly), which counts as a mistake: update when label·(w·x + b) ≤ 0, not < 0.", w)]
                                 : [])
                    let weightsMoved = weights == expected.weights && !correct
                    t.expect(try t.decode(parts[1], as: Double.self, "the bias"), equals: expected.bias, "\(what).bias",
                             mistakes: weightsMoved ? [Mistake("The weights moved but the bias did not: it must move too, b ← b + η·label.", b)] : [])
                }
            },
            Check("trainPerceptron separates a separable set, epoch by epoch like the reference", points: 3,
                  hints: ["In each epoch, count the points that are mistakes (label · (w·x + b) ≤ 0 before their step), append the count to mistakes when the epoch ends, and stop after appending a 0 or after maxEpochs epochs."]) { t in
                try expectTraining(t, LabelledPoints.separable(count: 24, seed: 5), learningRate: 1, maxEpochs: 100)
                try expectTraining(t, LabelledPoints.separable(count: 16, seed: 8), learningRate: 0.5, maxEpochs: 100)
            },
            Check("trainPerceptron stops after maxEpochs on a set it cannot separate, and after one epoch", points: 2) { t in
                try expectTraining(t, points: [[0.5, 0], [1, 1], [1, 0], [0, 1], [2, 1.5]], labels: [-1, -1, 1, 1, 1],
                                   learningRate: 0.5, maxEpochs: 7)
                try expectTraining(t, LabelledPoints.separable(count: 8, seed: 3), learningRate: 1, maxEpochs: 1)
            },
            Check("sigmoidLayerLoss is Σ (σ(Wx + b) − t)²", points: 1,
                  hints: ["g = sigmoid(weights * x + bias) is C×1; the loss is the sum of the squares of g − target: a sum, not a mean, and no ½ in front."]) { t in
                for case let (w, b, x, target) in [layer(classes: 3, inputs: 2, seed: 1), layer(classes: 1, inputs: 3, seed: 2)] {
                    t.expect(try t.number("sigmoidLayerLoss", w, b, x, target),
                             equals: Perceptron.sigmoidLayerLoss(weights: w, bias: b, x: x, target: target), "sigmoidLayerLoss")
                }
            },
            Check("sigmoidLayerGradient agrees with central differences of your loss and with the reference", points: 3,
                  hints: ["Go through z = W x + b with the chain rule: ∂L/∂g is the derivative of the square, ∂g/∂z that of the sigmoid (section 6 does it for one unit). The gradients have the shapes of W (C×D) and of b (C×1)."]) { t in
                try expectLayerGradient(t, layer(classes: 3, inputs: 2, seed: 3))
            },
            Check("sigmoidLayerLoss and sigmoidLayerGradient stay finite when W x + b is in the hundreds", points: 2) { t in
                // Pre-activations near +800 and −750: σ is 1 and 0 to double precision.
                let (w, _, x, target) = layer(classes: 2, inputs: 3, seed: 4)
                try expectSaturatedLayer(t, (w, Matrix(column: [800, -750]), x, target))
            },
            Check("predict and perceptronStep agree with the reference on 300 seeded points, many on the boundary", points: 1) { t in
                try t.expectAgreement("predict", on: pointSpace("predict"), count: 300, seed: 2_001,
                                      student: { p in try t.integer("predict", p.weights, p.bias, p.x) },
                                      reference: { p in Perceptron.predict(weights: p.weights, bias: p.bias, x: p.x) },
                                      agree: ==, show: { "\($0)" })
                try t.expectAgreement("perceptronStep", on: pointSpace("perceptronStep"), count: 300, seed: 2_002,
                                      student: { p in
                                          let parts = try t.tuple("perceptronStep", count: 2, p.weights, p.bias, p.x, p.label, 0.5)
                                          return try t.decode(parts[0], as: [Double].self, "the weights") + [t.decode(parts[1], as: Double.self, "the bias")]
                                      },
                                      reference: { p in
                                          let step = Perceptron.perceptronStep(weights: p.weights, bias: p.bias, x: p.x, label: p.label, learningRate: 0.5)
                                          return step.weights + [step.bias]
                                      },
                                      agree: { o, e in o.count == e.count && zip(o, e).allSatisfy { t.tolerance.accepts($0, $1) } },
                                      show: { v in "weights [\(v.dropLast().map(swiftText).joined(separator: ", "))], bias \(swiftText(v.last ?? .nan))" })
            },
            // hidden checks: begin (removed by `course export`)
            Check("trainPerceptron on other sets, rates, and a set it cannot separate", points: 2, visibility: .hidden) { t in
                try expectTraining(t, LabelledPoints.separable(count: 40, seed: 11), learningRate: 0.5, maxEpochs: 200)
                try expectTraining(t, LabelledPoints.xor, learningRate: 1, maxEpochs: 12)
            },
            Check("sigmoidLayerGradient stays finite for other scores in the hundreds", points: 2, visibility: .hidden) { t in
                let (w, _, x, target) = layer(classes: 3, inputs: 2, seed: 9)
                try expectSaturatedLayer(t, (w, Matrix(column: [-910, 620, 1.5]), x, target))
            },
            Check("sigmoidLayerGradient for a single unit with four inputs (Basili and Croce's Δθ)", points: 1, visibility: .hidden) { t in
                try expectLayerGradient(t, layer(classes: 1, inputs: 4, seed: 6))
            },
            // hidden checks: end
        ])

    /// A point, a perceptron and a label, for the differential checks.
    private struct LabelledPoint: Sendable {
        var weights: [Double], bias: Double, x: [Double], label: Int
    }

    /// Whole numbers from −2 to 2 in 1 to 4 dimensions, so that w·x + b is often exactly 0;
    /// shrunk by dropping a coordinate or zeroing a number.
    private static func pointSpace(_ function: String) -> InputSpace<LabelledPoint> {
        InputSpace(
            edges: [LabelledPoint(weights: [0], bias: 0, x: [1], label: 1), LabelledPoint(weights: [0], bias: 0, x: [1], label: -1),
                    LabelledPoint(weights: [1, -1], bias: 0, x: [2, 2], label: 1)],
            generate: { random in
                let d = random.integer(in: 1...4)
                let whole = { (random: inout SeededGenerator) in Double(random.integer(in: -2...2)) }
                return LabelledPoint(weights: (0..<d).map { _ in whole(&random) }, bias: whole(&random),
                                     x: (0..<d).map { _ in whole(&random) }, label: random.integer(below: 2) == 0 ? -1 : 1)
            },
            shrink: { p in
                var smaller: [LabelledPoint] = []
                if p.x.count > 1 {
                    for i in p.x.indices {
                        var q = p
                        q.weights.remove(at: i)
                        q.x.remove(at: i)
                        smaller.append(q)
                    }
                }
                if p.bias != 0 { var q = p; q.bias = 0; smaller.append(q) }
                for i in p.x.indices {
                    if p.weights[i] != 0 { var q = p; q.weights[i] = 0; smaller.append(q) }
                    if p.x[i] != 0 { var q = p; q.x[i] = 0; smaller.append(q) }
                }
                return smaller
            },
            describe: { p in
                let list = { (v: [Double]) in "[" + v.map(swiftText).joined(separator: ", ") + "]" }
                let arguments = "weights: \(list(p.weights)), bias: \(swiftText(p.bias)), x: \(list(p.x))"
                return function == "predict" ? "predict(\(arguments))" : "perceptronStep(\(arguments), label: \(p.label), learningRate: 0.5)"
            })
    }

    private static func expectTraining(_ t: CheckContext, _ data: LabelledPoints, learningRate: Double, maxEpochs: Int) throws {
        try expectTraining(t, points: data.points, labels: data.labels, learningRate: learningRate, maxEpochs: maxEpochs)
    }

    private static func expectTraining(_ t: CheckContext, points: [[Double]], labels: [Int], learningRate: Double, maxEpochs: Int) throws {
        let data = (points: points, labels: labels)
        let parts = try t.tuple("trainPerceptron", count: 3, data.points, data.labels, learningRate, maxEpochs)
        let expected = Perceptron.trainPerceptron(points: data.points, labels: data.labels,
                                                  learningRate: learningRate, maxEpochs: maxEpochs)
        let what = "trainPerceptron on \(data.points.count) points (η = \(learningRate), maxEpochs = \(maxEpochs))"
        let mistakes = try t.decode(parts[2], as: [Int].self, "the mistakes per epoch")
        let runOn = expected.mistakes + Array(repeating: 0, count: max(maxEpochs - expected.mistakes.count, 0))
        t.expect(mistakes, equals: expected.mistakes, "\(what): the mistakes per epoch", mistakes: [
            ("Training went on after an epoch without mistakes: stop after the first epoch whose count is 0.", runOn),
            ("Points exactly on the boundary (label·(w·x + b) = 0, every point of the first epoch from w = 0) are updated but not counted: a mistake is label·(w·x + b) ≤ 0.",
             strictlyCountedMistakes(points: points, labels: labels, learningRate: learningRate, maxEpochs: maxEpochs)),
        ])
        let weights = try t.decode(parts[0], as: [Double].self, "the weights")
        let bias = try t.decode(parts[1], as: Double.self, "the bias")
        t.expect(bias, equals: expected.bias, "\(what): the final bias",
                 mistakes: weights.contains { $0 != 0 }
                    ? [Mistake("The bias never changed from 0 although the weights did: update it with every weight update (b ← b + η·label).", 0)] : [])
        t.expect(weights, equals: expected.weights, "\(what): the final weights")
        if expected.mistakes.last == 0 {
            let separated = Perceptron.correctCount(weights: weights, bias: bias, points: data.points, labels: data.labels)
            t.expect(separated == data.points.count,
                     "\(what): the returned weights classify \(separated) of \(data.points.count) points correctly; a separable set must be separated.")
        }
    }

    /// The mistakes per epoch of a training that updates on label·(w·x + b) ≤ 0 but counts
    /// only label·(w·x + b) < 0.
    private static func strictlyCountedMistakes(points: [[Double]], labels: [Int], learningRate: Double, maxEpochs: Int) -> [Int] {
        var w = [Double](repeating: 0, count: points.first?.count ?? 0), b = 0.0
        var counts: [Int] = []
        for _ in 0..<max(maxEpochs, 0) {
            var count = 0
            for (x, label) in zip(points, labels) {
                if Double(label) * (dot(w, x) + b) < 0 { count += 1 }
                (w, b) = Perceptron.perceptronStep(weights: w, bias: b, x: x, label: label, learningRate: learningRate)
            }
            counts.append(count)
            if count == 0 { break }
        }
        return counts
    }

    private typealias Layer = (weights: Matrix, bias: Matrix, x: Matrix, target: Matrix)

    /// A layer of `classes` sigmoid units on `inputs` inputs, with distinct, non-symmetric values.
    private static func layer(classes: Int, inputs: Int, seed: UInt64) -> Layer {
        var random = SeededGenerator(seed: 1000 + seed)
        return (random.matrix(rows: classes, columns: inputs, in: -1.5...1.5),
                random.matrix(rows: classes, columns: 1, in: -0.5...0.5),
                random.matrix(rows: inputs, columns: 1, in: -2...2),
                random.matrix(rows: classes, columns: 1, in: 0...1))
    }

    /// Expects the loss and the gradient of a layer whose units are saturated to be right.
    private static func expectSaturatedLayer(_ t: CheckContext, _ l: Layer) throws {
        t.expect(try t.number("sigmoidLayerLoss", l.weights, l.bias, l.x, l.target),
                 equals: Perceptron.sigmoidLayerLoss(weights: l.weights, bias: l.bias, x: l.x, target: l.target),
                 "sigmoidLayerLoss with scores in the hundreds",
                 mistakes: [Mistake("eᶻ/(1 + eᶻ) is ∞/∞ = NaN once eᶻ overflows: use CourseKit's sigmoid, which never does.", Double.nan)])
        let parts = try t.tuple("sigmoidLayerGradient", count: 2, l.weights, l.bias, l.x, l.target)
        let expected = Perceptron.sigmoidLayerGradient(weights: l.weights, bias: l.bias, x: l.x, target: l.target)
        t.expect(try t.decode(parts[0], as: Matrix.self, "the weight gradient"), equals: expected.weights,
                 "∂L/∂weights with scores in the hundreds")
        t.expect(try t.decode(parts[1], as: Matrix.self, "the bias gradient"), equals: expected.bias,
                 "∂L/∂bias with scores in the hundreds")
    }

    private static func expectLayerGradient(_ t: CheckContext, _ l: Layer) throws {
        let parts = try t.tuple("sigmoidLayerGradient", count: 2, l.weights, l.bias, l.x, l.target)
        let expected = Perceptron.sigmoidLayerGradient(weights: l.weights, bias: l.bias, x: l.x, target: l.target)
        let gradientW = try t.decode(parts[0], as: Matrix.self, "the weight gradient")
        let gradientB = try t.decode(parts[1], as: Matrix.self, "the bias gradient")
        // δ without the sigmoid's derivative g ⊙ (1 − g): the usual slip of the chain rule.
        let g = sigmoid(l.weights * l.x + l.bias)
        let bare = 2 * (g - l.target)
        let noSlope = "δ lacks the sigmoid's derivative: ∂L/∂z = 2(g − t) ⊙ g ⊙ (1 − g), since g = σ(z) and σ′(z) = g(1 − g)."
        try t.expectGradient("∂L/∂weights", analytic: gradientW, reference: expected.weights, at: l.weights,
                             lossName: "your sigmoidLayerLoss", loss: { try t.number("sigmoidLayerLoss", $0, l.bias, l.x, l.target) },
                             mistakes: [Mistake(noSlope, bare * l.x.transposed)])
        try t.expectGradient("∂L/∂bias", analytic: gradientB, reference: expected.bias, at: l.bias,
                             lossName: "your sigmoidLayerLoss", loss: { try t.number("sigmoidLayerLoss", l.weights, $0, l.x, l.target) },
                             mistakes: [Mistake(noSlope, bare)])
    }
}
