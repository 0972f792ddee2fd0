import CourseKit

/// Reads a check's messages as a student would, and finds the explanations that their own
/// numbers contradict: a constant factor whose ratios differ from entry to entry or case to
/// case, or that is 1 or rounding noise; a sign flip between numbers of different sizes; an
/// all-zero claim about a non-zero value; a relative error of 0 for an entry called wrong; a
/// finding printed twice.
///
/// `course verify` runs it on every mutant's visible report, so that an explanation that
/// claims more than the numbers show is a failure of the catalogue, not a student's puzzle.
enum ExplanationAudit {
    /// One message read back: the quantity it is about, the expected and observed numbers of
    /// its first wrong entry, and the ratio it claims, if any.
    struct Reading {
        var quantity: String
        var expected: Double?
        var observed: Double?
        var claimedFactor: Double?
        var claimsZero: Bool
    }

    /// Returns one sentence per contradiction found in the messages of one check.
    static func contradictions(in messages: [String]) -> [String] {
        var found: [String] = []
        for (i, message) in messages.enumerated() where messages[..<i].contains(message) {
            found.append("the finding '\(message.prefix(60))…' is printed twice")
        }
        let readings = messages.map(read)
        for (message, reading) in zip(messages, readings) {
            if message.contains("relative error 0)") || message.contains("relative error 0,") {
                found.append("'\(message.prefix(60))…' calls an entry wrong with a relative error of 0")
            }
            if reading.claimsZero, let observed = reading.observed, observed != 0 {
                found.append("'\(message.prefix(60))…' says the result is 0, but it shows \(formatNumber(observed, digits: 6))")
            }
            guard let c = reading.claimedFactor else { continue }
            if abs(c - 1) < 1e-3 || abs(c) < 1e-6 {
                found.append("'\(message.prefix(60))…' names a constant factor of \(formatNumber(c, digits: 6)), which is no factor")
            }
            for other in readings where other.quantity == reading.quantity {
                guard let e = other.expected, let o = other.observed, e.isFinite, o.isFinite, abs(e) > 1e-6 else { continue }
                if abs(o - c * e) > 1e-4 * abs(c * e) + 1e-6 {
                    found.append("'\(message.prefix(60))…' names a factor \(formatNumber(c, digits: 6)), but \(reading.quantity) shows "
                                 + "\(formatNumber(o, digits: 6)) for \(formatNumber(e, digits: 6)), a ratio of \(formatNumber(o / e, digits: 6))")
                    break
                }
            }
        }
        return found
    }

    /// Reads one message.
    static func read(_ message: String) -> Reading {
        let quantity = Finding.quantity(of: message)
        var expected: Double?, observed: Double?
        if let e = number(after: ": expected ", in: message), let o = number(after: ", got ", in: message) {
            (expected, observed) = (e, o)
        } else if let o = number(after: ": yours is ", in: message), let e = number(after: " is ", in: message, after: ", the central difference of ") {
            (expected, observed) = (e, o)
        }
        var factor: Double?
        if message.contains("the opposite sign") { factor = -1 }
        if message.contains("twice the expected one") { factor = 2 }
        if message.contains("half the expected one") { factor = 0.5 }
        if message.contains("−½ times the expected one") { factor = -0.5 }
        if let range = message.range(of: " times the expected one"), factor == nil {
            let before = message[..<range.lowerBound]
            let word = before.split(separator: " ").last.map(String.init) ?? ""
            factor = parse(word)
        }
        let claimsZero = message.contains("is 0 where the expected")
        return Reading(quantity: quantity, expected: expected, observed: observed, claimedFactor: factor, claimsZero: claimsZero)
    }

    /// The number printed right after `marker` (after the first `anchor`, when given).
    private static func number(after marker: String, in message: String, after anchor: String? = nil) -> Double? {
        var text = Substring(message)
        if let anchor {
            guard let range = text.range(of: anchor) else { return nil }
            text = text[range.upperBound...]
        }
        guard let range = text.range(of: marker) else { return nil }
        let word = text[range.upperBound...].prefix { !" ,;()".contains($0) }
        return parse(String(word.hasSuffix(".") ? word.dropLast() : word))
    }

    /// Parses a number as `formatNumber` prints it: `−1.5`, `2.5e−7`, `∞`, `nan`.
    static func parse(_ word: String) -> Double? {
        switch word {
        case "∞": return .infinity
        case "−∞": return -.infinity
        case "nan": return .nan
        default: return Double(word.replacingOccurrences(of: "−", with: "-"))
        }
    }
}
