import Foundation
import Testing

/// The conventions of Swift command-line tools: `--version`, the exit statuses in help, a
/// missing course folder that is not a usage error, and reports of `--file` that stay about
/// that file.
@Suite struct ConventionTests {
    @Test func versionPrintsOneLine() throws {
        let run = try course("--version")
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
        #expect(run.stderr.isEmpty)
    }

    @Test func helpListsTheTopLevelOptionsAndTheExitStatuses() throws {
        let run = try course("help")
        #expect(run.status == 0)
        for words in ["--version", "--generate-completion-script <shell>", "EXIT STATUS:", "  64 ", "  66 "] {
            #expect(run.stdout.contains(words), "help lacks '\(words)':\n\(run.stdout)")
        }
        #expect(try course("help", "hint").stdout.contains("[--all]"))
    }

    @Test func misspelledTopLevelOptionsAreUsageErrors() throws {
        let typo = try course("--versoin")
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("Error: Unknown option '--versoin'. Did you mean '--version'?\n"), "\(typo.stderr)")
        let shell = try course("--generate-completion-script", "tcsh")
        #expect(shell.status == 64)
        #expect(shell.stderr.contains("The value 'tcsh' is invalid for '--generate-completion-script <shell>'."), "\(shell.stderr)")
        let missing = try course("--generate-completion-script")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing value for '--generate-completion-script <shell>'."), "\(missing.stderr)")
    }

    /// Every command that needs the course says, in one line, that there is none, with the
    /// status 66 (EX_NOINPUT): not 64, since the command line itself is right.
    static let commandsNeedingTheCourse: [[String]] = [
        ["list"], ["run", "lesson1"], ["check"], ["check", "exercise1"], ["hint"], ["hint", "exercise2", "--all"],
        ["watch"], ["reset", "exercise1", "--yes"], ["verify", "exercise1"], ["grade", "."],
        ["export", "new-folder"], ["gradescope", "new-folder"],
    ]

    @Test(arguments: commandsNeedingTheCourse)
    func withCourseRootNotACourseEveryCommandExits66(_ arguments: [String]) throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try courseRun(arguments, directory: empty, environment: ["COURSE_ROOT": empty.path])
        #expect(run.status == 66, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
        #expect(run.stderr == "Error: COURSE_ROOT is '\(empty.path)', which is not a course folder (it has no Sources/CourseKit).\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty, "nothing is written")
    }

    @Test func anExecutableOutsideTheCourseFindsNoneAndExits66() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("course")
        try FileManager.default.copyItem(at: try courseExecutable(), to: copy)
        for arguments in [["list"], ["check"], ["run", "lesson2"]] {
            let run = try courseRun(arguments, directory: folder, executable: copy)
            #expect(run.status == 66, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("Error: No course folder here: "), "\(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        }
        #expect(try courseRun(["--version"], directory: folder, executable: copy).status == 0, "what needs no course works")
        #expect(try courseRun(["help", "check"], directory: folder, executable: copy).status == 0)
    }

    @Test func aReportOfAnotherFileDoesNotAdvertiseTheNextExercise() throws {
        let passing = try course("check", "exercise1", "--file", "solutions/exercise1.swift")
        #expect(passing.status == 0)
        #expect(!passing.stdout.contains("exercise2"), "\(passing.stdout)")
        #expect(passing.stdout.hasSuffix("This file passes every check. Your progress counts only exercises/exercise1.swift, so it is unchanged.\n"),
                "\(passing.stdout.suffix(300))")
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("another-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mutant = folder.appendingPathComponent("exercise1.swift").path
        try Data(solution.replacingOccurrences(of: "return 1 - t * t", with: "return 1 - t").utf8).write(to: URL(fileURLWithPath: mutant))
        let failing = try course("check", "exercise1", "--file", mutant)
        #expect(failing.status == 1)
        #expect(failing.stdout.hasSuffix("Next: fix the first failing check, run `swift run course check exercise1 --file \(mutant)` again.\n"),
                "the advice checks the same file again: \(failing.stdout.suffix(300))")
    }

    @Test func aReportOfTheStudentsFileNamesTheCommandsThatFollow() throws {
        let run = try course("check", "exercise1")
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("Next: fix the first failing check, run `swift run course check exercise1` again; "
                                     + "`swift run course hint exercise1` gives a hint about it.\n"), "\(run.stdout.suffix(300))")
    }

    @Test func aNewFiguresFolderIsIgnoredByGit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try course("run", "lesson1", "--svg", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let ignore = try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("*"), "\(ignore)")
        let rootIgnore = try String(contentsOf: packageRoot.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(rootIgnore.split(separator: "\n").contains("/figures/"), "the README's `--svg figures` is ignored")
    }
}
