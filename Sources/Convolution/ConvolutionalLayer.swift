import CourseKit

/// Returns a convolutional layer's hidden units: the convolution, plus one bias, through an
/// activation.
/// ```
///   hᵢ = a[β + Σⱼ wⱼ x_{s·i + d·j − p}]
/// ```
/// For K = 3, s = d = 1 and p = 1 this is the lesson's `hᵢ = a[β + Σ_{j=1}^{3} wⱼ x_{i+j−2}]`
/// (there j counts from 1). The layer has K + 1 parameters, whatever the input's length.
public func convolutionalLayer(_ x: [Double], kernel w: [Double], bias β: Double,
                               stride: Int = 1, dilation: Int = 1, padding: Int,
                               activation a: (Double) -> Double = relu) -> [Double] {
    convolve(x, kernel: w, stride: stride, dilation: dilation, padding: padding).map { a(β + $0) }
}

/// Returns the weight matrix of the fully connected layer that computes the same convolution:
/// row i holds the kernel at the columns that output i reads, every other weight is zero.
/// ```
///   Ωᵢₜ = Σⱼ wⱼ [t = s·i + d·j − p]        an L_out × L matrix with tied weights
/// ```
/// Taps that fall on the padding have no column and are dropped.
public func convolutionMatrix(kernel w: [Double], inputLength: Int, stride s: Int = 1, dilation d: Int = 1,
                              padding p: Int) -> Matrix {
    let count = outputLength(inputLength: inputLength, kernelSize: w.count, stride: s, dilation: d, padding: p)
    var Ω = Matrix(rows: count, columns: inputLength)
    for i in 0..<count {
        for j in w.indices {
            let t = s * i + d * j - p
            if (0..<inputLength).contains(t) { Ω[i, t] += w[j] }
        }
    }
    return Ω
}

/// Returns a fully connected layer's hidden units for one input vector.
/// ```
///   hᵢ = a[βᵢ + Σₜ Ωᵢₜ xₜ]        h = a[β + Ω x]
/// ```
public func fullyConnectedLayer(_ x: [Double], weights Ω: Matrix, bias β: [Double],
                                activation a: (Double) -> Double = relu) -> [Double] {
    precondition(β.count == Ω.rows, "a layer with \(Ω.rows) units needs \(Ω.rows) biases, not \(β.count)")
    let f = Ω * Matrix(column: x)
    return (0..<Ω.rows).map { i in a(β[i] + f[i, 0]) }
}

/// Returns how many parameters a fully connected layer from `inputs` to `outputs` units has:
/// `outputs · inputs + outputs`.
public func fullyConnectedParameterCount(inputs: Int, outputs: Int) -> Int {
    outputs * inputs + outputs
}
