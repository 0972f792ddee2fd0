infix operator .* : MultiplicationPrecedence

extension Matrix {
    /// Returns the entrywise sum `A + B`; the shapes must agree.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        a.combined(with: b, "+", +)
    }

    /// Returns the entrywise difference `A − B`; the shapes must agree.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        a.combined(with: b, "-", -)
    }

    /// Returns the entrywise (Hadamard) product `A ⊙ B`; the shapes must agree.
    public static func .* (a: Matrix, b: Matrix) -> Matrix {
        a.combined(with: b, ".*", *)
    }

    /// Returns `−A`.
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    /// Returns `cA`, every entry multiplied by `c`.
    public static func * (c: Double, a: Matrix) -> Matrix { a.map { c * $0 } }

    /// Returns `Ac`, every entry multiplied by `c`.
    public static func * (a: Matrix, c: Double) -> Matrix { a.map { $0 * c } }

    /// Returns `A / c`, every entry divided by `c`.
    public static func / (a: Matrix, c: Double) -> Matrix { a.map { $0 / c } }

    /// Adds `B` to `A` entrywise.
    public static func += (a: inout Matrix, b: Matrix) { a = a + b }

    /// Subtracts `B` from `A` entrywise.
    public static func -= (a: inout Matrix, b: Matrix) { a = a - b }

    /// Returns the matrix product `AB`; `A.columns` must equal `B.rows`.
    /// ```
    /// (AB)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ
    /// ```
    /// - Complexity: O(A.rows × A.columns × B.columns).
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        require(a.columns == b.rows,
                     "cannot multiply a \(a.rows)×\(a.columns) matrix by a \(b.rows)×\(b.columns) matrix")
        var product = [Double](repeating: 0, count: a.rows * b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a.scalars[i * a.columns + k]
                if aik == 0 { continue }
                for j in 0..<b.columns {
                    product[i * b.columns + j] += aik * b.scalars[k * b.columns + j]
                }
            }
        }
        return Matrix(rows: a.rows, columns: b.columns, scalars: product)
    }

    /// Returns the matrix with the column vector `v` added to each of its columns.
    /// ```
    /// (A + v𝟙ᵀ)ᵢⱼ = Aᵢⱼ + vᵢ        β + ΩH for a batch H stored as columns
    /// ```
    public func addingToEachColumn(_ v: Matrix) -> Matrix {
        require(v.columns == 1 && v.rows == rows,
                     "cannot add a \(v.rows)×\(v.columns) vector to each column of a \(rows)×\(columns) matrix")
        return Matrix(rows: rows, columns: columns) { i, j in self[i, j] + v.scalars[i] }
    }

    private func combined(with b: Matrix, _ symbol: String, _ op: (Double, Double) -> Double) -> Matrix {
        require(rows == b.rows && columns == b.columns,
                     "shapes \(rows)×\(columns) and \(b.rows)×\(b.columns) differ in A \(symbol) B")
        return Matrix(rows: rows, columns: columns, scalars: zip(scalars, b.scalars).map(op))
    }
}

/// Returns the dot product `uᵀv = Σᵢ uᵢvᵢ` of two arrays of the same length.
public func dot(_ u: [Double], _ v: [Double]) -> Double {
    require(u.count == v.count, "cannot take the dot product of lengths \(u.count) and \(v.count)")
    var total = 0.0
    for i in u.indices { total += u[i] * v[i] }
    return total
}
