import Foundation

/// A class's submissions laid out as `DIR/<student>/exerciseN.swift`.
///
/// Only real folders directly inside `DIR` are students and only regular files are
/// submissions: symbolic links are never followed, so nothing outside the folder is read.
public struct ClassFolder: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// Folders that tools leave in a class folder, which are not students.
    static let notStudents: Set<String> = [".git", ".svn", ".hg", ".DS_Store", "__MACOSX", ".ipynb_checkpoints"]

    /// The students' folder names, sorted; links and the folders of tools are skipped.
    public func students() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        return names.filter { name in
            !ClassFolder.notStudents.contains(name) && ClassFolder.kind(of: root.appendingPathComponent(name).path) == .directory
        }.sorted()
    }

    /// What a student handed in for an exercise.
    public enum Submission: Equatable, Sendable {
        case file(URL)
        case missing
        /// Present but not gradable, with the reason.
        case refused(String)
    }

    /// Returns the submission of `student` for `exercise`.
    public func submission(of student: String, for exercise: Exercise) -> Submission {
        let file = root.appendingPathComponent(student).appendingPathComponent("\(exercise.id).swift")
        switch ClassFolder.kind(of: file.path) {
        case .missing: return .missing
        case .regular: return .file(file)
        case .link: return .refused("\(exercise.id).swift is a symbolic link; the grader does not follow links.")
        case .directory, .other: return .refused("\(exercise.id).swift is not a regular file.")
        }
    }

    /// A file or folder of the class folder that is not graded, and why.
    public struct NotGraded: Sendable, Equatable, Codable {
        /// The student's folder, or nil for an entry directly in the class folder.
        public var student: String?
        /// The entry's name inside the student's folder (or the class folder); folders end with "/".
        public var name: String
        /// Why it is not graded, with a "did you mean" when the name is close to an exercise's.
        public var reason: String

        /// "Ada/Exercise5.swift is not graded: did you mean exercise5.swift?"
        public var message: String { "\(student.map { $0 + "/" } ?? "")\(name) \(reason)" }
    }

    /// Every entry of the class folder that the grader does not grade: files and folders in
    /// a student's folder other than the exercises' `exerciseN.swift`, and anything directly
    /// in the class folder that is not a student's folder. `skipping` is left out (the output
    /// folder, when it sits inside the class folder).
    public func notGraded(exercises: [Exercise], skipping: URL? = nil) throws -> [NotGraded] {
        let fileManager = FileManager.default
        let ids = exercises.map(\.id)
        let expected = Set(ids.map { "\($0).swift" })
        var found: [NotGraded] = []
        for name in try fileManager.contentsOfDirectory(atPath: root.path).sorted() {
            let url = root.appendingPathComponent(name)
            if ClassFolder.notStudents.contains(name) || url.standardizedFileURL == skipping?.standardizedFileURL { continue }
            switch ClassFolder.kind(of: url.path) {
            case .directory: break
            case .link: found.append(NotGraded(student: nil, name: name, reason: "is a symbolic link, not a student's folder: not followed, not graded."))
                continue
            default:
                let hint = expected.contains(name) || ClassFolder.likelyExercise(name, among: ids) != nil
                    ? " Each student needs a folder of their own: DIR/<student>/exerciseN.swift." : ""
                found.append(NotGraded(student: nil, name: name, reason: "is not in a student's folder, so it is not graded.\(hint)"))
                continue
            }
            let entries = (try? fileManager.contentsOfDirectory(atPath: url.path)) ?? []
            for entry in entries.sorted() where !expected.contains(entry) {
                let path = url.appendingPathComponent(entry).path
                switch ClassFolder.kind(of: path) {
                case .directory:
                    let inside = ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).filter { expected.contains($0) }.sorted()
                    let move = inside.isEmpty ? "" : " It holds \(inside.joined(separator: ", ")): move \(inside.count == 1 ? "it" : "them") up into \(name)/."
                    found.append(NotGraded(student: name, name: entry + "/",
                                           reason: "is a folder, and only exerciseN.swift files directly in a student's folder are graded.\(move)"))
                default:
                    let reason: String
                    if let id = ClassFolder.likelyExercise(entry, among: ids) {
                        reason = entries.contains("\(id).swift")
                            ? "is not graded (\(id).swift is)."
                            : "is not graded: did you mean \(id).swift?"
                    } else {
                        reason = "is not graded: only \(ids.count > 2 ? "\(ids.first!).swift … \(ids.last!).swift" : ids.map { $0 + ".swift" }.joined(separator: ", ")) are."
                    }
                    found.append(NotGraded(student: name, name: entry, reason: reason))
                }
            }
        }
        return found
    }

    /// The exercise a misnamed file most likely is: `Exercise5.swift`, `exercise05.swift`,
    /// `exercise_5.swift`, `ex5.swift`, `exercise5 (1).swift`, `exercise5.swift.txt`, or a
    /// name one or two typing mistakes away from `exerciseN.swift`.
    static func likelyExercise(_ name: String, among ids: [String]) -> String? {
        let lower = name.lowercased()
        let stem = lower.split(separator: ".").first.map(String.init) ?? lower
        if stem.hasPrefix("ex") || stem.hasPrefix("übung") || stem.hasPrefix("exo"),
           let digits = stem.firstMatch(of: #/[0-9]+/#), let number = Int(digits.output) {
            let id = "exercise\(number)"
            return ids.contains(id) ? id : nil
        }
        let scored = ids.map { ($0, editDistance(lower, "\($0).swift")) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    enum Kind { case missing, regular, directory, link, other }

    /// The kind of a path, without following a final symbolic link.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }
}

/// The Levenshtein distance: the fewest insertions, deletions and substitutions that turn
/// `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
