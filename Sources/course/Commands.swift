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
                discussion: "Exit status: 0 when every check passes, 1 when any fails, 64 for a usage error, 66 outside a course folder."),
    CommandSpec(name: "watch", abstract: "Check the current exercise every time you save it, and move on when it passes.",
                arguments: [("exercise", "The exercise to start with (default: the next unfinished one).", true)],
                options: [OptionSpec(name: "--interval", value: "seconds", help: "How often to look at the file (default: 0.5).")],
                discussion: "Press h for a hint about the first failing check, c to check now, q to quit (or Ctrl-C): a single key, no Enter."),
    CommandSpec(name: "reset", abstract: "Put the starter of an exercise back, keeping a copy of your version.",
                arguments: [("exercise", "The exercise: \(exerciseRange).", false)],
                options: [OptionSpec(name: "--yes", value: nil, help: "Do not ask for confirmation.")],
                discussion: "The starter comes from starters/ in the student version, otherwise from git (your upstream branch, or the last commit); your version is saved in .course/backups/."),
    CommandSpec(name: "hint", abstract: "Show the next hint of an exercise, about what fails in it.",
                arguments: [("exercise", "The exercise: \(exerciseRange). Without it, the next unfinished one.", true)],
                options: [OptionSpec(name: "--all", value: nil, help: "Show again every hint you have seen, without a new one.")],
                discussion: """
                    The next hint is about the first failing check of your file (checked first if it changed since
                    the last check), then come the hints about the whole exercise. Each hint is shown once; the last
                    one says so.
                    """),
    CommandSpec(name: "verify", abstract: "Instructors: prove every check passes the solution, fails the starter and catches every mutant.",
                arguments: [("exercise", "Verify only this exercise.", true)],
                options: [
                    OptionSpec(name: "--jobs", value: "n", help: "Files graded at once (default: the number of cores)."),
                    OptionSpec(name: "--json", value: nil, help: "Print the outcome as JSON."),
                    OptionSpec(name: "--allow-dirty", value: nil, help: "Verify the working tree as it is: uncommitted checks, starters, solutions and mutants."),
                    OptionSpec(name: "--sweep", value: nil, help: "Grade every one-line change of the solutions instead, and list those only a hidden check catches or none does."),
                ],
                discussion: "Verifies the last commit's starters, solutions and mutants; with uncommitted changes it stops unless --allow-dirty. Mutants are the known mistakes in solutions/mutants/<exercise>.mutants, each a short record of the lines it changes in the solution. With --sweep it looks for mistakes nobody recorded: it changes one operator in one line of the solution at a time (+ for −, < for ≤, = for +=, rows for columns, …), grades each change, and exits 1 if some change is caught only by a hidden check."),
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
                    gradescope/<student>/results.json, class-report.md, .json and .svg (what the class got wrong: each
                    check's passes, each named mistake's students), and results/<student>/<exercise>.json. A submission
                    that has not changed since the last run is not graded again, so an interrupted run, started again,
                    finishes the rest. A missing exercise is "not submitted" (an empty cell, null in JSON), never a 0;
                    every other file is named in a warning ("did you mean exercise5.swift?"); links are never followed.
                    """),
    CommandSpec(name: "export", abstract: "Instructors: write the student version of the course into a new folder.",
                arguments: [("folder", "A new or empty folder.", false)],
                options: [OptionSpec(name: "--allow-dirty", value: nil, help: "Go on although the course has uncommitted changes; the commit is still what is shipped.")],
                discussion: """
                    Copies the last commit, never the working tree: uncommitted changes and untracked files are left out.
                    Leaves out solutions/, the mutants, the hidden checks, the grader's own tests and the instructors' part of the README.
                    """),
    CommandSpec(name: "gradescope", abstract: "Instructors: write a Gradescope autograder (setup.sh, run_autograder) into a new folder.",
                arguments: [("folder", "A new or empty folder.", false)],
                options: [
                    OptionSpec(name: "--swift-version", value: "version", help: "The Swift release it installs (default: this toolchain's)."),
                    OptionSpec(name: "--allow-dirty", value: nil, help: "Go on although the course has uncommitted changes; the commit is still what is shipped."),
                ],
                discussion: "Built from the last commit, never the working tree. Its README.md says how to zip and upload it."),
    CommandSpec(name: "help", abstract: "Show help for a command.",
                arguments: [("command", "The command to explain.", true)], options: [], discussion: nil),
]

/// The version `course --version` prints.
let courseVersion = "1.0.0"

/// The exit statuses of every command, as `course help` lists them.
let exitStatuses: [(status: String, meaning: String)] = [
    ("0", "Success; for check, every check passes."),
    ("1", "A check fails, or verify finds a problem, or an error while working."),
    ("64", "A usage error: an unknown command, exercise, lesson or option, a missing argument or file."),
    ("66", "No course folder here (or COURSE_ROOT is not one): run the command inside the course. Also: a student version's answer keys are missing."),
    ("130", "Interrupted with Ctrl-C (143 for SIGTERM, 129 for SIGHUP)."),
]

/// The overview printed by `course` and `course help`.
func overview() -> String {
    let width = commandSpecs.map(\.name.count).max() ?? 0
    let list = commandSpecs.map { "  \($0.name)" + String(repeating: " ", count: width - $0.name.count + 2) + $0.abstract }
    let optionRows = [("--version", "Show the version."),
                      ("--generate-completion-script <shell>", "Print a completion script for bash, zsh or fish."),
                      ("-h, --help", "Show help information.")]
    let optionWidth = optionRows.map(\.0.count).max()! + 2
    let options = optionRows.map { "  " + $0.0 + String(repeating: " ", count: optionWidth - $0.0.count) + $0.1 }
    let statuses = exitStatuses.map { "  " + $0.status + String(repeating: " ", count: 5 - $0.status.count) + $0.meaning }
    return """
        OVERVIEW: A course on the foundations of neural networks, with its own grader.

        USAGE: course <command> [<arguments>] [<options>]

        OPTIONS:
        \(options.joined(separator: "\n"))

        COMMANDS:
        \(list.joined(separator: "\n"))

          See 'course help <command>' for detailed help.

        EXIT STATUS:
        \(statuses.joined(separator: "\n"))

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
