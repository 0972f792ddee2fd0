import Foundation

/// A known mistake of an exercise, kept as the few lines it changes in the solution, as
/// mutation-testing tools keep their mutants: the solution stays the one source.
///
/// The records of `exerciseN` are in `solutions/mutants/exerciseN.mutants`:
///
///     ## tanh-derivative-without-square
///     Mistake: The derivative of tanh is 1 − tanh²x, but this returns 1 − tanh x.
///     Diagnosis: the square is missing
///     -    return 1 - t * t
///     +    return 1 - t
///
/// Each edit (a hunk) is optional context lines `=`, the lines it removes `-`, and the lines
/// it puts in their place `+`; `@@` starts the next hunk of the same record. The context and
/// removed lines, compared without their leading and trailing spaces, must occur exactly once
/// in the solution; the added lines are taken as they are. Lines starting with `#` outside a
/// record's hunks are comments.
public struct MutantRecord: Sendable, Equatable {
    /// One edit: the lines it finds (context, then removed) and the lines it puts instead.
    public struct Hunk: Sendable, Equatable {
        public var context: [String] = []
        public var removed: [String] = []
        public var added: [String] = []
    }

    /// The mutant's name, a slug: `tanh-derivative-without-square`.
    public var name: String
    /// What is wrong, in a sentence.
    public var mistake: String
    /// Words that the grader's visible report of this mutant must contain.
    public var diagnosis: String
    public var hunks: [Hunk]

    /// Why a record cannot be read or applied.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads every record of a `.mutants` file's text.
    public static func parse(_ text: String) throws -> [MutantRecord] {
        var records: [MutantRecord] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let problem = { (what: String) in Problem(description: "line \(number + 1): \(what)") }
            if line.hasPrefix("## ") {
                records.append(MutantRecord(name: line.dropFirst(3).trimmingCharacters(in: .whitespaces),
                                            mistake: "", diagnosis: "", hunks: [Hunk()]))
                continue
            }
            guard !records.isEmpty else {
                if line.isEmpty || line.hasPrefix("#") { continue }
                throw problem("text before the first record ('## name')")
            }
            let last = records.count - 1
            if line.hasPrefix("Mistake:") {
                records[last].mistake = line.dropFirst(8).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Diagnosis:") {
                records[last].diagnosis = line.dropFirst(10).trimmingCharacters(in: .whitespaces)
            } else if line == "@@" {
                records[last].hunks.append(Hunk())
            } else if let mark = line.first, "=-+".contains(mark) {
                let body = String(line.dropFirst())
                let h = records[last].hunks.count - 1
                switch mark {
                case "=":
                    guard records[last].hunks[h].removed.isEmpty, records[last].hunks[h].added.isEmpty else {
                        throw problem("a context line '=' after removed or added lines; start a new hunk with '@@'")
                    }
                    records[last].hunks[h].context.append(body)
                case "-":
                    guard records[last].hunks[h].added.isEmpty else {
                        throw problem("a removed line '-' after added lines; start a new hunk with '@@'")
                    }
                    records[last].hunks[h].removed.append(body)
                default:
                    records[last].hunks[h].added.append(body)
                }
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw problem("'\(line)' is none of '## name', 'Mistake:', 'Diagnosis:', '@@', or a line starting with '=', '-' or '+'")
            }
        }
        for record in records {
            if record.mistake.isEmpty { throw Problem(description: "the record '\(record.name)' has no 'Mistake:' line") }
            if record.diagnosis.isEmpty { throw Problem(description: "the record '\(record.name)' has no 'Diagnosis:' line") }
            if record.hunks.contains(where: { $0.context.isEmpty && $0.removed.isEmpty }) {
                throw Problem(description: "the record '\(record.name)' has a hunk that finds no line: give it a '-' or '=' line")
            }
        }
        return records
    }

    /// Returns the solution with this record's edits made, or throws when a hunk's lines do
    /// not occur exactly once in the solution, or two hunks overlap. Every hunk is found in
    /// the solution as it is, before any edit.
    public func apply(to solution: String) throws -> String {
        var lines = solution.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmedLines = lines.map(MutantRecord.trimmed)
        var places: [(start: Int, hunk: Hunk)] = []
        for (number, hunk) in hunks.enumerated() {
            let wanted = (hunk.context + hunk.removed).map(MutantRecord.trimmed)
            let found = wanted.count > trimmedLines.count ? [] : (0...(trimmedLines.count - wanted.count)).filter {
                Array(trimmedLines[$0..<($0 + wanted.count)]) == wanted
            }
            let what = "hunk \(number + 1) of '\(name)' (\(wanted.first ?? ""))"
            guard found.count == 1 else {
                throw Problem(description: found.isEmpty
                    ? "\(what) no longer applies: its lines are not in the solution"
                    : "\(what) is ambiguous: its lines occur \(found.count) times in the solution; add a context line '='")
            }
            if let previous = places.first(where: { abs($0.start - found[0]) < max($0.hunk.context.count + $0.hunk.removed.count, wanted.count) }) {
                throw Problem(description: "\(what) overlaps the hunk at line \(previous.start + 1); make them one hunk")
            }
            places.append((found[0], hunk))
        }
        for (start, hunk) in places.sorted(by: { $0.start > $1.start }) {
            let first = start + hunk.context.count
            lines.replaceSubrange(first..<(first + hunk.removed.count), with: hunk.added)
        }
        return lines.joined(separator: "\n")
    }

    private static func trimmed(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }
}

extension Workspace {
    /// The file of an exercise's known mistakes, `solutions/mutants/exerciseN.mutants`.
    public func mutantRecordsFile(_ exercise: Exercise) -> URL {
        solutionsFolder.appendingPathComponent("mutants/\(exercise.id).mutants")
    }

    /// The known mistakes of an exercise; none when it has no records file.
    public func mutantRecords(_ exercise: Exercise) throws -> [MutantRecord] {
        let file = mutantRecordsFile(exercise)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        do {
            return try MutantRecord.parse(text)
        } catch let problem as MutantRecord.Problem {
            throw MutantRecord.Problem(description: "\(Workspace.displayPath(file)), \(problem.description)")
        }
    }

    /// Writes the solution with a record's edits made to a file of its own in the cache,
    /// and returns that file.
    public func materialise(_ record: MutantRecord, of exercise: Exercise) throws -> URL {
        let solution = try String(contentsOf: solutionFile(exercise), encoding: .utf8)
        let folder = cacheFolder.appendingPathComponent("mutants/\(exercise.id)/\(record.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(exercise.id).swift")
        let text = "// Mistake: \(record.mistake)\n// Diagnosis: \(record.diagnosis)\n" + (try record.apply(to: solution))
        if (try? String(contentsOf: file, encoding: .utf8)) != text {
            try Data(text.utf8).write(to: file, options: .atomic)
        }
        return file
    }
}
