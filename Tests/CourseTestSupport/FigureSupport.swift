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

/// The folder of the course's sources: the one that holds `lessons/`.
public let courseRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Expects the figures to be exactly `expected`, each with a kebab-case name, well-formed,
/// titled, and named in the lesson text.
public func expectFigures(_ figures: [String: String], _ expected: [String], namedIn lessonFile: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(figures.keys.sorted() == expected.sorted(),
            "figures: expected \(expected.sorted()), observed \(figures.keys.sorted())", sourceLocation: sourceLocation)
    let text = (try? String(contentsOf: courseRoot.appendingPathComponent("lessons/" + lessonFile), encoding: .utf8)) ?? ""
    for (name, svg) in figures.sorted(by: { $0.key < $1.key }) {
        #expect(name.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*\.svg/) != nil, "\(name) is not kebab-case",
                sourceLocation: sourceLocation)
        let problems = svgProblems(svg), named = text.contains("`\(name)`")
        #expect(problems.isEmpty, "\(name): \(problems)", sourceLocation: sourceLocation)
        #expect(named, "lessons/\(lessonFile) does not name \(name)", sourceLocation: sourceLocation)
    }
}

/// Expects the figures committed beside the lesson texts, in `lessons/figures/lessonN`, to be
/// exactly the figures the lesson's code draws now, byte for byte, with no file left over; and
/// the lesson text to show every one of them inline, as `![…](figures/lessonN/NAME.svg)`.
/// A figure whose code changed without its copy being written again fails here.
public func expectCommittedFigures(_ figures: [String: String], lesson: Int, text lessonFile: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = "lessons/figures/lesson\(lesson)"
    let regenerate = "write them again with `swift run course run lesson\(lesson) --svg \(folder)`"
    let directory = courseRoot.appendingPathComponent(folder)
    let committed = Set((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
    let leftOver = committed.subtracting(figures.keys).filter { $0.hasSuffix(".svg") }.sorted()
    #expect(leftOver.isEmpty, "\(folder) holds figures the lesson no longer draws: \(leftOver)", sourceLocation: sourceLocation)
    let text = (try? String(contentsOf: courseRoot.appendingPathComponent("lessons/" + lessonFile), encoding: .utf8)) ?? ""
    for (name, svg) in figures.sorted(by: { $0.key < $1.key }) {
        let copy = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        if copy == nil {
            Issue.record("\(folder)/\(name) is missing: \(regenerate)", sourceLocation: sourceLocation)
        } else if copy != svg {
            let lines = (copy ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let drawn = svg.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(lines, drawn).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(lines.count, drawn.count)
            Issue.record("\(folder)/\(name) differs from what the code draws, from line \(first + 1) on: \(regenerate)",
                         sourceLocation: sourceLocation)
        }
        #expect(text.contains("](figures/lesson\(lesson)/\(name))"), "lessons/\(lessonFile) does not show \(name) inline",
                sourceLocation: sourceLocation)
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
