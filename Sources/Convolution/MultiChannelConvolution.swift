import Answers
import CourseKit

// A layer from C_i to C_o channels holds Ω ∈ R^{C_i×C_o×K} and β ∈ R^{C_o}. The course stores
// Ω as `kernels: [Matrix]` with one C_i×K matrix per output channel, `kernels[o][c, j] = Ω[c, o, j]`,
// and a signal with C channels of length L as a C×L matrix, one channel per row.

/// Returns how many parameters a convolutional layer has: `C_i·C_o·K + C_o`.
public func convolutionParameterCount(inputChannels: Int, outputChannels: Int, kernelSize: Int) -> Int {
    inputChannels * outputChannels * kernelSize + outputChannels
}

/// Returns the multi-channel 1D convolution of `x` (C_i×L), a C_o×L_out matrix.
/// ```
///   z[o, i] = β_o + Σ_c Σ_j Ω[c, o, j] · x[c, s·i + d·j − p]        x = 0 outside 0 ..< L
/// ```
/// `kernels[o]` is the C_i×K matrix of output channel o; `bias[o]` is β_o.
///
/// - Complexity: O(C_o · C_i · K · L_out).
public func convolve(x: Matrix, kernels: [Matrix], bias: [Double],
                     stride s: Int, dilation d: Int, padding p: Int) -> Matrix {
    AnswerKeys.answer("Convolution.convolve", [x, kernels, bias, s, d, p]) {
        // answer: exercise9 begin
        let (channels, length, kernelSize) = checkedShapes(x: x, kernels: kernels)
        precondition(bias.count == kernels.count, "\(kernels.count) output channels need \(kernels.count) biases")
        let count = outputLength(inputLength: length, kernelSize: kernelSize, stride: s, dilation: d, padding: p)
        var z = Matrix(rows: kernels.count, columns: count)
        for o in kernels.indices {
            for i in 0..<count {
                var sum = bias[o]
                for c in 0..<channels {
                    for j in 0..<kernelSize {
                        let t = s * i + d * j - p
                        if (0..<length).contains(t) { sum += kernels[o][c, j] * x[c, t] }
                    }
                }
                z[o, i] = sum
            }
        }
        return z
        // answer: exercise9 end
    }
}

/// Returns the gradients of a loss L through the convolution, given `outputGradient` = ∂L/∂z
/// (C_o×L_out): ∂L/∂x (C_i×L), ∂L/∂Ω (one C_i×K matrix per output channel) and ∂L/∂β (C_o).
/// ```
///   ∂L/∂β_o        = Σᵢ g[o, i]
///   ∂L/∂Ω[c, o, j] = Σᵢ g[o, i] · x[c, s·i + d·j − p]
///   ∂L/∂x[c, t]    = Σ_o Σᵢ Σⱼ g[o, i] · Ω[c, o, j] · [t = s·i + d·j − p]
/// ```
/// Each input entry collects a term from every output that read it, so the input gradient is
/// accumulated (+=), never assigned; taps on the padding contribute nothing.
///
/// - Complexity: O(C_o · C_i · K · L_out), like the forward pass.
public func convolutionGradients(x: Matrix, kernels: [Matrix], stride s: Int, dilation d: Int, padding p: Int,
                                 outputGradient g: Matrix) -> (input: Matrix, kernels: [Matrix], bias: [Double]) {
    AnswerKeys.answer("Convolution.convolutionGradients", [x, kernels, s, d, p, g]) {
        // answer: exercise9 begin
        let (channels, length, kernelSize) = checkedShapes(x: x, kernels: kernels)
        let count = outputLength(inputLength: length, kernelSize: kernelSize, stride: s, dilation: d, padding: p)
        precondition(g.rows == kernels.count && g.columns == count,
                     "the output gradient must be \(kernels.count)×\(count), not \(g.rows)×\(g.columns)")
        var inputGradient = Matrix(rows: channels, columns: length)
        var kernelGradients = kernels.map { Matrix(rows: $0.rows, columns: $0.columns) }
        var biasGradient = [Double](repeating: 0, count: kernels.count)
        for o in kernels.indices {
            for i in 0..<count {
                biasGradient[o] += g[o, i]
                for c in 0..<channels {
                    for j in 0..<kernelSize {
                        let t = s * i + d * j - p
                        guard (0..<length).contains(t) else { continue }
                        kernelGradients[o][c, j] += g[o, i] * x[c, t]
                        inputGradient[c, t] += g[o, i] * kernels[o][c, j]
                    }
                }
            }
        }
        return (inputGradient, kernelGradients, biasGradient)
        // answer: exercise9 end
    }
}

/// Returns (C_i, L, K) after checking that every kernel is C_i×K.
private func checkedShapes(x: Matrix, kernels: [Matrix]) -> (channels: Int, length: Int, kernelSize: Int) {
    precondition(!kernels.isEmpty, "a convolution needs at least one output channel")
    let kernelSize = kernels[0].columns
    precondition(kernels.allSatisfy { $0.rows == x.rows && $0.columns == kernelSize },
                 "every kernel must be \(x.rows)×\(kernelSize): one row per input channel")
    return (x.rows, x.columns, kernelSize)
}
