import CourseKit

/// Returns the same linear map applied to every input column: values, queries and keys are
/// all made this way.
/// ```
///   P = β𝟙ᵀ + Ω X        pₙ = β + Ω xₙ   for every column n
/// ```
/// - Complexity: O(rows(Ω) · D · N).
public func project(_ x: Matrix, weights Ω: Matrix, bias β: Matrix) -> Matrix {
    (Ω * x).addingToEachColumn(β)
}

/// Returns the gradients through `project`, given `upstream` = ∂L/∂P.
/// ```
///   ∂L/∂X = Ωᵀ ∂L/∂P        ∂L/∂Ω = ∂L/∂P Xᵀ        ∂L/∂β = ∂L/∂P 𝟙   (summed over columns)
/// ```
/// The bias is shared by all N columns, so its gradient adds up the N columns' gradients.
public func projectionGradients(_ x: Matrix, weights Ω: Matrix, upstream: Matrix)
    -> (input: Matrix, weights: Matrix, bias: Matrix) {
    (Ω.transposed * upstream, upstream * x.transposed, upstream.rowSums())
}
