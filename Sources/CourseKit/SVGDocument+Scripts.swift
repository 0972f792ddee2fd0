/// Subscripts and superscripts in SVG text.
///
/// A label may write `x_i`, `W_{cd}`, `2^l` or `ℝ^{C_i×C_o×K}` as in the lesson texts; the
/// drawing shows them as real subscripts and superscripts (smaller, shifted with `dy`, which
/// every SVG renderer follows), never as the raw marks.
extension SVGDocument {
    /// One run of text at one height: `offset` in units of the font size, positive downwards.
    struct ScriptRun: Equatable {
        var text: String
        var offset: Double
    }

    /// Returns the runs of a label: `_` and `^` followed by `{…}` (which may nest) or by a run
    /// of letters and digits lower or raise that part; everything else stays on the baseline.
    ///
    ///     runs("W_{cd} + b_c")   // "W", "cd" lowered, " + b", "c" lowered
    static func scriptRuns(_ label: String) -> [ScriptRun] {
        var runs: [ScriptRun] = []
        func append(_ text: String, _ offset: Double) {
            guard !text.isEmpty else { return }
            if let last = runs.last, last.offset == offset {
                runs[runs.count - 1].text += text
            } else {
                runs.append(ScriptRun(text: text, offset: offset))
            }
        }
        func parse(_ characters: ArraySlice<Character>, offset: Double) {
            var i = characters.startIndex
            var plain = ""
            while i < characters.endIndex {
                let c = characters[i]
                let next = characters.index(after: i)
                guard c == "_" || c == "^", next < characters.endIndex else {
                    plain.append(c)
                    i = next
                    continue
                }
                let shift = offset + (c == "_" ? 0.3 : -0.4)
                if characters[next] == "{", let close = matchingBrace(characters, from: next) {
                    append(plain, offset)
                    plain = ""
                    parse(characters[characters.index(after: next)..<close], offset: shift)
                    i = characters.index(after: close)
                } else if characters[next].isLetter || characters[next].isNumber {
                    append(plain, offset)
                    plain = ""
                    var end = next
                    while end < characters.endIndex && (characters[end].isLetter || characters[end].isNumber) {
                        end = characters.index(after: end)
                    }
                    append(String(characters[next..<end]), shift)
                    i = end
                } else {
                    plain.append(c)
                    i = next
                }
            }
            append(plain, offset)
        }
        parse(ArraySlice(Array(label)), offset: 0)
        return runs
    }

    /// Returns the index of the `}` that closes the `{` at `open`, or nil.
    private static func matchingBrace(_ characters: ArraySlice<Character>, from open: Int) -> Int? {
        var depth = 0
        for i in open..<characters.endIndex {
            if characters[i] == "{" { depth += 1 }
            if characters[i] == "}" { depth -= 1 }
            if depth == 0 { return i }
        }
        return nil
    }

    /// Returns a label as the content of a `<text>` element: plain runs as they are, lowered
    /// and raised runs as `<tspan>`s three quarters the size, each moved by `dy` from the
    /// previous one so that the text returns to the baseline after them. The element needs
    /// `xml:space="preserve"` (see `hasScripts`), or a space at the edge of a `<tspan>` is lost.
    static func scriptMarkup(_ label: String, size: Double) -> String {
        let runs = scriptRuns(label)
        guard runs.contains(where: { $0.offset != 0 }) else { return escaped(label) }
        var markup = ""
        var current = 0.0
        for run in runs {
            let dy = (run.offset - current) * size
            let attributes = (dy == 0 ? "" : " dy=\"\(rounded(dy))\"")
                + (run.offset == 0 ? "" : " font-size=\"\(rounded(0.75 * size))\"")
            markup += attributes.isEmpty ? escaped(run.text) : "<tspan\(attributes)>\(escaped(run.text))</tspan>"
            current = run.offset
        }
        return markup
    }

    /// Whether a label has any subscript or superscript.
    static func hasScripts(_ label: String) -> Bool {
        scriptRuns(label).contains { $0.offset != 0 }
    }

    /// Returns a label without its script marks, for places that take plain text only (the
    /// document's accessible title): `ℝ^{C_i×C_o}` becomes `ℝ^(C_i×C_o)`.
    static func plainScripts(_ label: String) -> String {
        var result = ""
        var groups: [Bool] = []          // for each open brace: whether it opened a script group
        var previous: Character?
        for c in label {
            switch c {
            case "{":
                let script = previous == "^" || previous == "_"
                groups.append(script)
                result.append(script ? "(" : "{")
            case "}":
                result.append(groups.popLast() == true ? ")" : "}")
            default:
                result.append(c)
            }
            previous = c
        }
        return result
    }

    private static func rounded(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : r.description
    }
}
