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
    case "list": return try list()
    case "run": return try runLesson(invocation)
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

func workspace(for invocation: Invocation) throws -> Workspace {
    do {
        return try Workspace.locate()
    } catch {
        throw UsageError(message: "\(error)", spec: invocation.spec)
    }
}

/// Prepares the grader, saying so when the course library is compiled for the first time.
func makeGrader(_ workspace: Workspace) throws -> Grader {
    let cacheExists = FileManager.default.fileExists(atPath: workspace.cacheFolder.path)
    if !cacheExists {
        FileHandle.standardError.write(Data("Compiling the course library for the grader (once, a few seconds)…\n".utf8))
    }
    return try Grader(workspace: workspace)
}

func runLesson(_ invocation: Invocation) throws -> Int32 {
    let name = invocation.positionals[0]
    guard let lesson = Catalogue.lesson(named: name) else {
        let names = Catalogue.lessons.map { "lesson\($0.number)" }
        let suggestion = likelyName(name, prefix: "lesson", among: names).map { " Did you mean '\($0)'?" } ?? ""
        throw UsageError(message: "Unknown lesson '\(name)'.\(suggestion) Valid lessons: \(range(names)).", spec: invocation.spec)
    }
    if let text = Catalogue.lessonFile(lesson, in: try? Workspace.locate()) {
        print(TerminalStyle.standardOutput.dim("Read along: \(Workspace.displayPath(text))"))
    }
    var saveFigure: ((String, String) -> Void)?
    if let folder = invocation.options["--svg"] {
        let url = URL(fileURLWithPath: folder)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "Cannot create the folder '\(folder)' for the figures.", spec: invocation.spec)
        }
        saveFigure = { name, svg in
            let file = url.appendingPathComponent(name)
            do {
                try Data(svg.utf8).write(to: file, options: .atomic)
                print(TerminalStyle.standardOutput.dim("  Figure written: \(Workspace.displayPath(file))"))
            } catch {
                FileHandle.standardError.write(Data("Error: cannot write \(file.path): \(error.localizedDescription)\n".utf8))
            }
        }
    }
    lesson.run(on: LessonConsole(write: { print($0) }, saveFigure: saveFigure))
    return 0
}

func list() throws -> Int32 {
    let style = TerminalStyle.standardOutput
    let workspace = try? Workspace.locate()
    let progress = workspace.map { StudentProgress.load(from: $0) } ?? StudentProgress()
    print(style.bold("Lessons"))
    for lesson in Catalogue.lessons {
        let file = Catalogue.lessonFile(lesson, in: workspace).map { "  " + style.dim(Workspace.displayPath($0)) } ?? ""
        print("  lesson\(lesson.number)  \(lesson.title)\(file)")
    }
    print("")
    print(style.bold("Exercises"))
    var earned = 0.0, total = 0.0, passed = 0
    for exercise in Catalogue.exercises {
        let entry = progress.exercises[exercise.id]
        let mark: String
        switch entry?.status {
        case .passed?: mark = style.green("✓"); passed += 1
        case nil: mark = " "
        default: mark = style.red("✗")
        }
        let score = entry?.score.map { "\(formatNumber($0, digits: 2))/\(formatNumber(exercise.maxPoints))" } ?? "–/\(formatNumber(exercise.maxPoints))"
        let id = exercise.id.padding(toLength: 11, withPad: " ", startingAt: 0)
        let shortTitle = exercise.title.count > 56 ? exercise.title.prefix(55) + "…" : exercise.title
        let title = shortTitle.padding(toLength: 56, withPad: " ", startingAt: 0)
        print("  \(mark) \(id) \(title) lesson \(exercise.lesson)  \(score)")
        earned += entry?.score ?? 0
        total += exercise.maxPoints
    }
    let count = Catalogue.exercises.count
    let filled = count == 0 ? 0 : Int((Double(passed) / Double(count) * 30).rounded())
    print("")
    print("  Progress [\(String(repeating: "█", count: filled))\(String(repeating: "·", count: 30 - filled))] "
          + "\(passed)/\(count) exercises, \(formatNumber(earned, digits: 2))/\(formatNumber(total)) points")
    if let next = progress.nextUnfinished(in: Catalogue.exercises) {
        print("  Next: `\(commandName) check \(next.id)`")
    }
    return 0
}

func check(_ invocation: Invocation) throws -> Int32 {
    let workspace = try workspace(for: invocation)
    var progress = StudentProgress.load(from: workspace)
    let chosen: Exercise
    if let name = invocation.positionals.first {
        chosen = try exercise(named: name, for: invocation)
    } else if let next = progress.nextUnfinished(in: Catalogue.exercises) {
        chosen = next
    } else {
        print("Every exercise passes. Nothing left to check: well done.")
        return 0
    }
    var file = workspace.studentFile(chosen)
    if let path = invocation.options["--file"] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw UsageError(message: "No file at '\(path)'.", spec: invocation.spec)
        }
        file = URL(fileURLWithPath: path)
    }
    let grader = try makeGrader(workspace)
    let full = try grader.grade(chosen, file: file)
    let result = invocation.flags.contains("--reveal") ? full : full.redactingHidden()
    if invocation.options["--file"] == nil {
        progress.record(full)
        try? progress.save(to: workspace)
    }
    if invocation.flags.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    } else {
        print(TerminalReport(style: .standardOutput).render(result, exercise: chosen, next: exercise(after: chosen)))
    }
    return result.status == .passed ? 0 : 1
}

/// The exercise after `exercise` in the catalogue, if any.
func exercise(after exercise: Exercise) -> Exercise? {
    let index = Catalogue.exercises.firstIndex { $0.id == exercise.id }!
    return Catalogue.exercises.dropFirst(index + 1).first
}

func hint(_ invocation: Invocation) throws -> Int32 {
    let chosen = try exercise(named: invocation.positionals[0], for: invocation)
    let workspace = try workspace(for: invocation)
    var progress = StudentProgress.load(from: workspace)
    var entry = progress.exercises[chosen.id] ?? StudentProgress.Entry()
    let index = min(entry.hintsShown, chosen.hints.count - 1)
    let style = TerminalStyle.standardOutput
    print(style.bold("Hint \(index + 1) of \(chosen.hints.count) for \(chosen.id) · \(chosen.title)"))
    print(TerminalReport(style: style).wrap(chosen.hints[index], indent: "  ").joined(separator: "\n"))
    if index + 1 < chosen.hints.count {
        print(style.dim("Run `\(commandName) hint \(chosen.id)` again for the next hint."))
    } else {
        print(style.dim("That was the last hint."))
    }
    entry.hintsShown = min(entry.hintsShown + 1, chosen.hints.count)
    progress.exercises[chosen.id] = entry
    try? progress.save(to: workspace)
    return 0
}

func verify(_ invocation: Invocation) throws -> Int32 {
    let workspace = try workspace(for: invocation)
    guard FileManager.default.fileExists(atPath: workspace.solutionsFolder.path) else {
        throw UsageError(message: "This is the student version of the course: it has no solutions/ to verify against.", spec: invocation.spec)
    }
    let exercises = try invocation.positionals.first.map { [try exercise(named: $0, for: invocation)] } ?? Catalogue.exercises
    let jobs = try jobCount(invocation)
    let outcomes = try Verification(grader: try makeGrader(workspace)).verify(exercises, jobs: jobs)
    if invocation.flags.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(outcomes), as: UTF8.self))
    } else {
        let style = TerminalStyle.standardOutput
        for outcome in outcomes {
            let ok = outcome.problems.isEmpty
            print("\(ok ? style.green("✓") : style.red("✗")) \(outcome.exercise): solution \(formatNumber(outcome.solutionScore, digits: 2))/\(formatNumber(outcome.maxScore)), starter fails every check, "
                  + "\(outcome.mutants.filter { !$0.caughtBy.isEmpty }.count)/\(outcome.mutants.count) mutants caught")
            for mutant in outcome.mutants {
                var by = mutant.caughtBy.isEmpty ? style.red("NOT CAUGHT") : "caught by: " + mutant.caughtBy.joined(separator: "; ")
                if !mutant.diagnosed { by += style.red(" (no message says '\(mutant.diagnosis ?? "")')") }
                print(style.dim("    \(URL(fileURLWithPath: mutant.file).lastPathComponent): \(by)"))
            }
            for problem in outcome.problems { print("    " + style.red(problem)) }
        }
    }
    return outcomes.allSatisfy { $0.problems.isEmpty } ? 0 : 1
}

/// The `--jobs` option, or the number of cores.
func jobCount(_ invocation: Invocation) throws -> Int {
    guard let text = invocation.options["--jobs"] else { return ProcessInfo.processInfo.activeProcessorCount }
    guard let n = Int(text), n > 0, n <= 256 else {
        throw UsageError(message: "'--jobs' needs a whole number from 1 to 256, not '\(text)'.", spec: invocation.spec)
    }
    return n
}

func grade(_ invocation: Invocation) throws -> Int32 {
    let path = invocation.positionals[0]
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw UsageError(message: "No class folder at '\(path)'.", spec: invocation.spec)
    }
    let folder = ClassFolder(root: URL(fileURLWithPath: path))
    let output = invocation.options["--output"].map { URL(fileURLWithPath: $0) }
        ?? folder.root.deletingLastPathComponent().appendingPathComponent(folder.root.lastPathComponent + "-grades")
    let jobs = try jobCount(invocation)
    let workspace = try workspace(for: invocation)
    var grader = try makeGrader(workspace)
    if let text = invocation.options["--timeout"] {
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw UsageError(message: "'--timeout' needs a number of seconds from 0 to 3600, not '\(text)'.", spec: invocation.spec)
        }
        grader.limits.checkTime = .milliseconds(Int(seconds * 1000))
    }
    let grading = ClassGrading(grader: grader, folder: folder, output: output, exercises: Catalogue.exercises)
    let interactive = isatty(2) == 1
    let started = Date()
    let students = try grading.run(jobs: jobs) { done, total, cached in
        guard interactive else { return }
        let filled = total == 0 ? 0 : done * 30 / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 30 - filled)
        FileHandle.standardError.write(Data("\r  Grading [\(bar)] \(done)/\(total) (\(cached) unchanged)".utf8))
    }
    if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    let gradebook = Gradebook(exercises: Catalogue.exercises, students: students)
    try gradebook.write(to: output)
    let seconds = Date().timeIntervalSince(started)
    print("Graded \(students.count) students × \(Catalogue.exercises.count) exercises in \(formatNumber(seconds, digits: 1)) s.")
    print("Gradebook: \(Workspace.displayPath(output.appendingPathComponent("gradebook.csv"))) and gradebook.json; "
          + "Gradescope results: \(Workspace.displayPath(output.appendingPathComponent("gradescope")))/<student>/results.json")
    return 0
}

/// The destination folder of `export` and `gradescope`: new, or empty.
func newFolder(_ invocation: Invocation) throws -> URL {
    let url = URL(fileURLWithPath: invocation.positionals[0])
    let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    if FileManager.default.fileExists(atPath: url.path) && contents?.isEmpty != true {
        throw UsageError(message: "'\(invocation.positionals[0])' already exists and is not empty; choose a new folder.", spec: invocation.spec)
    }
    return url
}

func export(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try workspace(for: invocation)
    let files = try StudentExport(workspace: workspace).write(to: destination)
    print("Wrote the student version (\(files.count) files) to \(Workspace.displayPath(destination)).")
    print("It has no solutions, mutants or hidden checks; students start with `swift run course run lesson1`.")
    return 0
}

func gradescope(_ invocation: Invocation) throws -> Int32 {
    let destination = try newFolder(invocation)
    let workspace = try workspace(for: invocation)
    let version = try invocation.options["--swift-version"] ?? toolchainVersion()
    try GradescopeAutograder(workspace: workspace, swiftVersion: version).write(to: destination)
    print("Wrote a Gradescope autograder for Swift \(version) to \(Workspace.displayPath(destination)).")
    print("Upload: see \(Workspace.displayPath(destination.appendingPathComponent("README.md"))).")
    return 0
}

/// The release number of the Swift compiler on PATH, such as "6.3.1".
func toolchainVersion() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swiftc", "--version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard let range = text.range(of: #"Swift version (\d+\.\d+(\.\d+)?)"#, options: .regularExpression) else {
        return "6.3.1"
    }
    return String(text[range].dropFirst("Swift version ".count))
}
