import Answers
import Foundation

/// The student version of the course: everything a student needs to read the lessons, run
/// them, and check the exercises on their visible checks — without `solutions/`, the
/// mutants, the hidden checks, the grader's own tests, or the instructors' part of the
/// README. It keeps a read-only copy of the starters in `starters/`, so that `course reset`
/// works without git, and records the withheld hidden points so that its reports can say
/// how many points the instructor still grades.
public struct StudentExport {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// The lines that enclose the hidden checks in each exercise's catalogue file.
    public static let hiddenBegin = "// hidden checks: begin"
    public static let hiddenEnd = "// hidden checks: end"
    /// The lines that enclose the instructors' part of the README.
    public static let instructorsBegin = "<!-- instructors: begin -->"
    public static let instructorsEnd = "<!-- instructors: end -->"
    /// Where the student version keeps the untouched starters, for `course reset`.
    public static let startersFolder = "starters"

    /// Targets that need the solutions, and so stay with the instructor.
    static let instructorTargets = ["GraderTests", "CourseTests", "course-bench"]
    /// The recorded answers, beside the code that reads them.
    static let answerKeysFile = "Sources/Answers/" + AnswerKeys.fileName
    /// The file that records the withheld points.
    static let withheldPointsFile = "Sources/Grader/Distribution/WithheldPoints.swift"

    /// What an export wrote.
    public struct Written {
        /// The files, relative to the destination.
        public var files: [String]
        /// The points of the hidden checks left out, by exercise.
        public var withheldPoints: [String: Double]
    }

    /// Writes the student version into `destination` (a new or empty folder) and returns the
    /// files written and the points withheld.
    ///
    /// `answers` are the lines of the key file that `AnswerRecording.record` returns: the code
    /// between `// answer: exerciseN begin` and `end` in the lesson modules is left out, and
    /// the copy answers from the keys instead.
    @discardableResult
    public func write(to destination: URL, answers: [String]) throws -> Written {
        var withheld: [String: Double] = [:]
        let copy = CourseCopy(
            workspace: workspace,
            excluded: ["solutions", "Tests/GraderTests", "Tests/CourseTests", "Sources/course-bench", StudentExport.startersFolder],
            transform: { path, text in
                if path.hasPrefix("Sources/Grader/Exercises/") {
                    let stripped = CourseCopy.removingRegions(text, begin: StudentExport.hiddenBegin, end: StudentExport.hiddenEnd)
                    guard !stripped.contains("visibility: .hidden") else { throw DistributionError.hiddenCheckOutsideMarkers(path) }
                    for region in CourseCopy.regions(text, begin: StudentExport.hiddenBegin, end: StudentExport.hiddenEnd) {
                        guard let points = StudentExport.hiddenPoints(inCatalogueText: region, file: text) else {
                            throw DistributionError.unreadableHiddenPoints(path)
                        }
                        for (id, value) in points { withheld[id, default: 0] += value }
                    }
                    // The grader's own references (exercises 12–15) hold answer code too.
                    return try AnswerRecording.withoutAnswerCode(stripped, file: path) ?? stripped
                }
                if path.hasPrefix("Sources/"), path.hasSuffix(".swift"),
                   let stripped = try AnswerRecording.withoutAnswerCode(text, file: path) {
                    return stripped
                }
                if path == "Package.swift" { return CourseCopy.removingTargets(StudentExport.instructorTargets, from: text) }
                if path == "README.md" {
                    return CourseCopy.removingRegions(text, begin: StudentExport.instructorsBegin, end: StudentExport.instructorsEnd)
                }
                return text
            })
        var written = try copy.write(to: destination)
        // Written after the copy, once every catalogue file was read.
        let withheldFile = destination.appendingPathComponent(StudentExport.withheldPointsFile)
        try Data(StudentExport.withheldPointsSource(withheld).utf8).write(to: withheldFile)
        if !written.contains(StudentExport.withheldPointsFile) { written.append(StudentExport.withheldPointsFile) }
        let keys = destination.appendingPathComponent(StudentExport.answerKeysFile)
        try Data((answers.joined(separator: "\n") + "\n").utf8).write(to: keys)
        written.append(StudentExport.answerKeysFile)
        written += try keepStarters(in: destination)
        return Written(files: written, withheldPoints: withheld)
    }

    /// Copies `exercises/*.swift` into `starters/`, read-only.
    private func keepStarters(in destination: URL) throws -> [String] {
        let fileManager = FileManager.default
        let folder = destination.appendingPathComponent(StudentExport.startersFolder)
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        let names = try fileManager.contentsOfDirectory(atPath: workspace.exercisesFolder.path).filter { $0.hasSuffix(".swift") }.sorted()
        for name in names {
            let target = folder.appendingPathComponent(name)
            try fileManager.copyItem(at: workspace.exercisesFolder.appendingPathComponent(name), to: target)
            try fileManager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: target.path)
            written.append("\(StudentExport.startersFolder)/\(name)")
        }
        let readme = """
            These are the exercises' starters as the course shipped them. `course reset exerciseN`
            copies one back into exercises/ (keeping your version in .course/backups/). Edit the
            files in exercises/, not these.

            """
        try Data(readme.utf8).write(to: folder.appendingPathComponent("README.md"))
        return written + ["\(StudentExport.startersFolder)/README.md"]
    }

    /// The points of the checks in a hidden region of a catalogue file, by exercise: the
    /// number after `points:` in each `Check("…", points: N`. The exercise is the one the
    /// file defines (`static let exerciseN = Exercise(`).
    /// Returns nil when some hidden check's points cannot be read that way.
    static func hiddenPoints(inCatalogueText region: String, file: String) -> [String: Double]? {
        let pattern = #/Check\(\s*"(?:[^"\\]|\\.)*"\s*,\s*points:\s*([0-9]+(?:\.[0-9]+)?)/#
        let matches = region.matches(of: pattern)
        guard matches.count == region.matches(of: #/visibility:\s*\.hidden/#).count else { return nil }
        guard !matches.isEmpty else { return [:] }
        guard let exercise = file.firstMatch(of: #/static\s+let\s+(exercise[0-9]+)\s*=\s*Exercise\(/#) else { return nil }
        return [String(exercise.output.1): matches.compactMap { Double($0.output.1) }.reduce(0, +)]
    }

    /// The text of `WithheldPoints.swift` for a student version that withholds `points`.
    static func withheldPointsSource(_ points: [String: Double]) -> String {
        let entries = points.sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }
            .map { "        \"\($0.key)\": \($0.value)," }
        return """
            /// The points of the hidden checks that this student version leaves out, by exercise:
            /// your instructor grades them. Written by `course export`.
            public enum WithheldPoints {
                public static let byExercise: [String: Double] = [
            \(entries.isEmpty ? "        :" : entries.joined(separator: "\n"))
                ]

                /// The hidden points of an exercise that this copy of the course cannot grade.
                public static func of(_ exercise: Exercise) -> Double { byExercise[exercise.id] ?? 0 }
            }

            """
    }
}
