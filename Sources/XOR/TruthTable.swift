import CourseKit

/// The four inputs of a two-input Boolean function, as the rows of X, as in Goodfellow et al.
/// ```
///      ⎡ 0  0 ⎤
/// X =  ⎢ 0  1 ⎥
///      ⎢ 1  0 ⎥
///      ⎣ 1  1 ⎦
/// ```
public let xorInputRows = Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])

/// The same four inputs as the columns of a 2×4 matrix, the course's convention.
public let xorInputColumns = xorInputRows.transposed

/// The XOR targets for the four inputs: 1 exactly when the two bits differ.
/// ```
/// x₁  x₂ │ XOR   AND
/// 0   0  │  0     0
/// 0   1  │  1     0
/// 1   0  │  1     0
/// 1   1  │  0     1
/// ```
public let xorTargets: [Double] = [0, 1, 1, 0]

/// The AND targets, which one of the lecture documents prints under the title "XOR".
public let andTargets: [Double] = [0, 0, 0, 1]

/// Returns the 0/1 classes of outputs: 1 when an output is above the threshold.
public func classify(_ outputs: [Double], threshold: Double = 0.5) -> [Double] {
    outputs.map { $0 > threshold ? 1 : 0 }
}

/// Returns how many of the outputs, classified at the threshold, equal their targets.
public func correctCount(_ outputs: [Double], targets: [Double] = xorTargets, threshold: Double = 0.5) -> Int {
    precondition(outputs.count == targets.count, "\(outputs.count) outputs for \(targets.count) targets")
    return zip(classify(outputs, threshold: threshold), targets).filter { $0 == $1 }.count
}
