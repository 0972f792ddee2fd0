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

/// A lesson that `course run lessonN` can show live.
///
/// Each lesson module has one type conforming to it, whose `run(on:)` prints, in the order
/// of the lesson text, the numbers, tables and plots that the text talks about.
public protocol LiveLesson: Sendable {
    /// The lesson's number, 1 to 6.
    static var number: Int { get }
    /// The lesson's title, as in its text.
    static var title: String { get }
    /// Runs the lesson's reference implementation and shows its results.
    static func run(on console: LessonConsole)
}
