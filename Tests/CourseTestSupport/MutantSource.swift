import Foundation

/// Returns the source of the first known mistake recorded for an exercise in
/// `solutions/mutants/<exercise>.mutants` of the course at `root`, made from its solution;
/// nil when the exercise has no record. (The grader's `MutantRecord` is the full reader; this
/// small one keeps the command-line tests free of the grader's module.)
public func firstMutantSource(of exercise: String, in root: URL) -> String? {
    let records = root.appendingPathComponent("solutions/mutants/\(exercise).mutants")
    guard let text = try? String(contentsOf: records, encoding: .utf8),
          var lines = try? String(contentsOf: root.appendingPathComponent("solutions/\(exercise).swift"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init) else { return nil }
    var hunks: [(find: [String], keep: Int, added: [String])] = [([], 0, [])]
    var started = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.hasPrefix("## ") {
            if started { break }
            started = true
        } else if started, line == "@@" {
            hunks.append(([], 0, []))
        } else if started, let mark = line.first, "=-+".contains(mark) {
            let body = String(line.dropFirst())
            if mark == "=" { hunks[hunks.count - 1].find.append(body); hunks[hunks.count - 1].keep += 1 }
            if mark == "-" { hunks[hunks.count - 1].find.append(body) }
            if mark == "+" { hunks[hunks.count - 1].added.append(body) }
        }
    }
    guard started else { return nil }
    let trimmed = lines.map { $0.trimmingCharacters(in: .whitespaces) }
    let places = hunks.map { hunk in
        let wanted = hunk.find.map { $0.trimmingCharacters(in: .whitespaces) }
        return (start: trimmed.indices.first { Array(trimmed[$0..<min($0 + wanted.count, trimmed.count)]) == wanted }!, hunk: hunk)
    }
    for (start, hunk) in places.sorted(by: { $0.start > $1.start }) {
        lines.replaceSubrange((start + hunk.keep)..<(start + hunk.find.count), with: hunk.added)
    }
    return lines.joined(separator: "\n")
}
