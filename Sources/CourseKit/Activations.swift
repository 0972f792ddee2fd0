/// Returns the logistic sigmoid, computed so that it never overflows.
/// ```
///            1
/// σ(x) = ---------        σ′(x) = σ(x) (1 − σ(x))
///        1 + e^(−x)
/// ```
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
}

/// Returns the rectified linear unit, `max(0, x)`.
public func relu(_ x: Double) -> Double { max(0, x) }

/// Returns the Heaviside step: 1 when `x > 0`, otherwise 0 (Rosenblatt's threshold unit).
public func step(_ x: Double) -> Double { x > 0 ? 1 : 0 }

/// Returns the sigmoid of every entry.
public func sigmoid(_ m: Matrix) -> Matrix { m.map(sigmoid) }

/// Returns the ReLU of every entry.
public func relu(_ m: Matrix) -> Matrix { m.map(relu) }

/// Returns the softmax of a vector, shifted by its maximum so that large scores stay finite.
/// ```
///                e^(zᵢ − m)
/// softmax(z)ᵢ = ------------     m = maxⱼ zⱼ
///               Σⱼ e^(zⱼ − m)
/// ```
/// - Complexity: O(n).
public func softmax(_ z: [Double]) -> [Double] {
    guard let m = z.max() else { return [] }
    let e = z.map { exp($0 - m) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}

/// Returns the softmax of each column of `m` (each column sums to one).
public func softmaxColumns(_ m: Matrix) -> Matrix {
    var result = m
    for j in 0..<m.columns {
        for (i, value) in softmax(m.column(j)).enumerated() { result[i, j] = value }
    }
    return result
}
