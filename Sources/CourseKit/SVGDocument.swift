/// A small SVG drawing: shapes and text on a canvas, written out as a standalone `.svg`
/// file that any browser opens.
///
///     var svg = SVGDocument(width: 400, height: 300, title: "A circle")
///     svg.circle(x: 200, y: 150, radius: 40, fill: "#4477aa")
///     svg.text("centre", x: 200, y: 150, anchor: .middle)
///     let file = svg.rendered
public struct SVGDocument: Sendable {
    /// Where text sits relative to its position.
    public enum Anchor: String, Sendable { case start, middle, end }

    public let width: Double
    public let height: Double
    public let title: String
    private var elements: [String] = []

    /// Creates an empty drawing with a white background and an accessible title.
    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
        rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
    }

    /// Draws a rectangle.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, opacity: Double = 1) {
        elements.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\""
                        + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity < 1 ? " fill-opacity=\"\(n(opacity))\"" : "") + "/>")
    }

    /// Draws a straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333333",
                              width: Double = 1, dashed: Bool = false) {
        elements.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
                        + "stroke-width=\"\(n(width))\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>")
    }

    /// Draws a circle.
    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil) {
        elements.append("<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\""
                        + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    /// Draws a connected line through the points.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2,
                                  dashed: Bool = false) {
        let list = points.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" "
                        + "stroke-linejoin=\"round\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
    }

    /// Draws a closed shape through the points.
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String? = nil) {
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        elements.append("<polygon points=\"\(list)\" fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    /// Draws a line from (x1, y1) to (x2, y2) with an arrowhead at its end.
    /// ```
    ///   ──────▶      the head is 9 pixels long and 7 wide, its tip at (x2, y2)
    /// ```
    public mutating func arrow(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333333",
                               width: Double = 1.5) {
        let length = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
        guard length > 0 else { return }
        let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length)
        let (bx, by) = (x2 - 9 * ux, y2 - 9 * uy)
        line(x1: x1, y1: y1, x2: bx, y2: by, stroke: stroke, width: width)
        polygon([(x2, y2), (bx - 3.5 * uy, by + 3.5 * ux), (bx + 3.5 * uy, by - 3.5 * ux)], fill: stroke)
    }

    /// Writes text; `size` is the font size in pixels. `x_i`, `W_{cd}`, `2^l` and `ℝ^{C_i×K}`
    /// are drawn as real subscripts and superscripts (see `scriptRuns`).
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              color: String = "#222222", bold: Bool = false) {
        elements.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\" "
                        + "fill=\"\(color)\"" + (bold ? " font-weight=\"bold\"" : "")
                        + (SVGDocument.hasScripts(text) ? " xml:space=\"preserve\"" : "")
                        + ">\(SVGDocument.scriptMarkup(text, size: size))</text>")
    }

    /// The drawing as the text of an `.svg` file.
    public var rendered: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="Helvetica, Arial, sans-serif">
        <title>\(SVGDocument.escaped(SVGDocument.plainScripts(title)))</title>
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }

    /// Returns text with the five characters XML reserves replaced by entities.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Returns a coordinate with at most two decimals, as SVG writes numbers.
    private func n(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : rounded.description
    }
}
