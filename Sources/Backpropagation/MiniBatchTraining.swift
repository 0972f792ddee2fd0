import CourseKit

/// Mini-batch stochastic gradient descent on a `ReLUNetwork`, watching a validation set for
/// early stopping.
///
/// Each epoch shuffles the training samples and works through them in batches of B without
/// replacement; each batch takes one step on the cost J of exercise 8:
/// ```
/// J_B = (1/B) Σ₍ₙ∈B₎ ½ |f_K(xₙ) − yₙ|² + (λ/2) Σₖ |Ωₖ|²        φ ← φ − α ∇J_B
/// ```
/// B = N is (full-batch) gradient descent; B = 1 is stochastic gradient descent proper.
public struct MiniBatchTraining: Sendable {
    /// The per-epoch record of a run.
    public struct History: Sendable {
        /// The training error (1/N) Σ ½|f − y|² after each epoch, starting with epoch 0.
        public var training: [Double] = []
        /// The same error on the validation set.
        public var validation: [Double] = []
        /// The number of parameter updates made after each epoch.
        public var updates: [Int] = []
    }

    /// The training inputs (columns) and targets.
    public let x, y: Matrix
    /// The validation inputs (columns) and targets, never used for a step.
    public let validationX, validationY: Matrix

    /// Creates a training problem.
    public init(x: Matrix, y: Matrix, validationX: Matrix, validationY: Matrix) {
        precondition(x.columns == y.columns && validationX.columns == validationY.columns,
                     "one target column per input column")
        self.x = x
        self.y = y
        self.validationX = validationX
        self.validationY = validationY
    }

    /// Returns the error (1/N) Σₙ ½ |f_K(xₙ) − yₙ|² of a network on the given samples.
    public static func error(of network: ReLUNetwork, x: Matrix, y: Matrix) -> Double {
        networkCost(x: x, y: y, weights: network.weights, biases: network.biases, weightDecay: 0)
    }

    /// Trains `network` for the given number of epochs and returns the network after each
    /// epoch (index 0 is the start) with the history of its errors.
    /// - Complexity: one forward and one backward pass per sample and epoch.
    public func train(_ network: ReLUNetwork, epochs: Int, batchSize: Int, learningRate: Double,
                      weightDecay: Double = 0,
                      random: inout SeededGenerator) -> (networks: [ReLUNetwork], history: History) {
        var current = network
        var networks = [current]
        var history = History()
        func record(_ updates: Int) {
            history.training.append(Self.error(of: current, x: x, y: y))
            history.validation.append(Self.error(of: current, x: validationX, y: validationY))
            history.updates.append(updates)
        }
        record(0)
        var updates = 0
        for _ in 0..<epochs {
            let order = random.shuffled(Array(0..<x.columns))
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, order.count)])
                let step = sgdStep(x: Self.columns(batch, of: x), y: Self.columns(batch, of: y),
                                   weights: current.weights, biases: current.biases,
                                   learningRate: learningRate, weightDecay: weightDecay)
                current = ReLUNetwork(weights: step.weights, biases: step.biases)
                updates += 1
            }
            networks.append(current)
            record(updates)
        }
        return (networks, history)
    }

    /// Returns the epoch at which early stopping halts and the epoch whose parameters it
    /// keeps: training stops once the validation error has not beaten its best for
    /// `patience` epochs in a row, and the best epoch's parameters are restored.
    ///
    /// With patience 1 this is the rule of Basili and Croce's notes: stop as soon as the
    /// validation error is higher than the last time and keep the previous parameters.
    public static func earlyStopping(validation: [Double], patience: Int) -> (stop: Int, best: Int) {
        var best = 0
        for epoch in validation.indices.dropFirst() {
            if validation[epoch] < validation[best] {
                best = epoch
            } else if epoch - best >= patience {
                return (epoch, best)
            }
        }
        return (validation.count - 1, best)
    }

    private static func columns(_ indices: [Int], of m: Matrix) -> Matrix {
        Matrix(rows: m.rows, columns: indices.count) { i, j in m[i, indices[j]] }
    }
}
