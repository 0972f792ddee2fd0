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

/// Returns `x` in scientific notation with at most `significantDigits` significant digits,
/// trailing zeros dropped and the minus signs as `−`: the way the lessons write errors and
/// step sizes that span many orders of magnitude. Zero, infinities and NaN are written as
/// `formatNumber` writes them.
///
///     formatScientific(0.0036)                        // "3.6e−3"
///     formatScientific(0.01)                          // "1e−2"
///     formatScientific(123456, significantDigits: 2)  // "1.2e5"
public func formatScientific(_ x: Double, significantDigits: Int = 2) -> String {
    guard x != 0, x.isFinite else { return formatNumber(x) }
    let decimals = max(significantDigits - 1, 0)
    var exponent = Int(floor(log10(abs(x))))
    let scale = pow(10, Double(decimals))
    var mantissa = (abs(x) / pow(10, Double(exponent)) * scale).rounded() / scale
    if mantissa >= 10 {
        mantissa /= 10
        exponent += 1
    }
    return (x < 0 ? "−" : "") + formatNumber(mantissa, digits: decimals) + "e" + (exponent < 0 ? "−" : "") + String(abs(exponent))
}
