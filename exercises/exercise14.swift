// Exercise 14 — A 2D convolution with channels, forward and backward
//
// Read lessons/lesson5-convolution.md, section 7 (convolution in 2D), after sections 1 and 3
// (the 1D convolution, channels and the backward pass), which it extends.
//
// An image with C_i channels is a list of C_i matrices of H×W. A 2D convolutional layer with
// C_o output channels slides, for each output channel o, one K_h×K_w kernel per input channel
// over the image. Each axis has its own stride s, dilation d and padding p, given as
// [rows, columns]: stride[0] = s_h moves the kernel down, stride[1] = s_w moves it along.
//
//   z[o][i, j] = β_o + Σ_c Σ_a Σ_b Ω[o][c][a, b] · x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w]
//
// where x is 0 outside the image (the padding), and on each axis
//
//   L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1      (0 when the dilated kernel, d(K − 1) + 1
//                                                    wide, is wider than L + 2p)
//
// The layer has K_h·K_w·C_i·C_o weights and C_o biases.
//
// The backward pass receives g = ∂L/∂z and returns the gradients of the same loss L:
//
//   ∂L/∂β_o           = Σ_i Σ_j g[o][i, j]
//   ∂L/∂Ω[o][c][a, b] = Σ_i Σ_j g[o][i, j] · x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w]
//   ∂L/∂x[c][r, q]    = the sum of g[o][i, j] · Ω[o][c][a, b] over every (o, i, j, a, b)
//                       whose tap lands on (r, q)
//
// Conventions (all indices count from 0):
// - `x` holds C_i matrices, all H×W: x[c][r, q] is row r, column q of input channel c.
// - `kernels` holds C_o lists of C_i matrices, all K_h×K_w: kernels[o][c] is the kernel that
//   output channel o applies to input channel c.
// - `bias` has C_o entries. `stride`, `dilation` and `padding` have two entries each,
//   [along the rows (height), along the columns (width)], all ≥ 1 except padding ≥ 0.
// - The results are [H_out, W_out] for outputShape, and C_o matrices of H_out×W_out for
//   convolve2D, even when H_out or W_out is 0 (a 3×0 matrix is Matrix(rows: 3, columns: 0)).
//   `outputGradient` has that shape too; each gradient has the shape of what it is for.
// - This is the deep-learning convention: the kernel is not flipped.

import CourseKit

/// Returns [H_out, W_out], the size of each output channel.
func outputShape(height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                 stride: [Int], dilation: [Int], padding: [Int]) -> [Int] {
    // TODO: the 1D rule on each axis, with that axis's own stride, dilation and padding.
    notImplemented()
}

/// Returns the number of weights and biases of the layer.
func parameterCount(kernelHeight: Int, kernelWidth: Int, inputChannels: Int, outputChannels: Int) -> Int {
    // TODO: K_h·K_w·C_i·C_o weights and C_o biases.
    notImplemented()
}

/// Returns the C_o output channels, each H_out×W_out.
func convolve2D(x: [Matrix], kernels: [[Matrix]], bias: [Double], stride: [Int], dilation: [Int],
                padding: [Int]) -> [Matrix] {
    // TODO: every z[o][i, j] = β_o + Σ_c Σ_a Σ_b Ω[o][c][a, b] · x[c][s_h·i + d_h·a − p_h, s_w·j + d_w·b − p_w].
    notImplemented()
}

/// Returns ∂L/∂x (C_i matrices of H×W), ∂L/∂Ω (laid out like `kernels`) and ∂L/∂β (C_o
/// entries), given `outputGradient` = ∂L/∂z.
func convolution2DGradients(x: [Matrix], kernels: [[Matrix]], stride: [Int], dilation: [Int], padding: [Int],
                            outputGradient: [Matrix]) -> (input: [Matrix], kernels: [[Matrix]], bias: [Double]) {
    // TODO: visit every (o, i, j, c, a, b) once, as the forward pass does, and add its share to each gradient.
    notImplemented()
}
