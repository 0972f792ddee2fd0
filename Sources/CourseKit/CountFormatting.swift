/// Returns a non-negative integer's decimal digits in groups of three separated by commas,
/// the way every lesson writes a count.
///
///     formatCount(12922880000)   // "12,922,880,000"
///     formatCount(999)           // "999"
public func formatCount(_ n: Int) -> String {
    (n < 0 ? "−" : "") + groupDigits(String(n.magnitude))
}

/// Returns a string of decimal digits (a number too large for `Int`, say) in groups of three
/// separated by commas.
///
///     groupDigits("3136")   // "3,136"
/// - Complexity: O(n) for n digits.
public func groupDigits(_ digits: String) -> String {
    let characters = Array(digits)
    var result = ""
    for (i, c) in characters.enumerated() {
        if i > 0 && (characters.count - i) % 3 == 0 { result += "," }
        result.append(c)
    }
    return result
}
