import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// The checks every lesson's figure test makes.

/// Returns what would keep an SVG file from opening in a browser, or from being read aloud:
/// XML that is not well-formed (the parser does not notice an element left open at the end,
/// so the reader counts them), a root element other than `<svg>`, a missing or empty `<title>`.
public func svgProblems(_ svg: String) -> [String] {
    let reader = SVGReader()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = reader
    var problems: [String] = []
    if !parser.parse() {
        problems.append("not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): "
                        + (parser.parserError.map { "\($0)" } ?? "unknown error"))
    }
    if reader.depth != 0 { problems.append("\(reader.depth) element(s) never closed") }
    if reader.root != "svg" { problems.append("the root element is <\(reader.root ?? "")>, not <svg>") }
    if reader.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("no <title>") }
    return problems
}

/// Expects the figures to be exactly `expected`, each with a kebab-case name, well-formed,
/// titled, and named in the lesson text.
public func expectFigures(_ figures: [String: String], _ expected: [String], namedIn lessonFile: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(figures.keys.sorted() == expected.sorted(),
            "figures: expected \(expected.sorted()), observed \(figures.keys.sorted())", sourceLocation: sourceLocation)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let text = (try? String(contentsOf: root.appendingPathComponent("lessons/" + lessonFile), encoding: .utf8)) ?? ""
    for (name, svg) in figures.sorted(by: { $0.key < $1.key }) {
        #expect(name.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*\.svg/) != nil, "\(name) is not kebab-case",
                sourceLocation: sourceLocation)
        let problems = svgProblems(svg), named = text.contains("`\(name)`")
        #expect(problems.isEmpty, "\(name): \(problems)", sourceLocation: sourceLocation)
        #expect(named, "lessons/\(lessonFile) does not name \(name)", sourceLocation: sourceLocation)
    }
}

/// Collects the root element and the text of `<title>` while the parser reads a file.
final class SVGReader: NSObject, XMLParserDelegate {
    var root: String?
    var title = ""
    /// How many elements are open.
    private(set) var depth = 0
    private var inTitle = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if depth == 0 { root = elementName }
        if depth == 1 && elementName == "title" { inTitle = true }
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        depth -= 1
        if elementName == "title" { inTitle = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
    }
}
