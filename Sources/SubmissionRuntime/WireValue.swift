import CourseKit

/// A value crossing between the grader and a submission: the arguments of a call and its
/// result.
///
/// It is written as space-separated tokens on one line, each value introduced by a tag:
/// ```
/// d 0.5                 a Double (also nan, inf, -inf)
/// i 3                   an Int
/// b 1                   a Bool
/// v 3 1.0 2.0 3.0       a [Double]
/// n 2 4 5               an [Int]
/// m 2 3 1 2 3 4 5 6     a 2×3 Matrix, row by row
/// l 2 <value> <value>   a list: a tuple, a [[Double]] or a [Matrix]
/// ```
/// Doubles are written with Swift's shortest round-trip form, so every value arrives exactly.
public indirect enum WireValue: Equatable, Sendable {
    case double(Double)
    case int(Int)
    case bool(Bool)
    case doubles([Double])
    case ints([Int])
    case matrix(Matrix)
    case list([WireValue])

    /// Returns the value in wire form.
    public var encoded: String {
        var out = ""
        encode(into: &out)
        return out
    }

    func encode(into out: inout String) {
        switch self {
        case .double(let x): out += "d " + x.description
        case .int(let n): out += "i " + String(n)
        case .bool(let b): out += b ? "b 1" : "b 0"
        case .doubles(let xs):
            out += "v " + String(xs.count)
            for x in xs { out += " " + x.description }
        case .ints(let ns):
            out += "n " + String(ns.count)
            for n in ns { out += " " + String(n) }
        case .matrix(let m):
            out += "m \(m.rows) \(m.columns)"
            for x in m.scalars { out += " " + x.description }
        case .list(let items):
            out += "l " + String(items.count)
            for item in items {
                out += " "
                item.encode(into: &out)
            }
        }
    }

    /// The deepest nesting of lists a message may have: every value of the course is at most
    /// a list of lists of matrices, and a bound keeps a hostile reply from exhausting the
    /// stack of the process that reads it.
    public static let maxDepth = 16

    /// Parses one value from the tokens, starting at `index` and moving it past the value.
    public static func decode(_ tokens: [Substring], at index: inout Int, depth: Int = 0) throws(WireError) -> WireValue {
        guard depth <= maxDepth else { throw .malformed("lists nested more than \(maxDepth) deep") }
        func next() throws(WireError) -> Substring {
            guard index < tokens.count else { throw .malformed("the value ends too early") }
            defer { index += 1 }
            return tokens[index]
        }
        func count() throws(WireError) -> Int {
            let token = try next()
            guard let n = Int(token), n >= 0, n <= 50_000_000 else { throw .malformed("bad count '\(token)'") }
            return n
        }
        func double() throws(WireError) -> Double {
            let token = try next()
            guard let x = Double(token) else { throw .malformed("bad number '\(token)'") }
            return x
        }
        func int() throws(WireError) -> Int {
            let token = try next()
            guard let n = Int(token) else { throw .malformed("bad integer '\(token)'") }
            return n
        }
        switch try next() {
        case "d": return .double(try double())
        case "i": return .int(try int())
        case "b": return .bool(try int() != 0)
        case "v":
            let n = try count()
            guard n <= tokens.count - index else { throw .malformed("the value ends too early") }
            var xs: [Double] = []
            xs.reserveCapacity(n)
            for _ in 0..<n { xs.append(try double()) }
            return .doubles(xs)
        case "n":
            let n = try count()
            var ns: [Int] = []
            for _ in 0..<n { ns.append(try int()) }
            return .ints(ns)
        case "m":
            let rows = try count(), columns = try count()
            let product = rows.multipliedReportingOverflow(by: columns)
            guard !product.overflow, product.partialValue <= 50_000_000 else { throw .malformed("matrix too large") }
            guard product.partialValue <= tokens.count - index else { throw .malformed("the value ends too early") }
            var xs: [Double] = []
            xs.reserveCapacity(rows * columns)
            for _ in 0..<(rows * columns) { xs.append(try double()) }
            return .matrix(Matrix(rows: rows, columns: columns, scalars: xs))
        case "l":
            let n = try count()
            var items: [WireValue] = []
            guard n <= tokens.count - index else { throw .malformed("the value ends too early") }
            for _ in 0..<n { items.append(try decode(tokens, at: &index, depth: depth + 1)) }
            return .list(items)
        case let tag:
            throw .malformed("unknown tag '\(tag)'")
        }
    }

    /// Parses a whole string holding exactly one value.
    public init(parsing text: Substring) throws(WireError) {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true)
        var index = 0
        self = try WireValue.decode(tokens, at: &index)
        guard index == tokens.count else { throw .malformed("unexpected text after the value") }
    }
}

/// What can go wrong reading the wire.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case typeMismatch(expected: String, found: String)
    case unknownFunction(String)
    case badArgumentIndex(Int)

    public var description: String {
        switch self {
        case .malformed(let why): "malformed message: \(why)"
        case .typeMismatch(let expected, let found): "expected \(expected), found \(found)"
        case .unknownFunction(let name): "no function named '\(name)'"
        case .badArgumentIndex(let i): "argument \(i) is missing"
        }
    }
}
