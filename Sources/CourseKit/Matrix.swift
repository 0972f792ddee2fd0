#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// A dense matrix of `Double`s stored row by row.
///
/// The course writes vectors as columns, as the lecture documents do: a vector of length n
/// is an n×1 matrix, and a layer is `f = β + Ω h`.
/// ```
///          ⎡ a₀₀ a₀₁ a₀₂ ⎤
///   A  =   ⎣ a₁₀ a₁₁ a₁₂ ⎦     rows = 2, columns = 3, A[1, 2] = a₁₂
/// ```
public struct Matrix: Equatable, Hashable, Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries, row by row: entry (i, j) is `scalars[i * columns + j]`.
    public var scalars: [Double]

    /// Creates a matrix of the given shape with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        require(rows >= 0 && columns >= 0, "a matrix cannot have a negative shape")
        self.rows = rows
        self.columns = columns
        self.scalars = Array(repeating: value, count: rows * columns)
    }

    /// Creates a matrix of the given shape from its entries listed row by row.
    public init(rows: Int, columns: Int, scalars: [Double]) {
        require(rows >= 0 && columns >= 0, "a matrix cannot have a negative shape")
        require(scalars.count == rows * columns,
                     "a \(rows)×\(columns) matrix needs \(rows * columns) entries, not \(scalars.count)")
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// Creates a matrix from its rows; every row must have the same length.
    ///
    ///     Matrix([[1, 2, 3],
    ///             [4, 5, 6]])      // 2×3
    public init(_ rows: [[Double]]) {
        let width = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == width }, "every row of a matrix must have the same length")
        self.init(rows: rows.count, columns: width, scalars: rows.flatMap { $0 })
    }

    /// Creates a column vector (an n×1 matrix).
    public init(column: [Double]) {
        self.init(rows: column.count, columns: 1, scalars: column)
    }

    /// Creates a row vector (a 1×n matrix).
    public init(row: [Double]) {
        self.init(rows: 1, columns: row.count, scalars: row)
    }

    /// Creates a matrix whose entry (i, j) is `entry(i, j)`.
    public init(rows: Int, columns: Int, entry: (Int, Int) -> Double) {
        var scalars: [Double] = []
        scalars.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { scalars.append(entry(i, j)) }
        }
        self.init(rows: rows, columns: columns, scalars: scalars)
    }

    /// Returns the n×n identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        Matrix(rows: n, columns: n) { i, j in i == j ? 1 : 0 }
    }

    /// The shape as `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The number of entries, `rows × columns`.
    public var count: Int { scalars.count }

    /// The entry in row `i` and column `j`, both counted from 0.
    public subscript(i: Int, j: Int) -> Double {
        get {
            require(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) is outside a \(rows)×\(columns) matrix")
            return scalars[i * columns + j]
        }
        set {
            require(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) is outside a \(rows)×\(columns) matrix")
            scalars[i * columns + j] = newValue
        }
    }

    /// Returns row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        Array(scalars[(i * columns)..<((i + 1) * columns)])
    }

    /// Returns column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        (0..<rows).map { self[$0, j] }
    }

    /// Returns the matrix with rows and columns swapped, `Aᵀ`.
    ///
    /// - Complexity: O(rows × columns).
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in self[j, i] }
    }

    /// Returns the matrix with `transform` applied to every entry.
    public func map(_ transform: (Double) throws -> Double) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, scalars: try scalars.map(transform))
    }

    /// Returns the sum of all entries.
    public func sum() -> Double { scalars.reduce(0, +) }

    /// Returns the column vector of the sums of each row, `A 𝟙`.
    public func rowSums() -> Matrix {
        Matrix(column: (0..<rows).map { row($0).reduce(0, +) })
    }

    /// Returns the row vector of the sums of each column, `𝟙ᵀ A`.
    public func columnSums() -> Matrix {
        Matrix(row: (0..<columns).map { column($0).reduce(0, +) })
    }

    /// Returns the rows of the matrix as arrays.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }
}
