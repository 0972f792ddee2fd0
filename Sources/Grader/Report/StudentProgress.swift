import Foundation

/// A student's progress, kept in `.course/progress.json` (ignored by git, so it survives
/// `git pull`): the last result of each exercise and how many hints were shown.
public struct StudentProgress: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var status: ExerciseResult.Status?
        public var score: Double?
        public var maxScore: Double?
        public var hintsShown: Int = 0

        public init() {}
    }

    public var exercises: [String: Entry] = [:]

    public init() {}

    /// Reads the progress of the workspace; a missing or unreadable file is an empty start.
    public static func load(from workspace: Workspace) -> StudentProgress {
        guard let data = try? Data(contentsOf: file(workspace)),
              let progress = try? JSONDecoder().decode(StudentProgress.self, from: data) else { return StudentProgress() }
        return progress
    }

    /// Writes the progress atomically.
    public func save(to workspace: Workspace) throws {
        try FileManager.default.createDirectory(at: workspace.stateFolder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: StudentProgress.file(workspace), options: .atomic)
    }

    /// Records a result of the student's own file.
    public mutating func record(_ result: ExerciseResult) {
        var entry = exercises[result.exercise] ?? Entry()
        entry.status = result.status
        entry.score = result.score
        entry.maxScore = result.maxScore
        exercises[result.exercise] = entry
    }

    /// Returns the first exercise, in order, whose last result is not a pass.
    public func nextUnfinished(in exercises: [Exercise]) -> Exercise? {
        exercises.first { self.exercises[$0.id]?.status != .passed }
    }

    static func file(_ workspace: Workspace) -> URL {
        workspace.stateFolder.appendingPathComponent("progress.json")
    }
}
