import Foundation
import CourseKit
import Grader

// `course verify` and `course grade`.

func verify(_ invocation: Invocation) throws -> Int32 {
    let workspace = try locateCourse()
    guard FileManager.default.fileExists(atPath: workspace.solutionsFolder.path) else {
        throw UsageError(message: "This is the student version of the course: it has no solutions/ to verify against.", spec: invocation.spec)
    }
    let exercises = try invocation.positionals.first.map { [try exercise(named: $0, for: invocation)] } ?? Catalogue.exercises
    let jobs = try jobCount(invocation)
    let allowDirty = invocation.flags.contains("--allow-dirty")
    // The committed course, unless told to verify the working tree as it is.
    // Without git there is no commit: --allow-dirty verifies the folder as it is.
    let committed: CommittedCourse?
    do {
        committed = try CommittedCourse.inspect(workspace)
    } catch CommittedCourseError.notInGit where allowDirty {
        committed = nil
    }
    try committed?.requireClean(allowDirty: allowDirty, otherwise: "verify the working tree as it is")
    var source: URL?
    if let committed, !committed.isDirty { source = try committed.materialise() }
    defer { if let source { try? FileManager.default.removeItem(at: source) } }
    let files = source.map { Workspace(root: $0) } ?? workspace
    if invocation.flags.contains("--sweep") {
        return try sweep(exercises, solutions: files, grader: try makeGrader(workspace), jobs: jobs, json: invocation.flags.contains("--json"))
    }
    var outcomes = try Verification(grader: try makeGrader(workspace), files: files).verify(exercises, jobs: jobs)
    if let source {
        // Name the files as the course does, not by the temporary copy's path.
        let prefix = Workspace(root: source).root.path + "/"
        for index in outcomes.indices {
            outcomes[index].problems = outcomes[index].problems.map { $0.replacingOccurrences(of: prefix, with: "") }
            for m in outcomes[index].mutants.indices {
                outcomes[index].mutants[m].file = outcomes[index].mutants[m].file.replacingOccurrences(of: prefix, with: "")
            }
        }
    }
    let what: String
    if let committed, source != nil {
        what = committed.description + (committed.untracked.isEmpty ? ""
            : ", leaving out \(committed.untracked.count) untracked file\(committed.untracked.count == 1 ? "" : "s")")
    } else if let committed {
        what = "the working tree, with uncommitted changes to \(committed.changed.count) file\(committed.changed.count == 1 ? "" : "s") (\(committed.changedSummary()))"
    } else {
        what = "the course folder as it is (it is not in git)"
    }
    if invocation.flags.contains("--json") {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(outcomes), as: UTF8.self))
    } else {
        let style = TerminalStyle.standardOutput
        print(style.dim("Verifying \(what)."))
        for outcome in outcomes {
            let ok = outcome.problems.isEmpty
            let starter = outcome.starterScore == 0
                ? "starter 0/\(formatNumber(outcome.maxScore))"
                : style.red("starter \(formatNumber(outcome.starterScore, digits: 2))/\(formatNumber(outcome.maxScore))")
            print("\(ok ? style.green("✓") : style.red("✗")) \(outcome.exercise): solution \(formatNumber(outcome.solutionScore, digits: 2))/\(formatNumber(outcome.maxScore)), \(starter), "
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

/// `course verify --sweep`: grades every one-line mutant of the solutions and lists those
/// that only a hidden check catches and those that pass every check.
private func sweep(_ exercises: [Exercise], solutions: Workspace, grader: Grader, jobs: Int, json: Bool) throws -> Int32 {
    let sweep = MutationSweep(grader: grader)
    var all: [String: [MutationSweep.Outcome]] = [:]
    let style = TerminalStyle.standardOutput
    for exercise in exercises {
        let outcomes = try sweep.run(exercise, solution: solutions.solutionFile(exercise), jobs: jobs)
        all[exercise.id] = outcomes
        guard !json else { continue }
        let count = { (verdict: MutationSweep.Verdict) in outcomes.filter { $0.verdict == verdict }.count }
        let hiddenOnly = count(.caughtOnlyByHidden), passing = count(.passesEveryCheck)
        let mark = hiddenOnly == 0 ? style.green("✓") : style.red("✗")
        print("\(mark) \(exercise.id): \(outcomes.count) one-line mutants of the solution: \(count(.caughtVisibly)) caught by a visible check, "
              + "\(hiddenOnly) only by a hidden one, \(passing) pass every check, \(count(.doesNotCompile)) do not compile")
        for (verdict, heading) in [(MutationSweep.Verdict.caughtOnlyByHidden, "Only a hidden check catches (add a visible check):"),
                                   (.passesEveryCheck, "Pass every check (each computes the same function, or a check is missing):")] {
            let listed = outcomes.filter { $0.verdict == verdict }
            guard !listed.isEmpty else { continue }
            print("    " + heading)
            for outcome in listed {
                print(style.dim("      line \(outcome.line): \(outcome.original.trimmingCharacters(in: .whitespaces))"))
                print(style.dim("        becomes \(outcome.changed.trimmingCharacters(in: .whitespaces))"))
            }
        }
    }
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(all), as: UTF8.self))
    }
    return all.values.allSatisfy { $0.allSatisfy { $0.verdict != .caughtOnlyByHidden } } ? 0 : 1
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
    let workspace = try locateCourse()
    var grader = try makeGrader(workspace, sandbox: gradingPolicy(invocation))
    guard grader.canRunSubmissions else { return 1 }
    if let text = invocation.options["--timeout"] {
        guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
            throw UsageError(message: "'--timeout' needs a number of seconds from 0 to 3600, not '\(text)'.", spec: invocation.spec)
        }
        grader.limits.checkTime = .milliseconds(Int(seconds * 1000))
    }
    let grading = ClassGrading(grader: grader, folder: folder, output: output, exercises: Catalogue.exercises)
    // Every file that is not graded is named, before grading starts and again in the files.
    let notGraded = try folder.notGraded(exercises: Catalogue.exercises, skipping: grading.output)
    for entry in notGraded {
        FileHandle.standardError.write(Data("Warning: \(entry.message)\n".utf8))
    }
    let interactive = isatty(2) == 1
    let started = Date()
    let students = try grading.run(jobs: jobs) { done, total, cached in
        guard interactive else { return }
        let filled = total == 0 ? 0 : done * 30 / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 30 - filled)
        FileHandle.standardError.write(Data("\r  Grading [\(bar)] \(done)/\(total) (\(cached) unchanged)".utf8))
    }
    if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    let gradebook = Gradebook(exercises: Catalogue.exercises, students: students, notGraded: notGraded)
    try gradebook.write(to: output)
    let warnings = output.appendingPathComponent("not-graded.txt")
    if notGraded.isEmpty {
        try? FileManager.default.removeItem(at: warnings)
    } else {
        try Data(notGraded.map { $0.message + "\n" }.joined().utf8).write(to: warnings, options: .atomic)
    }
    let report = ClassReport(exercises: Catalogue.exercises, students: students)
    try report.write(to: output)
    let seconds = Date().timeIntervalSince(started)
    print(report.terminal(style: TerminalStyle.standardOutput))
    print("")
    print("Graded \(students.count) students × \(Catalogue.exercises.count) exercises in \(formatNumber(seconds, digits: 1)) s.")
    print("Gradebook: \(Workspace.displayPath(output.appendingPathComponent("gradebook.csv"))) and gradebook.json; "
          + "Gradescope results: \(Workspace.displayPath(output.appendingPathComponent("gradescope")))/<student>/results.json")
    print("What the class got wrong, check by check and mistake by mistake: \(Workspace.displayPath(output.appendingPathComponent("class-report.md"))) "
          + "(and class-report.json, class-report.svg)")
    if !notGraded.isEmpty {
        print("\(notGraded.count) file\(notGraded.count == 1 ? " was" : "s were") not graded (see the warnings above, and \(Workspace.displayPath(warnings))).")
    }
    return 0
}
