import CourseKit

/// A value an answer key can hold: written as tokens (numbers, without spaces) and read back
/// exactly.
public protocol AnswerValue {
    /// Appends the value's tokens.
    func writeAnswer(to tokens: inout [String])
    /// Reads a value written by `writeAnswer`, consuming its tokens; nil when they do not fit.
    init?(answerTokens tokens: inout ArraySlice<Substring>)
    /// What a key that was not recorded answers, so that nothing crashes.
    static var standIn: Self { get }
}

extension AnswerValue {
    /// The value as one line of text.
    public var answerText: String {
        var tokens: [String] = []
        writeAnswer(to: &tokens)
        return tokens.joined(separator: " ")
    }

    /// Reads a whole line written by `answerText`; nil when anything is left over or missing.
    public init?(answerText: String) {
        var tokens = answerText.split(separator: " ")[...]
        guard let value = Self(answerTokens: &tokens), tokens.isEmpty else { return nil }
        self = value
    }
}

extension Int: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) { tokens.append(String(self)) }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let first = tokens.popFirst(), let value = Int(first) else { return nil }
        self = value
    }
    public static var standIn: Int { 0 }
}

extension Double: AnswerValue {
    /// Swift's shortest text that reads back as the same number (nan and ±inf included).
    public func writeAnswer(to tokens: inout [String]) { tokens.append(description) }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let first = tokens.popFirst(), let value = Double(first) else { return nil }
        self = value
    }
    public static var standIn: Double { 0 }
}

extension Bool: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) { tokens.append(self ? "1" : "0") }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let first = tokens.popFirst(), first == "0" || first == "1" else { return nil }
        self = first == "1"
    }
    public static var standIn: Bool { false }
}

/// A list: its count, then its elements.
extension Array: AnswerValue where Element: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) {
        tokens.append(String(count))
        for element in self { element.writeAnswer(to: &tokens) }
    }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let first = tokens.popFirst(), let count = Int(first), count >= 0, count <= tokens.count + 1 else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard let element = Element(answerTokens: &tokens) else { return nil }
            elements.append(element)
        }
        self = elements
    }
    public static var standIn: [Element] { [] }
}

/// A matrix: its rows, its columns, then its entries row by row.
extension Matrix: AnswerValue {
    public func writeAnswer(to tokens: inout [String]) {
        tokens.append(String(rows))
        tokens.append(String(columns))
        for value in scalars { value.writeAnswer(to: &tokens) }
    }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let r = Int(answerTokens: &tokens), let c = Int(answerTokens: &tokens), r >= 0, c >= 0,
              r.multipliedReportingOverflow(by: c).overflow == false, r * c <= tokens.count else { return nil }
        var scalars: [Double] = []
        scalars.reserveCapacity(r * c)
        for _ in 0..<(r * c) {
            guard let value = Double(answerTokens: &tokens) else { return nil }
            scalars.append(value)
        }
        self.init(rows: r, columns: c, scalars: scalars)
    }
    /// A 1×1 zero: the shape most stand-ins can be used in without a crash.
    public static var standIn: Matrix { Matrix(rows: 1, columns: 1) }
}

/// Two answers given together (a tuple's parts).
public struct AnswerPair<A: AnswerValue, B: AnswerValue>: AnswerValue {
    public var first: A
    public var second: B
    public init(_ first: A, _ second: B) { self.first = first; self.second = second }
    public func writeAnswer(to tokens: inout [String]) {
        first.writeAnswer(to: &tokens)
        second.writeAnswer(to: &tokens)
    }
    public init?(answerTokens tokens: inout ArraySlice<Substring>) {
        guard let a = A(answerTokens: &tokens), let b = B(answerTokens: &tokens) else { return nil }
        self.init(a, b)
    }
    public static var standIn: AnswerPair { AnswerPair(A.standIn, B.standIn) }
}

extension Array where Element: AnswerValue {
    /// Reads `count` values written one after the other (without a count in front).
    public init?(count: Int, answerTokens tokens: inout ArraySlice<Substring>) {
        var elements: [Element] = []
        for _ in 0..<count {
            guard let element = Element(answerTokens: &tokens) else { return nil }
            elements.append(element)
        }
        self = elements
    }
}
