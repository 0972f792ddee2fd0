import Grader

/// An option a command accepts.
struct OptionSpec {
    let name: String
    /// The placeholder of the option's value, or nil for a flag.
    let value: String?
    let help: String
}

/// A command of `course`: its name, what it does, its arguments and options.
struct CommandSpec {
    let name: String
    let abstract: String
    let arguments: [(name: String, help: String, optional: Bool)]
    let options: [OptionSpec]
    let discussion: String?

    var usage: String {
        let arguments = self.arguments.map { $0.optional ? "[<\($0.name)>]" : "<\($0.name)>" }
        let options = self.options.map { "[\($0.name)\($0.value.map { " <\($0)>" } ?? "")]" }
        return (["course", name] + arguments + options).joined(separator: " ")
    }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}

/// The exercises as help names them: `exercise1 … exerciseN`.
private let exerciseRange = "exercise1 … \(Catalogue.exercises.last?.id ?? "exercise1")"

/// Every command, in the order help lists them.
let commandSpecs: [CommandSpec] = [
    CommandSpec(name: "list", abstract: "List the lessons and exercises with your progress.",
                arguments: [], options: [], discussion: nil),
    CommandSpec(name: "run", abstract: "Run a lesson live: its numbers, tables and plots.",
                arguments: [("lesson", "The lesson to run: lesson1 … lesson6.", false)],
                options: [OptionSpec(name: "--svg", value: "folder", help: "Also write the lesson's figures there, as SVG files.")],
                discussion: "Read the lesson's text in lessons/ alongside; the sections are numbered alike, and the text names each figure."),
    CommandSpec(name: "check", abstract: "Check an exercise: compile it, run its checks, explain every failure.",
                arguments: [("exercise", "The exercise to check: \(exerciseRange). Without it, the next unfinished one.", true)],
                options: [
                    OptionSpec(name: "--file", value: "path", help: "Check this file instead of exercises/<exercise>.swift."),
                    OptionSpec(name: "--json", value: nil, help: "Print the result as JSON."),
                    OptionSpec(name: "--reveal", value: nil, help: "Show the names and messages of hidden checks (for instructors)."),
                ],
                discussion: "Exit status: 0 when every check passes, 1 when any fails, 64 for a usage error."),
    CommandSpec(name: "watch", abstract: "Check the current exercise every time you save it, and move on when it passes.",
                arguments: [("exercise", "The exercise to start with (default: the next unfinished one).", true)],
                options: [OptionSpec(name: "--interval", value: "seconds", help: "How often to look at the file (default: 0.5).")],
                discussion: "Type h and Enter for a hint, c to check now, q to quit (or press Ctrl-C)."),
    CommandSpec(name: "reset", abstract: "Put the starter of an exercise back, keeping a copy of your version.",
                arguments: [("exercise", "The exercise: \(exerciseRange).", false)],
                options: [OptionSpec(name: "--yes", value: nil, help: "Do not ask for confirmation.")],
                discussion: "The starter comes from git (your upstream branch, or the last commit); your version is saved in .course/backups/."),
    CommandSpec(name: "hint", abstract: "Show the next hint of an exercise.",
                arguments: [("exercise", "The exercise: \(exerciseRange).", false)], options: [], discussion: nil),
    CommandSpec(name: "verify", abstract: "Instructors: prove every check passes the solution, fails the starter and catches every mutant.",
                arguments: [("exercise", "Verify only this exercise.", true)],
                options: [
                    OptionSpec(name: "--jobs", value: "n", help: "Files graded at once (default: the number of cores)."),
                    OptionSpec(name: "--json", value: nil, help: "Print the outcome as JSON."),
                ],
                discussion: "Mutants are the known-wrong variants in solutions/mutants/<exercise>/, each starting with a '// Mistake:' line."),
    CommandSpec(name: "grade", abstract: "Instructors: grade a class folder DIR/<student>/exerciseN.swift, with a gradebook.",
                arguments: [("folder", "The class folder: one folder per student, holding exerciseN.swift files.", false)],
                options: [
                    OptionSpec(name: "--jobs", value: "n", help: "Submissions graded at once (default: the number of cores)."),
                    OptionSpec(name: "--timeout", value: "seconds", help: "Wall time allowed to each check (default: 10)."),
                    OptionSpec(name: "--output", value: "path", help: "Where results go (default: <folder>-grades next to the folder)."),
                    OptionSpec(name: "--no-sandbox", value: nil, help: "Grade even where no sandbox can be set up (as this user, never as root)."),
                ],
                discussion: """
                    Writes gradebook.csv and gradebook.json (one row per student, one column per exercise, totals),
                    gradescope/<student>/results.json, and results/<student>/<exercise>.json. A submission that has not
                    changed since the last run is not graded again, so an interrupted run, started again, finishes the rest.
                    Missing files count as not submitted; symbolic links are never followed.
                    """),
    CommandSpec(name: "export", abstract: "Instructors: write the student version of the course into a new folder.",
                arguments: [("folder", "A new or empty folder.", false)], options: [],
                discussion: "Leaves out solutions/, the mutants, the hidden checks, the grader's own tests and the instructors' part of the README."),
    CommandSpec(name: "gradescope", abstract: "Instructors: write a Gradescope autograder (setup.sh, run_autograder) into a new folder.",
                arguments: [("folder", "A new or empty folder.", false)],
                options: [OptionSpec(name: "--swift-version", value: "version", help: "The Swift release it installs (default: this toolchain's).")],
                discussion: "Its README.md says how to zip and upload it."),
    CommandSpec(name: "help", abstract: "Show help for a command.",
                arguments: [("command", "The command to explain.", true)], options: [], discussion: nil),
]

/// The overview printed by `course` and `course help`.
func overview() -> String {
    let width = commandSpecs.map(\.name.count).max() ?? 0
    let list = commandSpecs.map { "  \($0.name)" + String(repeating: " ", count: width - $0.name.count + 2) + $0.abstract }
    return """
        OVERVIEW: A course on the foundations of neural networks, with its own grader.

        USAGE: course <command> [<arguments>] [<options>]

        COMMANDS:
        \(list.joined(separator: "\n"))

          See 'course help <command>' for detailed help.

        START HERE:
          course run lesson1          read lessons/lesson1-perceptron.md alongside
          course check                check the next unfinished exercise
        """
}

/// The detailed help of one command, its descriptions aligned in one column.
func help(for spec: CommandSpec) -> String {
    let arguments = spec.arguments.map { ("<\($0.name)>", $0.help) }
    let options = spec.options.map { ($0.name + ($0.value.map { " <\($0)>" } ?? ""), $0.help) } + [("-h, --help", "Show help information.")]
    let width = max(18, (arguments + options).map(\.0.count).max() ?? 0) + 2
    func line(_ entry: (String, String)) -> String {
        "  " + entry.0 + String(repeating: " ", count: width - entry.0.count) + entry.1
    }
    var text = "OVERVIEW: \(spec.abstract)\n\nUSAGE: \(spec.usage)\n"
    if !arguments.isEmpty { text += "\nARGUMENTS:\n" + arguments.map(line).joined(separator: "\n") + "\n" }
    text += "\nOPTIONS:\n" + options.map(line).joined(separator: "\n") + "\n"
    if let discussion = spec.discussion { text += "\n" + discussion + "\n" }
    return text
}
