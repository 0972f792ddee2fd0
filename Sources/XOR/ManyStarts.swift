import CourseKit

/// What happened to one training run from one random start.
public struct TrainingOutcome: Sendable, Equatable {
    /// The parameters at the end of the run.
    public var parameters: TwoLayerParameters
    /// How many of the four XOR inputs the trained network classifies correctly.
    public var correct: Int
    /// The loss after training.
    public var finalLoss: Double
    /// How many hidden units are inactive (pre-activation ≤ 0) on all four inputs: a dead
    /// ReLU unit gets no gradient and never comes back.
    public var deadUnits: Int
    /// The length of the gradient at the end, ‖∂L/∂θ‖.
    public var gradientNorm: Double
    /// The length of the parameter vector at the end, ‖θ‖.
    public var parameterNorm: Double
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
        return outcome(of: network, at: trained)
    }
}

/// Returns what a network with the given parameters reaches on XOR: its score, loss, dead
/// units, and the lengths of its gradient and of its parameter vector.
public func outcome(of network: TwoLayerNetwork, at p: TwoLayerParameters) -> TrainingOutcome {
    let pass = network.forward(p, inputs: xorInputColumns)
    let dead = (0..<pass.hiddenPreActivations.rows).filter { d in
        pass.hiddenPreActivations.row(d).allSatisfy { $0 <= 0 }
    }.count
    let gradient = network.gradient(p, inputs: xorInputColumns, targets: xorTargets).scalars
    return TrainingOutcome(parameters: p, correct: correctCount(pass.outputs.scalars),
                           finalLoss: network.loss(p, inputs: xorInputColumns, targets: xorTargets),
                           deadUnits: dead, gradientNorm: length(gradient), parameterNorm: length(p.scalars))
}

/// Returns the Euclidean length of a vector, √(Σ vᵢ²).
func length(_ v: [Double]) -> Double {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}
