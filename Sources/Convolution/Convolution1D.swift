import Answers
import CourseKit

/// Returns how many outputs a 1D convolution produces.
/// ```
///              ⎢ L + 2p − d(K − 1) − 1 ⎥
///   L_out  =   ⎢ ───────────────────── ⎥ + 1
///              ⎣           s           ⎦
/// ```
/// for an input of length L, kernel size K, stride s, dilation d and p zeros of padding on
/// each side; 0 when the dilated kernel, `d(K − 1) + 1` wide, does not fit in the padded input.
///
/// Exercise 10 asks for it: the student version of the course answers from recorded keys.
public func outputLength(inputLength: Int, kernelSize: Int, stride: Int, dilation: Int, padding: Int) -> Int {
    AnswerKeys.answer("Convolution.outputLength", [inputLength, kernelSize, stride, dilation, padding]) {
        // answer: exercise10 begin
        precondition(kernelSize >= 1 && stride >= 1 && dilation >= 1 && padding >= 0 && inputLength >= 0,
                     "kernel size, stride and dilation must be positive, padding and length non-negative")
        let span = dilation * (kernelSize - 1) + 1
        let padded = inputLength + 2 * padding
        guard padded >= span else { return 0 }
        return (padded - span) / stride + 1
        // answer: exercise10 end
    }
}

/// Returns the zero padding that keeps a stride-one output as long as its input:
/// `d·⌊K/2⌋` on each side (for an odd K).
public func samePadding(kernelSize: Int, dilation: Int = 1) -> Int {
    dilation * (kernelSize / 2)
}

/// Returns the input entry at position `t`, or 0 outside the input (zero padding).
func padded(_ x: [Double], _ t: Int) -> Double {
    x.indices.contains(t) ? x[t] : 0
}

/// Returns the 1D convolution of `x` with a kernel, as deep-learning libraries compute it.
/// ```
///   zᵢ = Σⱼ wⱼ x_{s·i + d·j − p}        j = 0 … K − 1,  x = 0 outside the input
/// ```
/// With stride s = 1, dilation d = 1 and p = ⌊K/2⌋ this is the lesson's
/// `zᵢ = Σⱼ wⱼ x_{i+j−⌊K/2⌋}`; with p = 0 it is a valid convolution (no padding).
///
/// - Complexity: O(L_out · K).
public func convolve(_ x: [Double], kernel w: [Double], stride s: Int = 1, dilation d: Int = 1,
                     padding p: Int) -> [Double] {
    let count = outputLength(inputLength: x.count, kernelSize: w.count, stride: s, dilation: d, padding: p)
    return (0..<count).map { i in
        w.indices.reduce(0) { z, j in z + w[j] * padded(x, s * i + d * j - p) }
    }
}

/// Returns the input positions that output `i` reads, in kernel order (some may be padding).
/// ```
///   s·i + d·j − p        j = 0 … K − 1
/// ```
public func inputPositions(ofOutput i: Int, kernelSize: Int, stride s: Int = 1, dilation d: Int = 1,
                           padding p: Int) -> [Int] {
    (0..<kernelSize).map { j in s * i + d * j - p }
}
