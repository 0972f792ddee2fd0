import Answers
import CourseKit

/// Returns the receptive field of a unit after a stack of convolutional layers: how many
/// consecutive inputs, from the first it reads to the last, feed into it.
/// ```
///   r₀ = 1,  j₀ = 1
///   r_l = r_{l−1} + d_l (K_l − 1) · j_{l−1}        j_l = j_{l−1} · s_l
/// ```
/// j_{l−1} = s₁ s₂ ⋯ s_{l−1} is the distance, in inputs, between neighbouring units of layer
/// l − 1: layer l's kernel spans d_l (K_l − 1) + 1 of those units, so every stride *before*
/// layer l widens it, and layer l's own stride does not. Three layers with K = 3 give 3, 5, 7.
///
/// Exercise 10 asks for it: the student version of the course answers from recorded keys.
public func receptiveField(kernelSizes: [Int], strides: [Int], dilations: [Int]) -> Int {
    AnswerKeys.answer("Convolution.receptiveField", [kernelSizes, strides, dilations]) {
        // answer: exercise10 begin
        precondition(kernelSizes.count == strides.count && strides.count == dilations.count,
                     "give one kernel size, stride and dilation per layer")
        var r = 1, jump = 1
        for (K, (s, d)) in zip(kernelSizes, zip(strides, dilations)) {
            r += d * (K - 1) * jump
            jump *= s
        }
        return r
        // answer: exercise10 end
    }
}

/// Returns, for every input of a stack of valid (unpadded) linear convolutions, whether
/// perturbing that input moves the stack's output `output`.
///
/// The kernels are drawn from a seeded generator with positive entries, so an input moves an
/// output exactly when some path of taps connects them: nothing can cancel.
public func influence(kernelSizes: [Int], strides: [Int], dilations: [Int],
                      inputLength: Int, output: Int, seed: UInt64 = 5) -> [Bool] {
    let stack = ConvolutionStack(kernelSizes: kernelSizes, strides: strides, dilations: dilations, seed: seed)
    let base = [Double](repeating: 0, count: inputLength)
    let reference = stack.apply(base)
    precondition(reference.indices.contains(output),
                 "the stack has only \(reference.count) outputs for \(inputLength) inputs")
    return (0..<inputLength).map { t in
        var x = base
        x[t] += 1
        return stack.apply(x)[output] != reference[output]
    }
}

/// Returns the receptive field of a stack found by brute force: on an input just long enough
/// for the stack to have an output, perturb each input in turn and measure the span of the
/// inputs that move the first output.
public func bruteForceReceptiveField(kernelSizes: [Int], strides: [Int], dilations: [Int]) -> Int {
    AnswerKeys.answer("Convolution.bruteForceReceptiveField", [kernelSizes, strides, dilations]) {
        // answer: exercise10 begin
        let stack = ConvolutionStack(kernelSizes: kernelSizes, strides: strides, dilations: dilations, seed: 5)
        var length = 1
        while stack.apply([Double](repeating: 0, count: length)).isEmpty { length += 1 }
        let moved = influence(kernelSizes: kernelSizes, strides: strides, dilations: dilations,
                              inputLength: length, output: 0)
        guard let first = moved.firstIndex(of: true), let last = moved.lastIndex(of: true) else { return 0 }
        return last - first + 1
        // answer: exercise10 end
    }
}

/// A stack of single-channel valid convolutions with seeded positive kernels.
struct ConvolutionStack {
    let kernels: [[Double]]
    let strides: [Int]
    let dilations: [Int]

    init(kernelSizes: [Int], strides: [Int], dilations: [Int], seed: UInt64) {
        precondition(kernelSizes.count == strides.count && strides.count == dilations.count,
                     "give one kernel size, stride and dilation per layer")
        var random = SeededGenerator(seed: seed)
        kernels = kernelSizes.map { random.array(count: $0, in: 0.5...1.5) }
        self.strides = strides
        self.dilations = dilations
    }

    func apply(_ x: [Double]) -> [Double] {
        kernels.indices.reduce(x) { h, l in
            convolve(h, kernel: kernels[l], stride: strides[l], dilation: dilations[l], padding: 0)
        }
    }
}
