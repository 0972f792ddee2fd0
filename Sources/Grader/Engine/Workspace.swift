import Foundation

/// The course folder a command works on: its exercises, solutions, lessons, the library
/// sources that submissions compile against, and the caches.
public struct Workspace: Sendable {
    /// The folder holding `Package.swift`, `Sources/CourseKit` and `exercises/`.
    public let root: URL

    /// Creates a workspace rooted at `root` without checking it.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Finds the course folder: `$COURSE_ROOT` if set, otherwise the nearest folder at or
    /// above the current directory, then at or above the running executable, that holds
    /// `Sources/CourseKit`.
    public static func locate() throws -> Workspace {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["COURSE_ROOT"], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit)
            guard isCourseRoot(url) else { throw WorkspaceError.notACourse(explicit) }
            return Workspace(root: url)
        }
        let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                      URL(fileURLWithPath: Bundle.main.executablePath ?? ".").resolvingSymlinksInPath()]
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                if isCourseRoot(folder) { return Workspace(root: folder) }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw WorkspaceError.notFound
    }

    static func isCourseRoot(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources/CourseKit").path)
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("Sources/SubmissionRuntime").path)
    }

    public var exercisesFolder: URL { root.appendingPathComponent("exercises") }
    public var solutionsFolder: URL { root.appendingPathComponent("solutions") }
    public var lessonsFolder: URL { root.appendingPathComponent("lessons") }
    /// Where compiled libraries and submissions are cached (never committed).
    public var cacheFolder: URL { root.appendingPathComponent(".build/course-cache") }
    /// Where a student's progress is kept (never committed): `.course/`, or
    /// `$COURSE_STATE_DIR` when set.
    public var stateFolder: URL {
        if let explicit = ProcessInfo.processInfo.environment["COURSE_STATE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        return root.appendingPathComponent(".course")
    }

    /// The student's file of an exercise.
    public func studentFile(_ exercise: Exercise) -> URL {
        exercisesFolder.appendingPathComponent("\(exercise.id).swift")
    }

    /// The reference solution of an exercise.
    public func solutionFile(_ exercise: Exercise) -> URL {
        solutionsFolder.appendingPathComponent("\(exercise.id).swift")
    }

    /// Returns `url`'s path relative to the current directory when it lies below it.
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

/// Why no course folder could be used.
public enum WorkspaceError: Error, CustomStringConvertible {
    case notFound
    case notACourse(String)

    public var description: String {
        switch self {
        case .notFound:
            "No course folder here: run the command inside the course (the folder with Package.swift and exercises/), or set COURSE_ROOT."
        case .notACourse(let path):
            "COURSE_ROOT is '\(path)', which is not a course folder (it has no Sources/CourseKit)."
        }
    }
}
