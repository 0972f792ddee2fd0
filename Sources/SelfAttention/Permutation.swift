import CourseKit

/// Returns the matrix with its columns reordered: column n of the result is column
/// `order[n]` of `x`, that is X P for the permutation matrix P with P[order[n], n] = 1.
public func permutingColumns(_ x: Matrix, _ order: [Int]) -> Matrix {
    precondition(order.sorted() == Array(0..<x.columns), "the order must list every column once")
    return Matrix(rows: x.rows, columns: x.columns) { i, n in x[i, order[n]] }
}

/// Returns the matrix with both its rows and its columns reordered, Pᵀ A P: how an attention
/// matrix changes when the inputs are permuted.
public func permutingRowsAndColumns(_ a: Matrix, _ order: [Int]) -> Matrix {
    precondition(a.rows == a.columns, "only a square matrix can be permuted on both sides")
    return Matrix(rows: a.rows, columns: a.columns) { m, n in a[order[m], order[n]] }
}

/// Returns the largest absolute difference between two matrices of the same shape.
public func largestDifference(_ a: Matrix, _ b: Matrix) -> Double {
    precondition(a.shape == b.shape, "the matrices have different shapes")
    return (a - b).scalars.map(abs).max() ?? 0
}
