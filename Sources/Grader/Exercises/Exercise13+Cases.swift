import CourseKit

/// The inputs of exercise 13's checks: one-operation formulas, formulas that share nodes,
/// and the networks trained.
extension Catalogue {
    /// Operations: 0 +, 1 −, 2 ·, 3 /, 4 power, 5 exp, 6 log, 7 tanh, 8 ReLU.
    static let autodiffOperations = [
        ScalarProgram(inputs: [1.5], program: []),
        ScalarProgram(inputs: [1.5, -2.5], program: [0, 0, 1]),
        ScalarProgram(inputs: [1.5, -2.5], program: [1, 0, 1]),
        ScalarProgram(inputs: [1.5, -2.5], program: [2, 0, 1]),
        ScalarProgram(inputs: [1.5, -2.5], program: [3, 0, 1]),
        ScalarProgram(inputs: [-1.5], program: [4, 0, 0], exponents: [3]),
        ScalarProgram(inputs: [1.5], program: [4, 0, 0], exponents: [2]),
        ScalarProgram(inputs: [2.5], program: [4, 0, 0], exponents: [-1]),
        ScalarProgram(inputs: [2.25], program: [4, 0, 0], exponents: [0.5]),
        ScalarProgram(inputs: [-0.75], program: [5, 0, 0]),
        ScalarProgram(inputs: [2.5], program: [6, 0, 0]),
        ScalarProgram(inputs: [0.8], program: [7, 0, 0]),
        ScalarProgram(inputs: [-2], program: [7, 0, 0]),
        ScalarProgram(inputs: [0], program: [8, 0, 0]),
        ScalarProgram(inputs: [-1.2], program: [8, 0, 0]),
        ScalarProgram(inputs: [0.7], program: [8, 0, 0]),
    ]

    /// x · x, x + x, x / x, x − x; lesson 4's e = (a + b)(b + 1); (x · y) · z, where only the
    /// reverse order reaches x and y; a product used by exp and tanh; an input not used; and
    /// u(x) + x for each operation u of one operand.
    static let autodiffSharing = [
        ScalarProgram(inputs: [1.5], program: [2, 0, 0]),
        ScalarProgram(inputs: [1.5], program: [0, 0, 0]),
        ScalarProgram(inputs: [1.5], program: [3, 0, 0]),
        ScalarProgram(inputs: [1.5], program: [1, 0, 0]),
        ScalarProgram(inputs: [2, 1, 1], program: [0, 0, 1, 0, 1, 2, 2, 3, 4]),
        ScalarProgram(inputs: [0.5, -1.5, 2], program: [2, 0, 1, 2, 3, 2]),
        ScalarProgram(inputs: [0.5, -1.5], program: [2, 0, 1, 5, 2, 0, 7, 2, 0, 0, 3, 4]),
        ScalarProgram(inputs: [1.5, -2.5, 4], program: [3, 0, 1]),
        // u(x) + x for each one-operand operation: x's gradient comes from the sum first and
        // from u after it, so a u that assigns its operand's gradient instead of adding to it
        // loses the first part.
        ScalarProgram(inputs: [1.5], program: [4, 0, 0, 0, 1, 0], exponents: [3]),
        ScalarProgram(inputs: [0.5], program: [5, 0, 0, 0, 1, 0]),
        ScalarProgram(inputs: [1.5], program: [6, 0, 0, 0, 1, 0]),
        ScalarProgram(inputs: [0.5], program: [7, 0, 0, 0, 1, 0]),
        ScalarProgram(inputs: [1.5], program: [8, 0, 0, 0, 1, 0]),
    ]

    /// x alone; x · x; lesson 4's e; a product used twice; an input not used; ten squarings
    /// in a row, x^1024, which has 2047 paths and 11 nodes.
    static let autodiffOrders = [
        ScalarProgram(inputs: [1.5], program: []),
        ScalarProgram(inputs: [1.5], program: [2, 0, 0]),
        ScalarProgram(inputs: [2, 1, 1], program: [0, 0, 1, 0, 1, 2, 2, 3, 4]),
        ScalarProgram(inputs: [0.5, -1.5], program: [2, 0, 1, 5, 2, 0, 7, 2, 0, 0, 3, 4]),
        ScalarProgram(inputs: [1.5, -2.5, 4], program: [3, 0, 1]),
        ScalarProgram(inputs: [1.0001], program: (0..<10).flatMap { [2, $0, $0] }),
    ]

    // MARK: Training

    /// A network to train: the data (samples in columns), H, the seed, α and the steps.
    struct AutodiffTraining: Sendable {
        let points: Matrix
        let labels: [Double]
        let hidden, seed: Int
        let learningRate: Double
        let steps: Int

        func with(steps: Int) -> AutodiffTraining {
            AutodiffTraining(points: points, labels: labels, hidden: hidden, seed: seed, learningRate: learningRate, steps: steps)
        }

        var call: String {
            "trainMLP(points: <2×\(points.columns)>, labels: \(ScalarProgram.swiftLiteral(labels)), hidden: \(hidden), "
                + "seed: \(seed), learningRate: \(formatNumber(learningRate)), steps: \(steps))"
        }

        func losses(_ variant: ScalarTape.TrainingVariant = ScalarTape.TrainingVariant()) -> [Double] {
            ScalarTape.trainingLosses(points: points, labels: labels, hidden: hidden, seed: seed,
                                      learningRate: learningRate, steps: steps, variant: variant)
        }
    }

    /// Eight points labelled by the sign of x₁x₂ (an XOR of the quadrants), H = 3.
    static let autodiffTraining = AutodiffTraining(
        points: Matrix([[1, -1, 1, -1, 0.5, -0.6, 0.7, -0.2], [1, -1, -1, 1, 0.8, -0.4, -0.3, 0.9]]),
        labels: [1, 1, -1, -1, 1, 1, -1, -1], hidden: 3, seed: 13, learningRate: 0.1, steps: 25)

    static func expectAutodiffTraining(_ t: CheckContext, _ c: AutodiffTraining) throws {
        let observed = try t.array("trainMLP", c.points, c.labels, c.hidden, c.seed, c.learningRate, c.steps)
        let expected = c.losses()
        let what = "\(c.call), the losses"
        var mistakes: [Mistake] = []
        if c.steps > 1 {
            mistakes.append(Mistake("This is the curve of a loop that never sets the parameters' grad back to 0: each step then moves by "
                                    + "the sum of all the gradients so far. Set p.grad = 0 for every parameter before each backward().",
                                    c.losses(.init(resetsGradients: false))))
        }
        if c.steps > 0 {
            mistakes.append(Mistake("This is the curve of steps along the gradient, p.data += α grad, so the loss grows: "
                                    + "gradient descent subtracts, p.data −= α grad.", c.losses(.init(direction: 1))))
        }
        mistakes.append(Mistake("This is the curve of the summed squared error: L is the mean over the samples, (1/N) Σₙ (ŷₙ − yₙ)².",
                                c.losses(.init(averages: false))))
        let close = { (a: Double, b: Double) in t.tolerance.accepts(a, b) }
        if observed.count == expected.count - 1, zip(observed, expected.dropFirst()).allSatisfy(close) || zip(observed, expected).allSatisfy(close) {
            return t.expect(false, "\(what): expected \(expected.count) \(expected.count == 1 ? "number" : "numbers"), got \(observed.count): "
                            + "one is missing, and the others match. Return the loss before training and after each step, "
                            + "steps + 1 numbers.")
        }
        let known = mistakes.contains { m in m.value.scalars.count == observed.count && zip(observed, m.value.scalars).allSatisfy(close) }
        guard !known, observed.count == expected.count, let first = observed.indices.first(where: { !close(observed[$0], expected[$0]) })
        else { return t.expect(observed, equals: expected, what, mistakes: mistakes) }
        let wrong = observed.indices.filter { !close(observed[$0], expected[$0]) }.count
        var message = "\(what)[\(first)]: expected \(formatNumber(expected[first], digits: 6)), got \(formatNumber(observed[first], digits: 6)); "
            + "\(wrong) of \(observed.count) entries are wrong."
        if first == 0 {
            message += " The loss before any step is already wrong: it depends only on the forward pass and on the starting "
                + "parameters, which come from initialParameters in its order (for unit j: wⱼ₁, wⱼ₂, bⱼ; then v₁ … v_H; then c)."
        } else {
            message += " The loss before training is right, so the forward pass and the start are; the steps go elsewhere. "
                + "The gradients backward() leaves in the parameters' grad (runProgram's checks test each operation), "
                + "grad set to 0 before each backward(), and the step p.data −= learningRate · p.grad decide them."
        }
        t.expect(false, message)
    }
}
