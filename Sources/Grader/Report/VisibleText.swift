/// Returns text written by a submission (what it printed, its error messages, the
/// compiler's echo of its source) with every control character, escape sequence and
/// direction override shown as a visible escape (`\e`, `\u{7}`, `\u{202E}`), so that it can
/// never move the cursor, recolour or redraw a terminal, or reorder what is shown around it.
/// Line breaks and tabs are kept.
public func visibleText(_ text: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A, 0x09: out.unicodeScalars.append(scalar)
        case 0x1B: out += "\\e"
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
