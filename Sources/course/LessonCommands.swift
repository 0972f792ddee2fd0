import Answers
import Foundation
import CourseKit
import Grader

// `course run` and `course list`.

func runLesson(_ invocation: Invocation) throws -> Int32 {
    let name = invocation.positionals[0]
    guard let lesson = Catalogue.lesson(named: name) else {
        let names = Catalogue.lessons.map { "lesson\($0.number)" }
        let suggestion = likelyName(name, prefix: "lesson", among: names).map { " Did you mean '\($0)'?" } ?? ""
        throw UsageError(message: "Unknown lesson '\(name)'.\(suggestion) Valid lessons: \(range(names)).", spec: invocation.spec)
    }
    let workspace = try locateCourse()
    try requireAnswerKeys(workspace)
    if let text = Catalogue.lessonFile(lesson, in: workspace) {
        print(TerminalStyle.standardOutput.dim("Read along: \(Workspace.displayPath(text))"))
    }
    var saveFigure: ((String, String) -> Void)?
    if let folder = invocation.options["--svg"] {
        let url = URL(fileURLWithPath: folder)
        let isNew = !FileManager.default.fileExists(atPath: url.path)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "Cannot create the folder '\(folder)' for the figures.", spec: invocation.spec)
        }
        if isNew {
            // A folder of generated figures is not part of the course: git ignores it, whatever its name.
            try? Data("# Figures written by `course run --svg`.\n*\n".utf8).write(to: url.appendingPathComponent(".gitignore"))
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
    AnswerKeys.stopAtFirstMiss("Error: this run needs a number that is not in this copy's answer keys "
        + "(Sources/Answers/answer-keys.txt), so it stops here. Export the course again, or ask your instructor.")
    lesson.run(on: LessonConsole(write: { print($0) }, saveFigure: saveFigure))
    return 0
}

func list() throws -> Int32 {
    let style = TerminalStyle.standardOutput
    let workspace = try locateCourse()
    let progress = StudentProgress.load(from: workspace)
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
    let withheld = Catalogue.exercises.map(WithheldPoints.of).reduce(0, +)
    if withheld > 0 {
        print("  Hidden checks worth \(formatNumber(withheld)) more points are graded by your instructor.")
    }
    if let next = progress.nextUnfinished(in: Catalogue.exercises) {
        print("  Next: `\(commandName) check \(next.id)`")
    }
    return 0
}
