/// Where a lesson's live run writes what it shows: headings, text, tables and plots.
///
/// `course run lessonN` prints to the terminal through it; tests collect the same output
/// as a string and check the numbers in it. Prose is wrapped to `width` columns; tables,
/// matrices and plots are written as they are.
public final class LessonConsole {
    private let write: (String) -> Void
    private let saveFigure: ((String, String) -> Void)?
    /// The number of columns that prose is wrapped to.
    public let width: Int

    /// Creates a console that passes every finished line to `write`, and, when `saveFigure`
    /// is given, every figure's file name and SVG text to it.
    ///
    /// - Parameter width: the columns prose may fill; by default the width of the terminal
    ///   that standard output is, or 80 when it is not a terminal.
    public init(width: Int = LessonConsole.standardOutputWidth, write: @escaping (String) -> Void,
                saveFigure: ((String, String) -> Void)? = nil) {
        self.width = max(width, 40)
        self.write = write
        self.saveFigure = saveFigure
    }

    /// The width of the terminal that standard output is, or 80 when it is not a terminal.
    public static var standardOutputWidth: Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return 80
        }
        return Int(size.ws_col)
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

    /// Writes the lesson's title line, the same for every lesson: `Lesson 2 — Title`.
    public func title(_ lesson: any LiveLesson.Type) {
        text("Lesson \(lesson.number) — \(lesson.title)")
    }

    /// Writes a section heading, numbered as in the lesson text.
    ///
    ///     ── 2. Training on separable data ─────────────────────
    public func heading(_ title: String) {
        let rule = String(repeating: "─", count: max(min(60, width) - title.count - 4, 4))
        write("")
        write("── \(title) \(rule)")
        write("")
    }

    /// Writes text, which may span several lines; a line longer than `width` is wrapped
    /// between words, its continuation indented like the line itself.
    public func text(_ text: String = "") {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for piece in wrapped(String(line), width: width) { write(piece) }
        }
    }

    /// Writes a multi-line block (a table, a matrix or a plot) indented by two spaces.
    public func block(_ block: CustomStringConvertible) {
        for line in block.description.split(separator: "\n", omittingEmptySubsequences: false) {
            write(line.isEmpty ? "" : "  " + line)
        }
    }
}

/// Returns one line of prose broken between words into lines of at most `width` characters;
/// every line after the first keeps the first line's indentation. A word longer than a line
/// is cut after its last comma that fits, or else where the line ends.
///
///     wrapped("  one two three", width: 10)   // ["  one two", "  three"]
/// - Complexity: O(n) for a line of n characters.
public func wrapped(_ line: String, width: Int) -> [String] {
    guard line.count > width else { return [line] }
    let indent = String(line.prefix { $0 == " " })
    let room = max(width - indent.count, 10)
    var lines: [String] = []
    var current = ""
    for word in line.dropFirst(indent.count).split(separator: " ") {
        if current.isEmpty || current.count + 1 + word.count <= room {
            current += (current.isEmpty ? "" : " ") + word
        } else {
            lines.append(current)
            current = String(word)
        }
        while current.count > room {
            // A single word too long for a line: cut it after a comma if one fits.
            let head = current.prefix(room)
            let cut = head.lastIndex(of: ",").map { current.index(after: $0) } ?? head.endIndex
            lines.append(String(current[..<cut]))
            current = String(current[cut...])
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.map { indent + $0 }
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
