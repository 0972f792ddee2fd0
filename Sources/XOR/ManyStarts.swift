import CourseKit

/// What happened to one training run from one random start.
public struct TrainingOutcome: Sendable, Equatable {
    /// How many of the four XOR inputs the trained network classifies correctly.
    public var correct: Int
    /// The loss after training.
    public var finalLoss: Double
    /// How many hidden units are inactive (pre-activation ≤ 0) on all four inputs: a dead
    /// ReLU unit gets no gradient and never comes back.
    public var deadUnits: Int
}

/// Returns `count` random starting points, uniform in [−1, 1], from one seeded generator.
public func randomStarts(count: Int, seed: UInt64) -> [TwoLayerParameters] {
    var random = SeededGenerator(seed: seed)
    return (0..<count).map { _ in TwoLayerParameters.random(using: &random) }
}

/// Trains `network` on XOR from every start and returns what each run reached.
/// - Complexity: O(starts · steps).
public func trainFromManyStarts(_ network: TwoLayerNetwork, starts: [TwoLayerParameters], learningRate: Double,
                                steps: Int) -> [TrainingOutcome] {
    starts.map { start in
        let trained = network.train(start, inputs: xorInputColumns, targets: xorTargets,
                                    learningRate: learningRate, steps: steps).parameters
        let pass = network.forward(trained, inputs: xorInputColumns)
        let dead = (0..<pass.hiddenPreActivations.rows).filter { d in
            pass.hiddenPreActivations.row(d).allSatisfy { $0 <= 0 }
        }.count
        return TrainingOutcome(correct: correctCount(pass.outputs.scalars),
                               finalLoss: network.loss(trained, inputs: xorInputColumns, targets: xorTargets),
                               deadUnits: dead)
    }
}
