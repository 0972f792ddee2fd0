import CourseKit
import SubmissionRuntime

/// A number, an array or a matrix seen uniformly as a shaped list of numbers, so that one
/// comparison and one diagnosis serve them all.
public struct Numbers: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case scalar, array, matrix }
    public let kind: Kind
    public let rows: Int
    public let columns: Int
    public let scalars: [Double]

    public init(_ x: Double) { kind = .scalar; rows = 1; columns = 1; scalars = [x] }
    public init(_ xs: [Double]) { kind = .array; rows = xs.count; columns = 1; scalars = xs }
    public init(_ m: Matrix) { kind = .matrix; rows = m.rows; columns = m.columns; scalars = m.scalars }
    public init(_ ns: [Int]) { self.init(ns.map(Double.init)) }

    /// The shape in words: "a number", "an array of 3 numbers", "a 2×3 matrix".
    var shapeDescription: String {
        switch kind {
        case .scalar: "a number"
        case .array: "an array of \(rows) numbers"
        case .matrix: "a \(rows)×\(columns) matrix"
        }
    }

    func sameShape(as other: Numbers) -> Bool { kind == other.kind && rows == other.rows && columns == other.columns }

    /// The index of entry `i` as a student writes it: `[3]` or `[1, 2]`.
    func indexText(_ i: Int) -> String {
        switch kind {
        case .scalar: ""
        case .array: "[\(i)]"
        case .matrix: "[\(i / columns), \(i % columns)]"
        }
    }

    var transposed: Numbers {
        guard kind == .matrix else { return self }
        return Numbers(Matrix(rows: rows, columns: columns, scalars: scalars).transposed)
    }
}
