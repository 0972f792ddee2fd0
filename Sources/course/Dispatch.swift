import Answers
import Foundation
import CourseKit
import Grader

/// Runs a parsed command and returns the exit status.
func dispatch(_ invocation: Invocation) throws -> Int32 {
    switch invocation.spec.name {
    case "help":
        guard let name = invocation.positionals.first else {
            print(overview())
            return 0
        }
        guard let spec = commandSpecs.first(where: { $0.name == name }) else {
            let suggestion = closest(to: name, among: commandSpecs.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
            throw UsageError(message: "Unknown command '\(name)'.\(suggestion)", spec: invocation.spec)
        }
        print(help(for: spec))
        return 0
    case "list":
        prepareGraderInBackground()
        return try list()
    case "run":
        prepareGraderInBackground()
        return try runLesson(invocation)
    case "check": return try check(invocation)
    case "hint": return try hint(invocation)
    case "watch": return try watch(invocation)
    case "reset": return try reset(invocation)
    case "verify": return try verify(invocation)
    case "grade": return try grade(invocation)
    case "export": return try export(invocation)
    case "gradescope": return try gradescope(invocation)
    default: return 64
    }
}

/// Returns the exercise named by the argument, or throws a usage error listing the valid ones.
func exercise(named name: String, for invocation: Invocation) throws -> Exercise {
    if let exercise = Catalogue.exercise(named: name) { return exercise }
    let names = Catalogue.exercises.map(\.id)
    let suggestion = likelyName(name, prefix: "exercise", among: names).map { " Did you mean '\($0)'?" } ?? ""
    throw UsageError(message: "Unknown exercise '\(name)'.\(suggestion) Valid exercises: \(range(names)).", spec: invocation.spec)
}

/// Returns the valid name a mistyped one most likely means: a close spelling, a bare number
/// (`3` for `exercise3`), or a file path (`exercises/exercise3.swift`).
func likelyName(_ typed: String, prefix: String, among names: [String]) -> String? {
    var base = String(typed.split(separator: "/").last ?? Substring(typed))
    if base.hasSuffix(".swift") { base.removeLast(6) }
    if let dash = base.firstIndex(of: "-") { base = String(base[..<dash]) }
    if Int(base) != nil { base = prefix + base }
    if names.contains(base) { return base }
    return closest(to: typed, among: names)
}

func range(_ names: [String]) -> String {
    names.count > 2 ? "\(names.first!) … \(names.last!)" : names.joined(separator: ", ")
}

/// Returns the course folder commands work on, or throws `MissingCourse`.
func locateCourse() throws -> Workspace {
    do {
        return try Workspace.locate()
    } catch {
        throw MissingCourse(message: "\(error)")
    }
}

/// Throws `MissingCourse` when this is a student version (it has no solutions) whose answer
/// keys are gone: its lessons and checks would otherwise work with stand-ins.
func requireAnswerKeys(_ workspace: Workspace) throws {
    guard !FileManager.default.fileExists(atPath: workspace.solutionsFolder.path), !AnswerKeys.fromKeys else { return }
    throw MissingCourse(message: "This copy of the course reads some answers from Sources/Answers/\(AnswerKeys.fileName), which is "
                        + "missing or unreadable; copy it back from the course as you received it.")
}

/// No course folder was found: not a usage error, since the command line was right, but a
/// missing input (EX_NOINPUT in sysexits(3)).
struct MissingCourse: Error {
    let message: String
    static let exitStatus: Int32 = 66
}

/// Prepares the grader, saying so when the course library is compiled for the first time,
/// and once what the user should know about the sandbox.
func makeGrader(_ workspace: Workspace, sandbox: SandboxPolicy = .preferred) throws -> Grader {
    let grader = try Grader(workspace: workspace, sandbox: sandbox) { notice in
        FileHandle.standardError.write(Data((notice + "\n").utf8))
    }
    if let warning = grader.sandboxWarning {
        FileHandle.standardError.write(Data((warning + "\n").utf8))
    }
    return grader
}

/// The hidden command that a first `course run` or `course list` starts in the background:
/// it compiles the course library and prepares the sandbox, then exits.
let prepareCommand = "__prepare-grader"

/// Starts preparing the grader in the background when the course library is not compiled
/// yet, so that the student's first check, a lesson later, does not wait for it.
func prepareGraderInBackground() {
    guard let workspace = try? Workspace.locate(), Grader.needsPreparing(workspace),
          let executable = Bundle.main.executableURL else { return }
    Grader.startPreparing(executable: executable, arguments: [prepareCommand])
}

/// The hidden command that compiles, in the background, a file a check ran through the JIT,
/// so that checking it again finds it in the cache: `__compile-for-cache exerciseN FILE`
/// (the file is a copy in the cache's staging folder, removed afterwards).
let compileCommand = "__compile-for-cache"

/// A grader for a student checking their own files: a changed file runs at once in the
/// compiler's JIT, and is compiled for the cache in the background.
func makeStudentGrader(_ workspace: Workspace) throws -> Grader {
    var grader = try makeGrader(workspace)
    guard let executable = Bundle.main.executableURL else { return grader }
    grader.interpretsChangedFiles = true
    let staging = workspace.cacheFolder.appendingPathComponent("staging")
    grader.compileInBackground = { exercise, source in
        let copy = staging.appendingPathComponent("pending-\(UUID().uuidString).swift")
        guard (try? Data(source).write(to: copy)) != nil else { return }
        Grader.startPreparing(executable: executable, arguments: [compileCommand, exercise.id, copy.path])
    }
    return grader
}

/// Compiles a file for the cache (the hidden command above) and removes it.
func compileForCache(_ arguments: [String]) -> Int32 {
    guard arguments.count == 3, let exercise = Catalogue.exercise(named: arguments[1]) else { return 64 }
    let file = URL(fileURLWithPath: arguments[2])
    defer { try? FileManager.default.removeItem(at: file) }
    guard let workspace = try? Workspace.locate(), let grader = try? Grader(workspace: workspace) else { return 1 }
    return (try? grader.compile(exercise, file: file)) == nil ? 1 : 0
}

/// The sandbox a grading command insists on: a box, unless told `--no-sandbox`.
func gradingPolicy(_ invocation: Invocation) -> SandboxPolicy {
    invocation.flags.contains("--no-sandbox") ? .disabled : .required
}
