import Foundation

/// Copies the course folder for distribution, leaving out what must not travel and
/// rewriting what must change on the way.
struct CourseCopy {
    let workspace: Workspace
    /// Paths relative to the course root that are not copied (folders include their contents).
    let excluded: [String]
    /// Rewrites a text file's content, given its path relative to the course root.
    let transform: (String, String) throws -> String

    /// Folders and files never copied: version control, build products, a student's state.
    static let neverCopied: Set<String> = [".git", ".build", ".course", ".swiftpm", "Package.resolved"]

    /// Copies into `destination`, which must not exist yet, and returns the relative paths written.
    @discardableResult
    func write(to destination: URL) throws -> [String] {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: destination.path) {
            let contents = (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? ["?"]
            guard contents.isEmpty else { throw DistributionError.destinationNotEmpty(destination.path) }
        }
        var written: [String] = []
        try copyFolder("", to: destination, written: &written)
        return written
    }

    private func copyFolder(_ relative: String, to destination: URL, written: inout [String]) throws {
        let fileManager = FileManager.default
        let source = relative.isEmpty ? workspace.root : workspace.root.appendingPathComponent(relative)
        try fileManager.createDirectory(at: destination.appendingPathComponent(relative), withIntermediateDirectories: true)
        for name in try fileManager.contentsOfDirectory(atPath: source.path).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if CourseCopy.neverCopied.contains(name) || name.hasPrefix(".build") || excluded.contains(path) { continue }
            switch ClassFolder.kind(of: source.appendingPathComponent(name).path) {
            case .directory:
                try copyFolder(path, to: destination, written: &written)
            case .regular:
                let from = source.appendingPathComponent(name)
                let to = destination.appendingPathComponent(path)
                if let text = try? String(contentsOf: from, encoding: .utf8) {
                    try Data(try transform(path, text).utf8).write(to: to)
                } else {
                    try fileManager.copyItem(at: from, to: to)
                }
                let permissions = try fileManager.attributesOfItem(atPath: from.path)[.posixPermissions]
                if let permissions { try fileManager.setAttributes([.posixPermissions: permissions], ofItemAtPath: to.path) }
                written.append(path)
            default:
                continue
            }
        }
    }

    /// Returns `text` without the lines from each line containing `begin` to the next line
    /// containing `end`, both included.
    static func removingRegions(_ text: String, begin: String, end: String) -> String {
        var kept: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inside && line.contains(begin) { inside = true; continue }
            if inside {
                if line.contains(end) { inside = false }
                continue
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// Returns the text of each region from a line containing `begin` to the next line
    /// containing `end`.
    static func regions(_ text: String, begin: String, end: String) -> [String] {
        var regions: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil {
                if line.contains(begin) { current = [] }
            } else if line.contains(end) {
                regions.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current!.append(line)
            }
        }
        return regions
    }

    /// Returns Package.swift without the lines that name any of the targets, and without the
    /// comment lines right above them.
    static func removingTargets(_ names: [String], from manifest: String) -> String {
        var kept: [Substring] = []
        for line in manifest.split(separator: "\n", omittingEmptySubsequences: false) {
            guard names.contains(where: { line.contains("name: \"\($0)\"") }) else {
                kept.append(line)
                continue
            }
            while let last = kept.last, last.trimmingCharacters(in: .whitespaces).hasPrefix("//") { kept.removeLast() }
        }
        return kept.joined(separator: "\n")
    }
}

/// Why a distribution could not be written.
public enum DistributionError: Error, CustomStringConvertible {
    case destinationNotEmpty(String)
    case hiddenCheckOutsideMarkers(String)
    case unreadableHiddenPoints(String)
    case unpairedAnswerMarkers(String)
    case solutionFailsWhileRecording(String)

    public var description: String {
        switch self {
        case .destinationNotEmpty(let path):
            "'\(path)' already exists and is not empty; choose a new folder."
        case .hiddenCheckOutsideMarkers(let file):
            "\(file) has a hidden check outside the '// hidden checks: begin' and '// hidden checks: end' lines, "
                + "so the student version would reveal it."
        case .unreadableHiddenPoints(let file):
            "\(file) has a hidden check whose points cannot be read: write each as Check(\"name\", points: N, visibility: .hidden), "
                + "so that the student version can say how many points the instructor grades."
        case .unpairedAnswerMarkers(let file):
            "\(file) has a '// answer: exerciseN begin' line without its '// answer: exerciseN end' (or the other way round), "
                + "so the student version cannot leave that answer's code out."
        case .solutionFailsWhileRecording(let exercise):
            "The solution of \(exercise) fails a visible check, so the answers the student version needs cannot be recorded; "
                + "run `course verify \(exercise)`."
        }
    }
}
