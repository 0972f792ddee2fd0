import CourseKit

/// The hidden layers of a deep ReLU network, `h_k = a[β_k + Ω_k h_{k−1}]` with `h₀ = x`;
/// only their activation patterns matter for counting linear regions.
public struct DeepReLULayers: Sendable {
    /// The biases β_k of each layer, one array of n_k values per layer.
    public var biases: [[Double]]
    /// The weights Ω_k of each layer, stored by rows: n_k rows of n_{k−1} values.
    public var weights: [[[Double]]]

    /// Creates the layers from their biases and weights, which must agree in size.
    public init(biases: [[Double]], weights: [[[Double]]]) {
        precondition(biases.count == weights.count && zip(biases, weights).allSatisfy { $0.count == $1.count },
                     "each layer needs one bias per row of its weights")
        self.biases = biases
        self.weights = weights
    }

    /// Creates `layers` random layers of `unitsPerLayer` units on `inputs` inputs: weights
    /// from N(0, 2/fan-in) (He et al. 2015), biases uniform in [−1, 1].
    public init(inputs: Int, unitsPerLayer n: Int, layers: Int, using random: inout SeededGenerator) {
        var biases: [[Double]] = [], weights: [[[Double]]] = []
        for k in 0..<layers {
            let fanIn = k == 0 ? inputs : n
            let deviation = (2 / Double(fanIn)).squareRoot()
            weights.append((0..<n).map { _ in (0..<fanIn).map { _ in random.normal(standardDeviation: deviation) } })
            biases.append(random.array(count: n, in: -1...1))
        }
        self.init(biases: biases, weights: weights)
    }

    /// Returns which units of every layer are active (pre-activation > 0) at the input x,
    /// layer after layer.
    /// - Complexity: O(Σ_k n_k n_{k−1}).
    public func activationPattern(at x: [Double]) -> [Bool] {
        var h = x
        var pattern: [Bool] = []
        for (beta, omega) in zip(biases, weights) {
            h = zip(beta, omega).map { b, row in
                var z = b
                for i in row.indices { z += row[i] * h[i] }
                return max(z, 0)
            }
            pattern += h.map { $0 > 0 }
        }
        return pattern
    }

    /// Returns the number of linear regions seen on a grid of `gridSize × gridSize` points
    /// over [−radius, radius]²: the number of distinct activation patterns among them.
    ///
    /// Once every unit's pattern is fixed each layer is affine in x, so the inputs with one
    /// pattern form a convex set: distinct patterns are distinct regions. A region that no
    /// grid point falls in is missed, so the count is at most the true one.
    /// - Complexity: O(gridSize² · Σ_k n_k n_{k−1}).
    public func regionCount(radius: Double, gridSize: Int) -> Int {
        precondition(weights.first?.first?.count == 2, "the grid count is for networks with 2 inputs")
        let axis = gridCoordinates(radius: radius, gridSize: gridSize)
        let widest = biases.map(\.count).max() ?? 0
        let unitCount = biases.reduce(0) { $0 + $1.count }
        // The same computation as activationPattern(at:), with the pattern packed 64 units to
        // a word and no array allocated per point: the count runs on many thousands of points.
        var input = [Double](repeating: 0, count: widest), output = input
        var words = [UInt64](repeating: 0, count: (unitCount + 63) / 64)
        var patterns = Set<[UInt64]>()
        for x1 in axis {
            for x2 in axis {
                input[0] = x1
                input[1] = x2
                var width = 2, unit = 0
                for w in words.indices { words[w] = 0 }
                for (beta, omega) in zip(biases, weights) {
                    for j in beta.indices {
                        var z = beta[j]
                        let row = omega[j]
                        for i in 0..<width { z += row[i] * input[i] }
                        output[j] = max(z, 0)
                        if z > 0 { words[unit >> 6] |= 1 << UInt64(unit & 63) }
                        unit += 1
                    }
                    swap(&input, &output)
                    width = beta.count
                }
                patterns.insert(words)
            }
        }
        return patterns.count
    }
}
