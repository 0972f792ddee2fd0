import CourseTestSupport
import Testing
import CourseKit
import Backpropagation

/// The reference API that grades exercises 6–8 agrees with `solutions/exercise6.swift` …
/// `exercise8.swift`: the expected numbers below were printed by those solution files, compiled
/// on their own against CourseKit, on the same inputs.
@Suite struct ExerciseReferenceTests {
    // MARK: Exercise 6, the θ₁θ₂x graph with L = log cosh c

    static let graphCases: [(input: [Double], forward: [Double], backward: [Double], gradient: [Double])] = [
        ([2, 3, 1.5, 4], [6, 9, 5, 4.3068982183392714],
         [0.9999092042625951, 0.9999092042625951, 1.4998638063938927], [4.499591419181678, 2.9997276127877854]),
        ([-0.7, 1.3, 2.2, 0.4], [-0.91, -2.002, -2.402, 1.7170163011763933],
         [-0.9837394979861149, -0.9837394979861149, -2.164226895569453], [-2.813494964240289, 1.514958826898617]),
        ([12, -30, 4.5, 7], [-360, -1620, -1627, 1626.30685281944], [-1, -1, -4.5], [135, -54]),
        ([0.5, 0.25, -3, 1], [0.125, -0.375, -1.375, 0.7438204084432533],
         [-0.8798266996519848, -0.8798266996519848, 2.6394800989559544], [0.6598700247389886, 1.3197400494779772]),
    ]

    // Forward values, adjoints and gradient match the solution, including |c| = 1627 where a
    // naive log(cosh c) overflows.
    @Test func exercise6ReferenceMatchesTheSolution() {
        for (input, forward, backward, gradient) in Self.graphCases {
            let (t1, t2, x, y) = (input[0], input[1], input[2], input[3])
            let f = graphForward(theta1: t1, theta2: t2, x: x, y: y)
            let b = graphBackward(theta1: t1, theta2: t2, x: x, y: y)
            let g = graphGradient(theta1: t1, theta2: t2, x: x, y: y)
            expectClose([f.a, f.b, f.c, f.loss], forward, "(a, b, c, L) at \(input)")
            expectClose([b.dc, b.db, b.da], backward, "(∂L/∂c, ∂L/∂b, ∂L/∂a) at \(input)")
            expectClose([g.theta1, g.theta2], gradient, "(∂L/∂θ₁, ∂L/∂θ₂) at \(input)")
        }
    }

    // ∂L/∂θ₁ = tanh(c)xθ₂ and ∂L/∂θ₂ = tanh(c)xθ₁ agree with central differences of L.
    @Test func exercise6GradientPassesTheGradientCheck() {
        for (input, _, _, _) in Self.graphCases.prefix(2) + Self.graphCases.suffix(1) {
            let g = graphGradient(theta1: input[0], theta2: input[1], x: input[2], y: input[3])
            let result = GradientCheck().check(analytic: [g.theta1, g.theta2], of: { θ in
                graphForward(theta1: θ[0], theta2: θ[1], x: input[2], y: input[3]).loss
            }, at: [input[0], input[1]])
            #expect(result.passed, "at \(input): \(result.failures)")
        }
    }

    // MARK: Exercise 7, the column-vector binary classifier

    static let x = Matrix([[1, -0.5, 2, 0.3, -1.2], [0.4, 1.1, -0.7, 2, 0.5]])
    static let w1 = Matrix([[0.6, -0.4], [-0.3, 0.9], [1.1, 0.2]])
    static let b1 = Matrix(column: [0.1, -0.2, 0.05])
    static let w2 = Matrix([[0.7, -1.3, 0.5]])
    static let labels = Matrix([[1, 0, 1, 1, 0]])

    // On ordinary inputs (D = 2, H = 3, N = 5) the probabilities, loss and gradients match.
    @Test func exercise7ReferenceMatchesTheSolution() {
        let (x, w1, b1, w2, y) = (Self.x, Self.w1, Self.b1, Self.w2, Self.labels)
        expectClose(classifierForward(x: x, w1: w1, b1: b1, w2: w2, b2: 0.2).scalars,
                    [0.7672771824262011, 0.2646380079014767, 0.9138046038544658, 0.20213558369192064, 0.3559468114407269],
                    "ŷ")
        expectClose(classifierLoss(x: x, labels: y, w1: w1, b1: b1, w2: w2, b2: 0.2), 0.5402457259812949, "L")
        let g = classifierGradients(x: x, labels: y, w1: w1, b1: b1, w2: w2, b2: 0.2)
        expectClose(g.w1, Matrix(rows: 3, columns: 2, scalars: [
            -0.05671590538108141, -0.00458532896187039, 0.20769177066872896,
            0.2929299407330845, -0.0644472934757291, -0.16284811823438042]), "∂L/∂W₁")
        expectClose(g.b1, Matrix(column: [-0.044648549920706625, 0.0460926952111277, -0.11167826300274124]), "∂L/∂b₁")
        expectClose(g.w2, Matrix([[-0.05237180947995908, -0.14777759724379363, -0.21809111924063032]]), "∂L/∂w₂")
        expectClose(g.b2, -0.09923956213704177, "∂L/∂b₂")
    }

    // With X scaled by 100 the logits reach hundreds: σ(z) rounds to 0 or 1, yet the loss
    // (37.163) and every gradient stay finite and match the solution.
    @Test func exercise7ReferenceStaysFiniteWhenSaturated() {
        let (x, w1, b1, w2, y) = (100 * Self.x, Self.w1, Self.b1, Self.w2, Self.labels)
        expectClose(classifierLoss(x: x, labels: y, w1: w1, b1: b1, w2: w2, b2: -0.3), 37.163, "L")
        let g = classifierGradients(x: x, labels: y, w1: w1, b1: b1, w2: w2, b2: -0.3)
        expectClose(g.w1, Matrix(rows: 3, columns: 2, scalars: [0, 0, 7.8, 52, -3, -20]), "∂L/∂W₁")
        expectClose(g.b1, Matrix(column: [0, 0.26, -0.1]), "∂L/∂b₁")
        expectClose(g.w2, Matrix([[0, -34.16, -14.61]]), "∂L/∂w₂")
        expectClose(g.b2, -0.2, "∂L/∂b₂")
    }

    // ∂L/∂W₁, ∂L/∂b₁, ∂L/∂w₂ and ∂L/∂b₂ agree with central differences of L.
    @Test func exercise7GradientsPassTheGradientCheck() {
        let (x, y) = (Self.x, Self.labels)
        let g = classifierGradients(x: x, labels: y, w1: Self.w1, b1: Self.b1, w2: Self.w2, b2: 0.2)
        expectAgree(checkGradients(
            of: [("W₁", Self.w1), ("b₁", Self.b1), ("w₂", Self.w2), ("b₂", Matrix([[0.2]]))],
            analytic: [g.w1, g.b1, g.w2, Matrix([[g.b2]])]
        ) { p in classifierLoss(x: x, labels: y, w1: p[0], b1: p[1], w2: p[2], b2: p[3][0, 0]) })
    }

    // MARK: Exercise 8, K ReLU layers with weight decay and one SGD step

    static let x8 = Matrix([[0.5, -1, 1.5, 0.2], [1, 0.3, -0.4, -1.1], [-0.6, 0.8, 0.1, 0.9]])
    static let y8 = Matrix([[0.2, -0.5, 1, 0.3], [-1, 0.4, 0.6, -0.2]])
    static let weights8 = [Matrix([[0.4, -0.6, 0.3], [0.8, 0.2, -0.5], [-0.3, 0.7, 0.9], [0.5, -0.4, 0.1]]),
                           Matrix([[0.6, -0.2, 0.4, -0.7], [-0.5, 0.9, 0.3, 0.2]])]
    static let biases8 = [Matrix(column: [0.1, -0.2, 0.05, 0.3]), Matrix(column: [-0.1, 0.2])]

    // A 3-4-2 network (non-square layers), N = 4, λ = 0.1, α = 0.5: output, cost, gradients and
    // the updated parameters match the solution.
    @Test func exercise8ReferenceMatchesTheSolution() {
        let (x, y, w, b) = (Self.x8, Self.y8, Self.weights8, Self.biases8)
        expectClose(networkForward(x: x, weights: w, biases: b).scalars,
                    [-0.279, 0.412, -0.546, -0.073, 0.866, 0.584, 0.742, -0.16], "f_K")
        expectClose(networkCost(x: x, y: y, weights: w, biases: b, weightDecay: 0.1), 1.17050075, "J")
        let g = networkGradients(x: x, y: y, weights: w, biases: b, weightDecay: 0.1)
        expectClose(g.weights[0].scalars, [-0.346665, 0.106905, -0.04982, 0.465775, 0.4201, -0.305355,
                                           -0.095835, 0.23128, 0.0879, 0.5684925, -0.0479375, -0.0079625], "∂J/∂Ω₀")
        expectClose(g.weights[1].scalars, [-0.4184125, -0.44008, 0.3218575, -0.63903,
                                           -0.004465, 0.447435, 0.11717, 0.114595], "∂J/∂Ω₁")
        expectClose(g.biases[0].scalars, [-0.3106, 0.55305, 0.16275, 0.52205], "∂J/∂β₀")
        expectClose(g.biases[1].scalars, [-0.3715, 0.558], "∂J/∂β₁")
        let step = sgdStep(x: x, y: y, weights: w, biases: b, learningRate: 0.5, weightDecay: 0.1)
        expectClose(step.weights[0].scalars, [0.5733325, -0.6534525, 0.32491, 0.5671125, -0.01005, -0.3473225,
                                              -0.2520825, 0.58436, 0.85605, 0.21575375, -0.37603125, 0.10398125],
                    "Ω₀ after the step")
        expectClose(step.weights[1].scalars, [0.80920625, 0.02004, 0.23907125, -0.380485,
                                              -0.4977675, 0.6762825, 0.241415, 0.1427025], "Ω₁ after the step")
        expectClose(step.biases[0].scalars, [0.2553, -0.476525, -0.031375, 0.038975], "β₀ after the step")
        expectClose(step.biases[1].scalars, [0.08575, -0.079], "β₁ after the step")
    }

    // ∂J/∂Ωₖ (with λΩₖ) and ∂J/∂βₖ (without) agree with central differences of J, for
    // networks with K = 0, 1 and 3 hidden layers.
    @Test(arguments: [[3, 2], [3, 5, 2], [3, 4, 6, 2, 2]])
    func exercise8GradientsPassTheGradientCheck(sizes: [Int]) {
        var random = SeededGenerator(seed: 88)
        let w = zip(sizes, sizes.dropFirst()).map { random.matrix(rows: $1, columns: $0, in: -1...1) }
        let b = sizes.dropFirst().map { random.matrix(rows: $0, columns: 1, in: -0.5...0.5) }
        let x = random.matrix(rows: 3, columns: 5, in: -2...2), y = random.matrix(rows: 2, columns: 5, in: -1...1)
        let g = networkGradients(x: x, y: y, weights: w, biases: b, weightDecay: 0.07)
        let count = w.count
        expectAgree(checkGradients(
            of: w.indices.map { ("Ω\($0)", w[$0]) } + b.indices.map { ("β\($0)", b[$0]) },
            analytic: g.weights + g.biases
        ) { p in
            networkCost(x: x, y: y, weights: Array(p[0..<count]), biases: Array(p[count...]), weightDecay: 0.07)
        })
    }

    // The step is φ − α∇J, and for a small α it lowers J.
    @Test func exercise8StepDescendsTheCost() {
        let (x, y, w, b) = (Self.x8, Self.y8, Self.weights8, Self.biases8)
        let g = networkGradients(x: x, y: y, weights: w, biases: b, weightDecay: 0.1)
        let step = sgdStep(x: x, y: y, weights: w, biases: b, learningRate: 0.05, weightDecay: 0.1)
        for k in 0..<2 {
            expectClose(step.weights[k], w[k] - 0.05 * g.weights[k], "Ω\(k)")
            expectClose(step.biases[k], b[k] - 0.05 * g.biases[k], "β\(k)")
        }
        #expect(networkCost(x: x, y: y, weights: step.weights, biases: step.biases, weightDecay: 0.1)
                < networkCost(x: x, y: y, weights: w, biases: b, weightDecay: 0.1))
    }
}
