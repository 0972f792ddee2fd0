/// A random number generator of the course's own, the same on every machine.
///
/// It is xoshiro256** seeded through SplitMix64, and every sampling method below is written
/// here rather than borrowed from the standard library, whose algorithms may change between
/// releases. The same seed therefore gives the same numbers, the same plots and the same
/// grading inputs everywhere.
///
///     var random = SeededGenerator(seed: 42)
///     let w = random.normal()               // a standard normal sample
///     let W = random.matrix(rows: 2, columns: 3, in: -1...1)
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// Returns a uniform sample from [0, 1), with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Returns a uniform sample from the closed range.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// Returns a sample of the normal distribution with the given mean and standard deviation
    /// (Box–Muller).
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - unit()          // in (0, 1], so the logarithm is finite
        let u2 = unit()
        return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Returns a uniform integer in `0..<bound` (Lemire's method, without bias).
    public mutating func integer(below bound: Int) -> Int {
        require(bound > 0, "the bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Returns a uniform integer in the closed range.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + integer(below: range.upperBound - range.lowerBound + 1)
    }

    /// Returns the elements in a random order (Fisher–Yates).
    public mutating func shuffled<T>(_ elements: [T]) -> [T] {
        var result = elements
        if result.count < 2 { return result }
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            result.swapAt(i, integer(below: i + 1))
        }
        return result
    }

    /// Returns a matrix of uniform samples from the range.
    public mutating func matrix(rows: Int, columns: Int, in range: ClosedRange<Double>) -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: (0..<(rows * columns)).map { _ in uniform(in: range) })
    }

    /// Returns a matrix of normal samples.
    public mutating func normalMatrix(rows: Int, columns: Int, standardDeviation: Double = 1) -> Matrix {
        Matrix(rows: rows, columns: columns,
               scalars: (0..<(rows * columns)).map { _ in normal(standardDeviation: standardDeviation) })
    }

    /// Returns an array of uniform samples from the range.
    public mutating func array(count: Int, in range: ClosedRange<Double>) -> [Double] {
        (0..<count).map { _ in uniform(in: range) }
    }
}

private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
