/// Returns `source` with the body of `func name(` replaced by `body`.
public func replacingBody(of name: String, in source: String, with body: String) -> String {
    guard let start = source.range(of: "func \(name)(") else { fatalError("no func \(name) in the source") }
    guard let open = source[start.upperBound...].firstIndex(of: "{") else { fatalError("no body") }
    var depth = 0
    var index = open
    while true {
        if source[index] == "{" { depth += 1 }
        if source[index] == "}" {
            depth -= 1
            if depth == 0 { break }
        }
        index = source.index(after: index)
    }
    return String(source[..<open]) + "{\n" + body + "\n}" + String(source[source.index(after: index)...])
}
