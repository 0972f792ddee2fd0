import Foundation
import Testing

/// Returns the path of `name` on PATH, if it is installed.
func installedProgram(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a program with arguments and returns its status and output (stdout and stderr together).
func runProgram(_ path: String, _ arguments: [String], directory: URL = packageRoot) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The completion scripts, run by the shells that are installed: each shell loads its script
/// and completes commands, exercise and lesson names, options, and files where a path goes.
@Suite struct CompletionScriptTests {
    /// Writes the script for `shell` to a file and returns it.
    func script(_ shell: String) throws -> URL {
        let run = try course("--generate-completion-script", shell)
        #expect(run.status == 0, "\(run.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("course-completion-\(UUID().uuidString).\(shell)")
        try Data(run.stdout.utf8).write(to: file)
        return file
    }

    /// Returns what bash's `_course` offers for the words typed so far (the last one being
    /// completed), one per line.
    func bashCompletions(_ script: URL, _ words: [String]) throws -> [String] {
        let typed = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script.path)'
            COMP_WORDS=(\(typed)); COMP_CWORD=\(words.count - 1)
            _course
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = try runProgram(installedProgram("bash")!, ["--norc", "--noprofile", "-c", program])
        #expect(run.status == 0, "\(run.output)")
        return run.output.split(separator: "\n").map(String.init)
    }

    @Test(.enabled(if: installedProgram("bash") != nil))
    func bashCompletesCommandsNamesOptionsAndFiles() throws {
        let file = try script("bash")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try runProgram(installedProgram("bash")!, ["-n", file.path]).status == 0, "the script parses")
        #expect(try bashCompletions(file, ["course", "ch"]) == ["check"])
        #expect(try bashCompletions(file, ["course", "--v"]) == ["--version"])
        #expect(try bashCompletions(file, ["course", "--generate-completion-script", ""]) == ["zsh", "bash", "fish"])
        // Every exercise whose name starts so: exercise1 and exercise10 … exercise15.
        let startingWithOne = try exerciseNames().filter { $0.hasPrefix("exercise1") }
        #expect(startingWithOne.count >= 2)
        #expect(try bashCompletions(file, ["course", "check", "exercise1"]) == startingWithOne)
        #expect(try bashCompletions(file, ["course", "check", "--j"]) == ["--json"])
        #expect(try bashCompletions(file, ["course", "run", "lesson"]) == (1...6).map { "lesson\($0)" })
        #expect(try bashCompletions(file, ["course", "hint", "--"]) == ["--all", "--help"])
        #expect(try bashCompletions(file, ["course", "check", "--file", "Package.sw"]) == ["Package.swift"])
        #expect(try bashCompletions(file, ["course", "run", "--svg", "Sourc"]) == ["Sources"])
        #expect(try bashCompletions(file, ["course", "help", "wa"]) == ["watch"])
    }

    @Test(.enabled(if: installedProgram("zsh") != nil))
    func zshLoadsItsScript() throws {
        let file = try script("zsh")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("#compdef course\n"))
        let zsh = installedProgram("zsh")!
        #expect(try runProgram(zsh, ["-n", file.path]).status == 0, "the script parses")
        let program = """
            autoload -U compinit && compinit -u -D
            source '\(file.path)' 2>/dev/null
            whence -w _course_check _course_run
            """
        let run = try runProgram(zsh, ["-f", "-c", program])
        #expect(run.output.contains("_course_check: function") && run.output.contains("_course_run: function"), "\(run.output)")
    }

    @Test(.enabled(if: installedProgram("fish") != nil))
    func fishCompletesCommandsNamesAndOptions() throws {
        let file = try script("fish")
        defer { try? FileManager.default.removeItem(at: file) }
        let fish = installedProgram("fish")!
        #expect(try runProgram(fish, ["--no-execute", file.path]).status == 0, "the script parses")
        func complete(_ line: String) throws -> [String] {
            let run = try runProgram(fish, ["--no-config", "-c", "source '\(file.path)'; complete -C '\(line)'"])
            return run.output.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        }
        #expect(try complete("course ch") == ["check"])
        #expect(try complete("course check exercise1").contains("exercise12"))
        #expect(try complete("course check --j") == ["--json"])
        #expect(try complete("course run lesson").count == 6)
        #expect(try complete("course --generate-completion-script ").sorted() == ["bash", "fish", "zsh"])
    }
}

/// The exercises, as the course's starters name them, in the catalogue's order.
private func exerciseNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("exercises").path)
        .filter { $0.hasPrefix("exercise") && $0.hasSuffix(".swift") }
        .map { String($0.dropLast(6)) }
        .sorted { Int($0.dropFirst(8))! < Int($1.dropFirst(8))! }
}
