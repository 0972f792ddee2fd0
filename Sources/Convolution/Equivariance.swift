import CourseKit

/// Returns the signal translated by `offset` positions, `t[x]ᵢ = x_{i−offset}`, filling with
/// zeros (a positive offset moves the content right).
public func shifted(_ x: [Double], by offset: Int) -> [Double] {
    x.indices.map { padded(x, $0 - offset) }
}

/// Returns the maxima of windows of `width` entries taken every `stride` entries.
/// ```
///   yᵢ = max_{0 ≤ j < width} x_{s·i + j}
/// ```
public func maxPool(_ x: [Double], width: Int, stride: Int) -> [Double] {
    let count = outputLength(inputLength: x.count, kernelSize: width, stride: stride, dilation: 1, padding: 0)
    return (0..<count).map { i in x[(stride * i)..<(stride * i + width)].max()! }
}

/// Returns the largest entry of the signal: pooling over every position at once.
public func globalMaxPool(_ x: [Double]) -> Double {
    x.max() ?? 0
}

/// Returns the largest absolute difference between two signals of the same length.
public func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "the signals have lengths \(a.count) and \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
