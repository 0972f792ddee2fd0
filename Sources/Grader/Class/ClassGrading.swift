import Foundation
import CourseKit

/// Grades a whole class in parallel, keeping one result file per student and exercise so
/// that an unchanged submission is never graded twice and an interrupted run, started
/// again, finishes the rest and loses nothing.
public struct ClassGrading: Sendable {
    public let grader: Grader
    public let folder: ClassFolder
    /// Where the results, the gradebook and the Gradescope files go.
    public let output: URL
    public let exercises: [Exercise]

    public init(grader: Grader, folder: ClassFolder, output: URL, exercises: [Exercise]) {
        self.grader = grader
        self.folder = folder
        self.output = output.standardizedFileURL
        self.exercises = exercises
    }

    /// One student's results, exercise by exercise, in catalogue order.
    public struct StudentResults: Sendable {
        public let student: String
        public let results: [ExerciseResult]
        public var total: Double { results.map(\.score).reduce(0, +) }
    }

    /// A saved result and what it was computed from.
    struct Record: Codable {
        var sourceHash: String
        var graderID: String
        var result: ExerciseResult
    }

    /// Grades every submission, `jobs` at a time, calling `progress(done, total, fromCache)`
    /// after each, and returns the results of every student.
    public func run(jobs: Int, progress: @escaping @Sendable (Int, Int, Int) -> Void = { _, _, _ in }) throws -> [StudentResults] {
        // The output folder may sit inside the class folder; it is not a student.
        let students = try folder.students().filter { folder.root.appendingPathComponent($0).standardizedFileURL != output }
        let tasks = students.flatMap { student in exercises.map { (student: student, exercise: $0) } }
        let graderID = ClassGrading.graderID(grader)
        let counter = ProgressCounter(total: tasks.count, report: progress)
        let results = try parallelMap(tasks, jobs: jobs) { task -> ExerciseResult in
            let (result, cached) = try grade(task.student, task.exercise, graderID: graderID)
            counter.advance(fromCache: cached)
            return result
        }
        return students.enumerated().map { index, student in
            StudentResults(student: student,
                           results: Array(results[(index * exercises.count)..<((index + 1) * exercises.count)]))
        }
    }

    private func grade(_ student: String, _ exercise: Exercise, graderID: String) throws -> (ExerciseResult, Bool) {
        let recordFile = output.appendingPathComponent("results").appendingPathComponent(student)
            .appendingPathComponent("\(exercise.id).json")
        let submission = folder.submission(of: student, for: exercise)
        let source: Data
        switch submission {
        case .missing: source = Data("missing".utf8)
        case .refused(let why): source = Data("refused \(why)".utf8)
        case .file(let url): source = (try? Data(contentsOf: url)) ?? Data("unreadable".utf8)
        }
        let sourceHash = sha256Hex(Array(source))
        if let data = try? Data(contentsOf: recordFile),
           let record = try? JSONDecoder().decode(Record.self, from: data),
           record.sourceHash == sourceHash, record.graderID == graderID {
            return (record.result, true)
        }
        var result: ExerciseResult
        switch submission {
        case .file(let url):
            result = try grader.grade(exercise, file: url)
        case .missing:
            result = try grader.grade(exercise, file: folder.root.appendingPathComponent(student).appendingPathComponent("\(exercise.id).swift"))
        case .refused(let why):
            result = grader.refused(exercise, file: "\(student)/\(exercise.id).swift", reason: why)
        }
        result.file = "\(student)/\(exercise.id).swift"
        try writeAtomically(Record(sourceHash: sourceHash, graderID: graderID, result: result), to: recordFile)
        return (result, false)
    }

    /// Identifies the grader build: a new catalogue or library means new verdicts.
    static func graderID(_ grader: Grader) -> String {
        let executable = Bundle.main.executablePath ?? ""
        return sha256Hex(Array("\(executable) \(fileStamp(executable)) \(grader.library.hash)".utf8))
    }
}

/// Writes a value as pretty JSON through a temporary file and a rename, so that a reader
/// never sees half a file and an interruption never leaves one.
func writeAtomically<T: Encodable>(_ value: T, to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try writeAtomically(try encoder.encode(value), to: url)
}

/// Writes bytes through a temporary file and a rename, then reads them back: a result is
/// either on disk whole or the write fails with a `WriteFailure` that names the file.
func writeAtomically(_ data: Data, to url: URL) throws {
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    } catch {
        throw WriteFailure(path: url.path, reason: (error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
    guard (try? Data(contentsOf: url)) == data else {
        throw WriteFailure(path: url.path, reason: "what was read back differs from what was written")
    }
}

/// A result that could not be written: grading stops there, and what was written is kept.
public struct WriteFailure: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String {
        "Could not write \(Workspace.displayPath(URL(fileURLWithPath: path))): \(reason). Grading stopped; "
            + "every result written so far is kept, and running the same command again grades the rest."
    }
}

/// Counts finished tasks across threads and reports each step.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var cached = 0
    private let total: Int
    private let report: @Sendable (Int, Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    func advance(fromCache: Bool) {
        lock.lock()
        done += 1
        if fromCache { cached += 1 }
        let (d, c) = (done, cached)
        report(d, total, c)
        lock.unlock()
    }
}
