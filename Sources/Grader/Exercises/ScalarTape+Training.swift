import Answers
import CourseKit

/// The reference training of exercise 13: a 2-H-1 network with tanh hidden units and a linear
/// output, fitted by gradient descent on the mean squared error, every gradient taken on a
/// fresh tape.
extension ScalarTape {
    /// How a training loop goes wrong, to recognise the loss curve it gives.
    struct TrainingVariant: Equatable {
        /// Whether the gradients start from 0 at every step (right) or keep adding up.
        var resetsGradients = true
        /// −1 moves against the gradient (right), +1 along it.
        var direction = -1.0
        /// Whether the loss is the mean over the samples (right) or their sum.
        var averages = true
    }

    /// Returns the parameters at the start, uniform in [−1, 1] from `SeededGenerator(seed:)`,
    /// in the order the starter draws them: for each hidden unit its two weights and its
    /// bias, then the H output weights and the output bias.
    static func initialParameters(hidden: Int, seed: Int) -> [Double] {
        var random = SeededGenerator(seed: UInt64(seed))
        return (0..<(4 * hidden + 1)).map { _ in random.uniform(in: -1...1) }
    }

    // answer: exercise13 helper begin
    /// Returns the loss of the network with these parameters on the samples (the columns of
    /// `points`), and its gradient with respect to every parameter.
    ///
    ///     hⱼ = tanh(wⱼ₁ x₁ + wⱼ₂ x₂ + bⱼ)    ŷ = Σⱼ vⱼ hⱼ + c    L = (1/N) Σₙ (ŷₙ − yₙ)²
    static func networkLoss(_ parameters: [Double], points: Matrix, labels: [Double],
                            averages: Bool = true) -> (loss: Double, gradient: [Double]) {
        let hidden = (parameters.count - 1) / 4
        var tape = ScalarTape()
        let p = parameters.map { tape.leaf($0) }
        var total: Int?
        for n in labels.indices {
            let x1 = tape.leaf(points[0, n]), x2 = tape.leaf(points[1, n])
            var output: Int?
            for j in 0..<hidden {
                let z = tape.apply(.add, tape.apply(.add, tape.apply(.multiply, p[3 * j], x1),
                                                    tape.apply(.multiply, p[3 * j + 1], x2)), p[3 * j + 2])
                let term = tape.apply(.multiply, p[3 * hidden + j], tape.apply(.tanh, z))
                output = output.map { tape.apply(.add, $0, term) } ?? term
            }
            let prediction = output.map { tape.apply(.add, $0, p[4 * hidden]) } ?? p[4 * hidden]
            let error = tape.apply(.subtract, prediction, tape.leaf(labels[n]))
            let square = tape.apply(.power, error, exponent: 2)
            total = total.map { tape.apply(.add, $0, square) } ?? square
        }
        let loss = averages ? tape.apply(.divide, total!, tape.leaf(Double(labels.count))) : total!
        let gradient = tape.gradients(of: loss)
        return (tape.nodes[loss].value, p.map { gradient[$0] })
    }
    // answer: exercise13 helper end

    /// Returns the loss before training and after each of `steps` steps of gradient descent.
    static func trainingLosses(points: Matrix, labels: [Double], hidden: Int, seed: Int, learningRate: Double,
                               steps: Int, variant: TrainingVariant = TrainingVariant()) -> [Double] {
        let arguments: [any AnswerValue] = [points, labels, hidden, seed, learningRate, steps, variant.resetsGradients, variant.direction,
                                            variant.averages]
        return AnswerKeys.answer("Grader.ScalarTape.trainingLosses", arguments) {
            // answer: exercise13 begin
            var parameters = initialParameters(hidden: hidden, seed: seed)
            var accumulated = Array(repeating: 0.0, count: parameters.count)
            var losses: [Double] = []
            for step in 0...max(0, steps) {
                let (loss, gradient) = networkLoss(parameters, points: points, labels: labels, averages: variant.averages)
                losses.append(loss)
                guard step < steps else { break }
                accumulated = variant.resetsGradients ? gradient : zip(accumulated, gradient).map { $0 + $1 }
                parameters = zip(parameters, accumulated).map { $0 + variant.direction * learningRate * $1 }
            }
            return losses
            // answer: exercise13 end
        }
    }
}
