/// A plain-text table with aligned columns, for the lessons' live output.
///
///     var table = TextTable(header: ["x", "σ(x)"])
///     table.append(["0", "0.5"])
///     print(table)
public struct TextTable: CustomStringConvertible, Sendable {
    /// The column titles.
    public var header: [String]
    /// The rows, each with one cell per column.
    public var rows: [[String]] = []

    /// Creates an empty table with the given column titles.
    public init(header: [String]) { self.header = header }

    /// Appends a row of cells.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table with a rule under its header; text columns align left, numbers right.
    public var description: String {
        let all = [header] + rows
        let count = all.map(\.count).max() ?? 0
        let widths = (0..<count).map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<count).map { j in
                let cell = j < cells.count ? cells[j] : ""
                let padding = String(repeating: " ", count: widths[j] - cell.count)
                return looksNumeric(cell) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).map { trimmedRight($0) }.joined(separator: "\n")
    }

    private func looksNumeric(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        return "0123456789−-∞.".unicodeScalars.contains(first) && !cell.contains(" ")
    }

    private func trimmedRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
