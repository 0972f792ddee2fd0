// Mistake: The input gradient is assigned (=) instead of accumulated (+=), so an input read by several outputs keeps only the last contribution.
// Diagnosis: accumulate ∂x[c, t] +=
// Exercise 9 — A multi-channel 1D convolution, forward and backward
//
// Read lessons/lesson5-convolution.md, section 1 (convolution in 1D) and section 3 (channels,
// and the backward pass of a convolution).
//
// A convolutional layer from C_i input channels to C_o output channels slides one kernel per
// output channel along the signal. The kernel of output channel o reads all C_i input channels
// at K taps; taps are `dilation` apart, the kernel moves `stride` places from one output to the
// next, and `padding` zeros are added at each end of the signal:
//
//     z[o, i] = β_o + Σ_c Σ_j Ω[c, o, j] · x[c, s·i + d·j − p]       (x = 0 outside 0 ..< L)
//
//     L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1      (0 when the dilated kernel does not fit)
//
// The backward pass receives g = ∂L/∂z and returns the gradients of the same loss L:
//
//     ∂L/∂β_o        = Σ_i g[o, i]
//     ∂L/∂Ω[c, o, j] = Σ_i g[o, i] · x[c, s·i + d·j − p]
//     ∂L/∂x[c, t]    = the sum of g[o, i] · Ω[c, o, j] over every (o, i, j) whose tap
//                      s·i + d·j − p lands on t
//
// Conventions (all indices count from 0):
// - `x` is a C_i×L matrix: one row per input channel, one column per position.
// - `kernels` holds Ω ∈ R^{C_i×C_o×K} as C_o matrices, one per OUTPUT channel:
//   `kernels[o]` is C_i×K and `kernels[o][c, j]` is Ω[c, o, j].
// - `bias` has C_o entries, β_o for output channel o.
// - The result of `convolve` is C_o×L_out; `outputGradient` has that shape too.
// - This is the deep-learning convention: the kernel is not flipped.

import CourseKit

/// Returns the convolution z (C_o×L_out) of the C_i×L signal `x`.
func convolve(x: Matrix, kernels: [Matrix], bias: [Double], stride: Int, dilation: Int, padding: Int) -> Matrix {
    let kernelSize = kernels[0].columns
    let count = convolutionOutputLength(x.columns, kernelSize, stride, dilation, padding)
    var z = Matrix(rows: kernels.count, columns: count)
    for o in 0..<kernels.count {
        for i in 0..<count {
            var sum = bias[o]
            for c in 0..<x.rows {
                for j in 0..<kernelSize {
                    sum += kernels[o][c, j] * signal(x, c, stride * i + dilation * j - padding)
                }
            }
            z[o, i] = sum
        }
    }
    return z
}

/// Returns ∂L/∂x (C_i×L), ∂L/∂Ω (C_o matrices of shape C_i×K, like `kernels`) and ∂L/∂β
/// (C_o entries), given `outputGradient` = ∂L/∂z.
func convolutionGradients(x: Matrix, kernels: [Matrix], stride: Int, dilation: Int, padding: Int,
                          outputGradient: Matrix) -> (input: Matrix, kernels: [Matrix], bias: [Double]) {
    let kernelSize = kernels[0].columns
    let count = convolutionOutputLength(x.columns, kernelSize, stride, dilation, padding)
    var inputGradient = Matrix(rows: x.rows, columns: x.columns)
    var kernelGradients = kernels.map { Matrix(rows: $0.rows, columns: $0.columns) }
    var biasGradient = [Double](repeating: 0, count: kernels.count)
    for o in 0..<kernels.count {
        for i in 0..<count {
            let g = outputGradient[o, i]
            biasGradient[o] += g
            for c in 0..<x.rows {
                for j in 0..<kernelSize {
                    let t = stride * i + dilation * j - padding
                    if t < 0 || t >= x.columns { continue }
                    kernelGradients[o][c, j] += g * x[c, t]
                    inputGradient[c, t] = g * kernels[o][c, j]
                }
            }
        }
    }
    return (inputGradient, kernelGradients, biasGradient)
}

/// Returns ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1, or 0 when the dilated kernel is wider than the padded signal.
private func convolutionOutputLength(_ length: Int, _ kernelSize: Int, _ stride: Int, _ dilation: Int,
                                     _ padding: Int) -> Int {
    let room = length + 2 * padding - dilation * (kernelSize - 1) - 1
    return room < 0 ? 0 : room / stride + 1
}

/// Returns x[c, t], or 0 when t falls on the padding outside 0 ..< L.
private func signal(_ x: Matrix, _ c: Int, _ t: Int) -> Double {
    t >= 0 && t < x.columns ? x[c, t] : 0
}
