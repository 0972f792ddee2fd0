import CourseKit

/// A Swift type that can cross the wire in both directions.
public protocol WireConvertible {
    /// The value in wire form.
    var wireValue: WireValue { get }
    /// Reads the value back, or throws if the wire holds another type or shape.
    init(wire: WireValue) throws(WireError)
    /// The type's name as a student reads it in a message.
    static var wireTypeName: String { get }
}

extension WireValue {
    /// The kind of value, in words, for messages: "a number", "a 2×3 matrix", …
    public var kindDescription: String {
        switch self {
        case .double: "a number"
        case .int: "an integer"
        case .bool: "a Bool"
        case .doubles(let xs): "an array of \(xs.count) numbers"
        case .ints(let ns): "an array of \(ns.count) integers"
        case .matrix(let m): "a \(m.rows)×\(m.columns) matrix"
        case .list(let items): "a list of \(items.count) values"
        }
    }
}

extension Double: WireConvertible {
    public var wireValue: WireValue { .double(self) }
    public init(wire: WireValue) throws(WireError) {
        switch wire {
        case .double(let x): self = x
        case .int(let n): self = Double(n)
        default: throw .typeMismatch(expected: "a number", found: wire.kindDescription)
        }
    }
    public static var wireTypeName: String { "Double" }
}

extension Int: WireConvertible {
    public var wireValue: WireValue { .int(self) }
    public init(wire: WireValue) throws(WireError) {
        guard case .int(let n) = wire else { throw .typeMismatch(expected: "an integer", found: wire.kindDescription) }
        self = n
    }
    public static var wireTypeName: String { "Int" }
}

extension Bool: WireConvertible {
    public var wireValue: WireValue { .bool(self) }
    public init(wire: WireValue) throws(WireError) {
        guard case .bool(let b) = wire else { throw .typeMismatch(expected: "a Bool", found: wire.kindDescription) }
        self = b
    }
    public static var wireTypeName: String { "Bool" }
}

extension Matrix: WireConvertible {
    public var wireValue: WireValue { .matrix(self) }
    public init(wire: WireValue) throws(WireError) {
        guard case .matrix(let m) = wire else { throw .typeMismatch(expected: "a matrix", found: wire.kindDescription) }
        self = m
    }
    public static var wireTypeName: String { "Matrix" }
}

extension Array: WireConvertible where Element: WireConvertible {
    public var wireValue: WireValue {
        if Element.self == Double.self { return .doubles(self as! [Double]) }
        if Element.self == Int.self { return .ints(self as! [Int]) }
        return .list(map(\.wireValue))
    }
    public init(wire: WireValue) throws(WireError) {
        switch wire {
        case .doubles(let xs) where Element.self == Double.self: self = xs as! [Element]
        case .ints(let ns) where Element.self == Int.self: self = ns as! [Element]
        case .list(let items):
            var result: [Element] = []
            for item in items { result.append(try Element(wire: item)) }
            self = result
        default:
            throw .typeMismatch(expected: "an array of \(Element.wireTypeName)", found: wire.kindDescription)
        }
    }
    public static var wireTypeName: String { "[\(Element.wireTypeName)]" }
}

/// Returns a result in wire form: one value.
public func wire<T: WireConvertible>(_ value: T) -> WireValue { value.wireValue }

/// Returns a tuple result in wire form, as a list.
public func wire<A: WireConvertible, B: WireConvertible>(_ value: (A, B)) -> WireValue {
    .list([value.0.wireValue, value.1.wireValue])
}

/// Returns a tuple result in wire form, as a list.
public func wire<A: WireConvertible, B: WireConvertible, C: WireConvertible>(_ value: (A, B, C)) -> WireValue {
    .list([value.0.wireValue, value.1.wireValue, value.2.wireValue])
}

/// Returns a tuple result in wire form, as a list.
public func wire<A: WireConvertible, B: WireConvertible, C: WireConvertible, D: WireConvertible>(
    _ value: (A, B, C, D)
) -> WireValue {
    .list([value.0.wireValue, value.1.wireValue, value.2.wireValue, value.3.wireValue])
}
