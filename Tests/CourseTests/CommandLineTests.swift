import CourseTestSupport
import Foundation
import Testing

/// The result of running the built `course` executable.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `course` executable, next to the test bundle.
func courseExecutable() throws -> URL {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("course")
    let candidates = [binary, packageRoot.appendingPathComponent(".build/debug/course")]
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile)
    }
    return executable
}

/// Starts `course` (or another `executable`) with the arguments, from `directory`, with a
/// private progress folder, the extra `environment`, and its output discarded unless pipes
/// are given.
func startCourse(_ arguments: [String], directory: URL = packageRoot, state: URL? = nil,
                 environment extra: [String: String] = [:], executable: URL? = nil,
                 stdout: Pipe? = nil, stderr: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = try executable ?? courseExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    environment["NO_COLOR"] = "1"
    environment["COURSE_STATE_DIR"] = (state ?? FileManager.default.temporaryDirectory
        .appendingPathComponent("course-state-\(UUID().uuidString)")).path
    process.environment = environment
    process.standardOutput = stdout ?? FileHandle.nullDevice
    process.standardError = stderr ?? FileHandle.nullDevice
    try process.run()
    return process
}

/// Runs `course` with the arguments, from the package root, with a private progress folder.
func course(_ arguments: String..., state: URL? = nil, directory: URL = packageRoot,
            environment: [String: String] = [:], executable: URL? = nil) throws -> Run {
    try courseRun(arguments, state: state, directory: directory, environment: environment, executable: executable)
}

/// Runs `course` with the arguments, from the package root, with a private progress folder.
func courseRun(_ arguments: [String], state: URL? = nil, directory: URL = packageRoot,
               environment: [String: String] = [:], executable: URL? = nil) throws -> Run {
    let out = Pipe(), err = Pipe()
    let process = try startCourse(arguments, directory: directory, state: state, environment: environment,
                                  executable: executable, stdout: out, stderr: err)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
}

/// The command line as a student and an instructor meet it: help, usage errors with their
/// exit status 64, and the exit status of checks.
@Suite struct CommandLineTests {
    @Test func noArgumentsPrintsTheOverview() throws {
        let run = try course()
        #expect(run.status == 0)
        #expect(run.stdout.contains("OVERVIEW:"))
        #expect(run.stdout.contains("COMMANDS:"))
    }

    @Test func helpForACommandEqualsItsHelpFlag() throws {
        let help = try course("help", "check"), flag = try course("check", "--help")
        #expect(help.status == 0 && flag.status == 0)
        #expect(help.stdout == flag.stdout)
        #expect(help.stdout.contains("USAGE: course check [<exercise>] [--file <path>] [--json]"))
    }

    @Test func unknownCommandSuggestsTheClosest() throws {
        let run = try course("chek", "exercise1")
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: Unknown command 'chek'. Did you mean 'check'?\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func unknownExerciseListsTheValidOnes() throws {
        let run = try course("check", "exercise16")
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown exercise 'exercise16'."), "\(run.stderr)")
        #expect(run.stderr.contains("Valid exercises: exercise1"))
        #expect(run.stderr.contains("See 'course help check' for more information."))
    }

    @Test func numbersAndPathsSuggestTheName() throws {
        let number = try course("check", "3")
        #expect(number.status == 64)
        #expect(number.stderr.contains("Did you mean 'exercise3'?"), "\(number.stderr)")
        let path = try course("check", "exercises/exercise12.swift")
        #expect(path.stderr.contains("Did you mean 'exercise12'?"), "\(path.stderr)")
        let lesson = try course("run", "lessons/lesson2-shallow-networks.md")
        #expect(lesson.stderr.contains("Did you mean 'lesson2'?"), "\(lesson.stderr)")
    }

    @Test func unknownOptionSuggestsTheClosest() throws {
        let run = try course("check", "exercise1", "--jsno")
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown option '--jsno'. Did you mean '--json'?"), "\(run.stderr)")
    }

    @Test func missingFileIsAUsageError() throws {
        let run = try course("check", "exercise1", "--file", "no/such/file.swift")
        #expect(run.status == 64)
        #expect(run.stderr.contains("No file at 'no/such/file.swift'."))
        let missingValue = try course("check", "exercise1", "--file")
        #expect(missingValue.status == 64)
        #expect(missingValue.stderr.contains("Missing value for '--file <path>'."))
    }

    @Test func unknownLessonIsAUsageError() throws {
        let run = try course("run", "lesson9")
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown lesson 'lesson9'."))
    }

    @Test func starterFailsWithStatusOneAndSaysWhatIsMissing() throws {
        let run = try course("check", "exercise1")
        #expect(run.status == 1)
        #expect(run.stdout.contains("is not implemented yet"), "\(run.stdout)")
        #expect(run.stdout.contains("Score 0/"))
    }

    @Test func solutionPassesWithStatusZero() throws {
        for number in 1...2 {
            let run = try course("check", "exercise\(number)", "--file", "solutions/exercise\(number).swift")
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("every check passes"))
        }
    }

    @Test func jsonResultIsMachineReadable() throws {
        let mutant = FileManager.default.temporaryDirectory.appendingPathComponent("course-json-\(UUID().uuidString).swift")
        try Data(firstMutantSource(of: "exercise2", in: packageRoot)!.utf8).write(to: mutant)
        defer { try? FileManager.default.removeItem(at: mutant) }
        let run = try course("check", "exercise2", "--json", "--file", mutant.path)
        #expect(run.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["exercise"] as? String == "exercise2")
        #expect(object?["status"] as? String == "failed")
        let checks = object?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count > 3)
        #expect(checks.contains { ($0["name"] as? String)?.hasPrefix("hidden check") == true }, "hidden checks are redacted")
    }

    @Test func checkWithoutAnExerciseTakesTheNextUnfinished() throws {
        let run = try course("check")
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("exercise1 · "))
    }

    @Test func hintsAreRevealedOneAtATime() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("course-state-\(UUID().uuidString)")
        let first = try course("hint", "exercise2", state: state)
        let second = try course("hint", "exercise2", state: state)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout.hasPrefix("Hint 1 of "))
        #expect(second.stdout.hasPrefix("Hint 2 of "))
    }

    @Test func listShowsLessonsExercisesAndProgress() throws {
        let run = try course("list")
        #expect(run.status == 0)
        #expect(run.stdout.contains("lesson1"))
        #expect(run.stdout.contains("exercise2"))
        #expect(run.stdout.contains("Progress ["))
    }

    @Test func lessonOneRunsLive() throws {
        let run = try course("run", "lesson1")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Read along: lessons/lesson1-perceptron.md"))
        #expect(run.stdout.contains("Lesson 1 — The perceptron"))
    }
}
