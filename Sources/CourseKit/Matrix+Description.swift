extension Matrix: CustomStringConvertible {
    /// The matrix in rows, its entries aligned, for printing in a terminal.
    ///
    ///     ⎡ 0  −1 ⎤
    ///     ⎣ 1   0 ⎦
    public var description: String {
        if rows == 0 || columns == 0 { return "[\(rows)×\(columns) matrix]" }
        let cells = scalars.map(Matrix.format)
        var widths = [Int](repeating: 0, count: columns)
        for (index, cell) in cells.enumerated() {
            widths[index % columns] = max(widths[index % columns], cell.count)
        }
        return (0..<rows).map { i -> String in
            let (left, right): (String, String)
            switch (rows, i) {
            case (1, _): (left, right) = ("[", "]")
            case (_, 0): (left, right) = ("⎡", "⎤")
            case (_, rows - 1): (left, right) = ("⎣", "⎦")
            default: (left, right) = ("⎢", "⎥")
            }
            let line = (0..<columns).map { j in
                let cell = cells[i * columns + j]
                return String(repeating: " ", count: widths[j] - cell.count) + cell
            }
            return left + " " + line.joined(separator: "  ") + " " + right
        }.joined(separator: "\n")
    }

    /// Formats one number compactly: integers without a decimal point, others with up to
    /// four significant decimals, and the minus sign as `−`.
    static func format(_ x: Double) -> String {
        formatNumber(x)
    }
}

/// Returns `x` written compactly for tables and plots: integers without a decimal point,
/// other values with at most `digits` decimals and no trailing zeros, very large or small
/// values in scientific notation, and the minus sign as `−`.
///
///     formatNumber(2)        // "2"
///     formatNumber(0.25)     // "0.25"
///     formatNumber(1/3)      // "0.3333"
///     formatNumber(-2.5e-9)  // "−2.5e−9"
public func formatNumber(_ x: Double, digits: Int = 4) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "∞" : "−∞" }
    let magnitude = abs(x)
    let text: String
    if magnitude == magnitude.rounded(), magnitude < 1e15 {
        text = String(Int(magnitude))
    } else if magnitude >= 1e9 || magnitude < 1e-4 {
        var exponent = Int(floor(log10(magnitude)))
        var mantissa = rounded(magnitude / pow(10, Double(exponent)), decimals: min(max(digits - 1, 1), 6))
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        text = shortest(mantissa) + "e" + (exponent < 0 ? "−" : "") + String(abs(exponent))
    } else {
        text = shortest(rounded(magnitude, decimals: digits))
    }
    return (x < 0 && text != "0" ? "−" : "") + text
}

private func rounded(_ x: Double, decimals: Int) -> Double {
    let scale = pow(10, Double(decimals))
    return (x * scale).rounded() / scale
}

private func shortest(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : x.description
}

/// Returns `n` written with subscript digits, for names such as x₁ and Ω₁₂.
///
///     subscriptDigits(12)   // "₁₂"
public func subscriptDigits(_ n: Int) -> String {
    (n < 0 ? "₋" : "") + String(String(abs(n)).unicodeScalars.map { Character(UnicodeScalar($0.value - 0x30 + 0x2080)!) })
}
