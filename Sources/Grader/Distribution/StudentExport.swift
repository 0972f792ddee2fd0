import Foundation

/// The student version of the course: everything a student needs to read the lessons, run
/// them, and check the exercises on their visible checks — without `solutions/`, the
/// mutants, the hidden checks, the grader's own tests, or the instructors' part of the
/// README.
public struct StudentExport {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// The lines that enclose the hidden checks in each exercise's catalogue file.
    public static let hiddenBegin = "// hidden checks: begin"
    public static let hiddenEnd = "// hidden checks: end"
    /// The lines that enclose the instructors' part of the README.
    public static let instructorsBegin = "<!-- instructors: begin -->"
    public static let instructorsEnd = "<!-- instructors: end -->"

    /// Targets that need the solutions, and so stay with the instructor.
    static let instructorTargets = ["GraderTests", "CourseTests", "course-bench"]

    /// Writes the student version into `destination` (a new or empty folder) and returns the
    /// files written.
    @discardableResult
    public func write(to destination: URL) throws -> [String] {
        let copy = CourseCopy(
            workspace: workspace,
            excluded: ["solutions", "Tests/GraderTests", "Tests/CourseTests", "Sources/course-bench"],
            transform: { path, text in
                if path.hasPrefix("Sources/Grader/Exercises/") {
                    let stripped = CourseCopy.removingRegions(text, begin: StudentExport.hiddenBegin, end: StudentExport.hiddenEnd)
                    guard !stripped.contains("visibility: .hidden") else { throw DistributionError.hiddenCheckOutsideMarkers(path) }
                    return stripped
                }
                if path == "Package.swift" { return CourseCopy.removingTargets(StudentExport.instructorTargets, from: text) }
                if path == "README.md" {
                    return CourseCopy.removingRegions(text, begin: StudentExport.instructorsBegin, end: StudentExport.instructorsEnd)
                }
                return text
            })
        return try copy.write(to: destination)
    }
}
