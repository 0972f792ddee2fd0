import Foundation

/// A student's progress, kept in `.course/progress.json` (ignored by git, so it survives
/// `git pull`): the last result of each exercise and the hints shown so far.
public struct StudentProgress: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var status: ExerciseResult.Status?
        public var score: Double?
        public var maxScore: Double?
        /// How many hints were shown: the length of `revealedHints`, or, in a progress file
        /// written before hints were recorded by their text, the number of the exercise's
        /// first hints shown.
        public var hintsShown: Int = 0
        /// The hints shown, in the order they were shown.
        public var revealedHints: [String] = []
        /// The names of the visible checks that did not pass in the last result, in order.
        public var failingChecks: [String] = []
        /// The SHA-256 of the file of the last result, to tell whether it has changed since.
        public var sourceDigest: String?

        /// Creates the entry of an exercise not checked yet.
        public init() {}

        /// Reads an entry; the fields a progress file written by an earlier version lacks
        /// take their defaults.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            status = try container.decodeIfPresent(ExerciseResult.Status.self, forKey: .status)
            score = try container.decodeIfPresent(Double.self, forKey: .score)
            maxScore = try container.decodeIfPresent(Double.self, forKey: .maxScore)
            hintsShown = try container.decodeIfPresent(Int.self, forKey: .hintsShown) ?? 0
            revealedHints = try container.decodeIfPresent([String].self, forKey: .revealedHints) ?? []
            failingChecks = try container.decodeIfPresent([String].self, forKey: .failingChecks) ?? []
            sourceDigest = try container.decodeIfPresent(String.self, forKey: .sourceDigest)
        }
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

    /// Records a result of the student's own file, whose contents were `source`.
    public mutating func record(_ result: ExerciseResult, source: Data?) {
        var entry = exercises[result.exercise] ?? Entry()
        entry.status = result.status
        entry.score = result.score
        entry.maxScore = result.maxScore
        entry.failingChecks = result.status == .failed
            ? result.checks.filter { $0.visibility == .visible && $0.status != .passed }.map(\.name)
            : []
        entry.sourceDigest = source.map { StudentProgress.digest(of: $0) }
        exercises[result.exercise] = entry
    }

    /// Returns the first exercise, in order, whose last result is not a pass.
    public func nextUnfinished(in exercises: [Exercise]) -> Exercise? {
        exercises.first { self.exercises[$0.id]?.status != .passed }
    }

    /// Returns whether the last result of `exercise` was computed from exactly `source`.
    public func resultIsCurrent(for exercise: Exercise, source: Data?) -> Bool {
        guard let entry = exercises[exercise.id], entry.status != nil else { return false }
        return entry.sourceDigest == source.map { StudentProgress.digest(of: $0) }
    }

    static func digest(of data: Data) -> String { sha256Hex(Array(data)) }

    static func file(_ workspace: Workspace) -> URL {
        workspace.stateFolder.appendingPathComponent("progress.json")
    }
}
