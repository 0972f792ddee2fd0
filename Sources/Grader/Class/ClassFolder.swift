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
