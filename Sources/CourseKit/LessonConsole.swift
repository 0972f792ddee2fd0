/// Where a lesson's live run writes what it shows: headings, text, tables and plots.
///
/// `course run lessonN` prints to the terminal through it; tests collect the same output
/// as a string and check the numbers in it.
public final class LessonConsole {
    private let write: (String) -> Void

    /// Creates a console that passes every finished line to `write`.
    public init(write: @escaping (String) -> Void) {
        self.write = write
    }

    /// Writes a section heading, numbered as in the lesson text.
    ///
    ///     ── 2. Training on separable data ─────────────────────
    public func heading(_ title: String) {
        let rule = String(repeating: "─", count: max(60 - title.count - 4, 4))
        write("")
        write("── \(title) \(rule)")
        write("")
    }

    /// Writes text, which may span several lines.
    public func text(_ text: String = "") {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { write(String(line)) }
    }

    /// Writes a multi-line block (a table, a matrix or a plot) indented by two spaces.
    public func block(_ block: CustomStringConvertible) {
        for line in block.description.split(separator: "\n", omittingEmptySubsequences: false) {
            write(line.isEmpty ? "" : "  " + line)
        }
    }
}
