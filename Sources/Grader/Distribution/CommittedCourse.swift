import Foundation

/// The course as committed in git: which commit the working tree stands on, what in the
/// working tree differs from it, and a copy of the commit's files in a temporary folder.
///
/// What leaves the instructor's machine (the student version, the Gradescope autograder)
/// and what `course verify` proves are read from that copy, never from the working tree, so
/// a starter solved to try it, a stray folder or an edited catalogue cannot slip in.
public struct CommittedCourse: Sendable {
    /// The full hash of the commit.
    public let commit: String
    /// Its first line.
    public let subject: String
    /// Files of the course that git tracks and that differ from the commit (modified, added
    /// to the index, deleted, renamed), relative to the course folder.
    public let changed: [String]
    /// Files in the course folder that git does not track and does not ignore.
    public let untracked: [String]
    /// The course folder in the working tree.
    public let root: URL

    /// The short hash, as `git log --oneline` shows it.
    public var shortCommit: String { String(commit.prefix(7)) }

    /// "commit 1a2b3c4 (“Subject”)", for messages.
    public var description: String {
        let short = subject.count > 60 ? subject.prefix(59) + "…" : Substring(subject)
        return "commit \(shortCommit) (“\(short)”)"
    }

    /// Reads the state of the course folder's git repository.
    public static func inspect(_ workspace: Workspace) throws -> CommittedCourse {
        let root = workspace.root
        guard let commit = try? git(["rev-parse", "--verify", "HEAD^{commit}"], in: root).trimmingCharacters(in: .whitespacesAndNewlines),
              !commit.isEmpty else {
            throw CommittedCourseError.notInGit(root.path)
        }
        let subject = (try? git(["log", "-1", "--format=%s", commit], in: root))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // `-z` keeps unusual names intact; paths are relative to the course folder with `--relative` semantics of `-- .`.
        let status = try git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."], in: root)
        var changed: [String] = []
        var untracked: [String] = []
        let prefix = (try? git(["rev-parse", "--show-prefix"], in: root))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var entries = status.split(separator: "\0", omittingEmptySubsequences: true).makeIterator()
        while let entry = entries.next() {
            guard entry.count > 3 else { continue }
            let code = entry.prefix(2)
            var path = String(entry.dropFirst(3))
            if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
            if code == "??" {
                untracked.append(path)
            } else {
                changed.append(path)
                // A rename or copy is followed by its original name.
                if code.contains("R") || code.contains("C") { _ = entries.next() }
            }
        }
        return CommittedCourse(commit: commit, subject: subject, changed: changed.sorted(), untracked: untracked.sorted(), root: root)
    }

    /// Whether the working tree holds uncommitted changes to tracked files.
    public var isDirty: Bool { !changed.isEmpty }

    /// One line naming the changed files, for the refusal: the first few, then how many more.
    public func changedSummary(limit: Int = 3) -> String {
        let shown = changed.prefix(limit).joined(separator: ", ")
        return changed.count > limit ? "\(shown) and \(changed.count - limit) more" : shown
    }

    /// Throws unless the working tree matches the commit, or `allowDirty` is set; `what`
    /// completes "add --allow-dirty to …".
    public func requireClean(allowDirty: Bool, otherwise what: String) throws {
        guard isDirty && !allowDirty else { return }
        throw CommittedCourseError.uncommitted(count: changed.count, files: changedSummary(), remedy: what)
    }

    /// Writes the commit's files (the course folder only) into a new temporary folder and
    /// returns it; the caller removes it.
    public func materialise() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(shortCommit)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let prefix = (try? CommittedCourse.git(["rev-parse", "--show-prefix"], in: root))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let top = try CommittedCourse.git(["rev-parse", "--show-toplevel"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        // `git archive` writes exactly the tracked files of the commit: no untracked or ignored
        // file, no edit. Run from the top of the repository, it takes the course's folder of
        // the commit's tree, whichever folder of the repository the course is.
        let archive = folder.appendingPathComponent(".commit.tar")
        _ = try CommittedCourse.git(["archive", "--format=tar", "--output=\(archive.path)", "\(commit):\(prefix)"],
                                    in: URL(fileURLWithPath: top))
        defer { try? FileManager.default.removeItem(at: archive) }
        try CommittedCourse.run("/usr/bin/env", ["tar", "-xf", archive.path, "-C", folder.path], in: folder)
        return folder
    }

    /// Runs git in `folder` and returns its standard output.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL) throws -> String {
        try run("/usr/bin/env", ["git", "-C", folder.path] + arguments, in: folder)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Git writes little on stderr, so reading stdout to its end first cannot block it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommittedCourseError.commandFailed((arguments.first == "git" ? arguments.prefix(4) : arguments.prefix(2)).joined(separator: " "),
                                                     message)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why the committed course cannot be read or used.
public enum CommittedCourseError: Error, CustomStringConvertible {
    case notInGit(String)
    case uncommitted(count: Int, files: String, remedy: String)
    case commandFailed(String, String)

    public var description: String {
        switch self {
        case .notInGit(let path):
            "The course at \(path) is not in git (no commit), so it has no committed version to read; commit it to git first."
        case .uncommitted(let count, let files, let remedy):
            "\(count) of the course's files \(count == 1 ? "has" : "have") uncommitted changes (\(files)); commit them, or add --allow-dirty to \(remedy)."
        case .commandFailed(let command, let message):
            "\(command) failed: \(message.split(separator: "\n").first ?? "")"
        }
    }
}
