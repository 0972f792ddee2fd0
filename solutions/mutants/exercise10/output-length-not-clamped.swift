// Mistake: When the dilated kernel is wider than the padded signal the output length must be 0, but integer division rounds the negative quotient towards zero and still counts an output.
// Diagnosis: so there is no output: return 0
// Exercise 10 — Output lengths and receptive fields
//
// Read lessons/lesson5-convolution.md, section 1 (the output length) and section 4
// (receptive fields).
//
// One layer: a signal of length L, a kernel of size K, stride s, dilation d and p zeros of
// padding at each end. The dilated kernel spans d(K − 1) + 1 positions and must fit inside the
// padded signal; it starts at 0 and moves s positions at a time:
//
//     L_out = ⌊(L + 2p − d(K − 1) − 1) / s⌋ + 1      and L_out = 0 when d(K − 1) + 1 > L + 2p
//
// A stack of layers 1 … n, layer l with kernel size K_l, stride s_l and dilation d_l. The
// receptive field of a unit of the last layer is the number of consecutive inputs, from the
// first it depends on to the last, that can change it. Work it out layer by layer: keep r (the
// receptive field so far) and j (how many inputs apart two neighbouring units of the current
// layer are). Before any layer, r = 1 and j = 1. Each layer's kernel reaches d_l(K_l − 1) units
// of the layer below beyond the first one, each j inputs apart; and after a layer with stride
// s_l its neighbouring units are s_l times further apart.
// Three layers with K = 3, stride 1 and dilation 1 have receptive fields 3, 5 and 7.
//
// Conventions: every kernel size, stride and dilation is ≥ 1, padding and length ≥ 0; the three
// arrays have one entry per layer, first layer first; an empty stack has receptive field 1.

import CourseKit

/// Returns the number of outputs of one convolutional layer (0 when the kernel does not fit).
func outputLength(inputLength: Int, kernelSize: Int, stride: Int, dilation: Int, padding: Int) -> Int {
    let span = dilation * (kernelSize - 1) + 1
    let padded = inputLength + 2 * padding
    return (padded - span) / stride + 1
}

/// Returns the receptive field of a unit in the last layer of the stack.
func receptiveField(kernelSizes: [Int], strides: [Int], dilations: [Int]) -> Int {
    var field = 1
    var jump = 1
    for layer in 0..<kernelSizes.count {
        field += dilations[layer] * (kernelSizes[layer] - 1) * jump
        jump *= strides[layer]
    }
    return field
}
