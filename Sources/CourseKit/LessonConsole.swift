/// Where a lesson's live run writes what it shows: headings, text, tables and plots.
///
/// `course run lessonN` prints to the terminal through it; tests collect the same output
/// as a string and check the numbers in it.
public final class LessonConsole {
    private let write: (String) -> Void
    private let saveFigure: ((String, String) -> Void)?

    /// Creates a console that passes every finished line to `write`, and, when `saveFigure`
    /// is given, every figure's file name and SVG text to it.
    public init(write: @escaping (String) -> Void, saveFigure: ((String, String) -> Void)? = nil) {
        self.write = write
        self.saveFigure = saveFigure
    }

    /// Whether figures are being saved; a lesson may skip work that only a figure needs.
    public var savesFigures: Bool { saveFigure != nil }

    /// Saves a figure as `<name>.svg` when figures are wanted (`course run lessonN --svg DIR`);
    /// otherwise does nothing, without even drawing it.
    ///
    /// - Parameters:
    ///   - name: the file name without `.svg`, as the lesson text names the figure.
    ///   - draw: draws the figure.
    public func figure(_ name: String, _ draw: () -> SVGDocument) {
        guard let saveFigure else { return }
        saveFigure(name + ".svg", draw().rendered)
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
