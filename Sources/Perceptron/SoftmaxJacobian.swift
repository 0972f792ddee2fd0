import CourseKit

// Section 4 of the lesson: softmax turns C scores into C probabilities, so its derivative is
// a C×C matrix. `softmax(_:)` itself comes from CourseKit.

/// Returns the Jacobian of softmax at the scores `z`: entry (i, j) is `∂sᵢ/∂zⱼ`.
/// ```
///            e^(zᵢ)
/// sᵢ  =  -----------        ∂sᵢ/∂zⱼ = sᵢ (δᵢⱼ − sⱼ)        J = diag(s) − s sᵀ
///        Σₖ e^(zₖ)
/// ```
/// Every column of J sums to 0, because the probabilities always sum to 1.
/// - Complexity: O(C²).
public func softmaxJacobian(_ z: [Double]) -> Matrix {
    let s = softmax(z)
    return Matrix(rows: s.count, columns: s.count) { i, j in
        s[i] * ((i == j ? 1 : 0) - s[j])
    }
}

/// Checks `softmaxJacobian(z)` row by row against central differences: row i must be the
/// numeric gradient of `sᵢ` with respect to z.
/// - Complexity: O(C³) (2C + 1 softmax evaluations for each of the C rows).
public func checkSoftmaxJacobian(at z: [Double], checker: GradientCheck = GradientCheck())
    -> (passed: Bool, maxRelativeError: Double) {
    let jacobian = softmaxJacobian(z)
    let results = (0..<z.count).map { i in
        checker.check(analytic: jacobian.row(i), of: { softmax($0)[i] }, at: z)
    }
    return (results.allSatisfy(\.passed), results.map(\.maxRelativeError).max() ?? 0)
}
