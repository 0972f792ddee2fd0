import CourseKit

/// Returns a vector written on one line, `[1, 3, −0.5]`.
func formatVector(_ v: [Double], digits: Int = 4) -> String {
    "[" + v.map { formatNumber($0, digits: digits) }.joined(separator: ", ") + "]"
}

/// Returns a row of a signal as a strip of shades, one character per entry (`█` where true).
func formatPattern(_ marks: [Bool]) -> String {
    String(marks.map { $0 ? "█" : "·" })
}
