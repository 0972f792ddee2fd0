import Foundation
import Grader

/// `course reset exerciseN`: puts the starter back after asking, saving the student's
/// version in `.course/backups/` first.
func reset(_ invocation: Invocation) throws -> Int32 {
    let chosen = try exercise(named: invocation.positionals[0], for: invocation)
    let workspace = try locateCourse()
    let file = workspace.studentFile(chosen)
    let relative = "exercises/\(chosen.id).swift"
    // The student version keeps the starters in starters/; a clone of the course has them in git.
    let kept = FileManager.default.contents(atPath: workspace.root.appendingPathComponent("\(StudentExport.startersFolder)/\(chosen.id).swift").path)
    guard let starter = kept ?? pristineStarter(relative, in: workspace.root) else {
        throw UsageError(message: "Cannot find the starter of \(chosen.id): there is no starters/\(chosen.id).swift, and the course is not a git clone.",
                         spec: invocation.spec)
    }
    let current = FileManager.default.contents(atPath: file.path)
    if current == starter {
        print("\(relative) is already the starter.")
        return 0
    }
    let backups = workspace.stateFolder.appendingPathComponent("backups")
    var number = 1
    while FileManager.default.fileExists(atPath: backups.appendingPathComponent("\(chosen.id)-\(number).swift").path) { number += 1 }
    let backup = backups.appendingPathComponent("\(chosen.id)-\(number).swift")
    if !invocation.flags.contains("--yes") {
        guard isatty(0) == 1 else {
            throw UsageError(message: "reset asks before it replaces your file; to reset without asking, add --yes.", spec: invocation.spec)
        }
        print("Replace \(relative) with the starter? Your version will be kept as \(Workspace.displayPath(backup)). [y/N] ", terminator: "")
        fflush(nil)
        guard let answer = readLine(), answer.lowercased().hasPrefix("y") else {
            print("Nothing changed.")
            return 0
        }
    }
    if let current {
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        try current.write(to: backup)
    }
    try starter.write(to: file, options: .atomic)
    var progress = StudentProgress.load(from: workspace)
    progress.exercises[chosen.id]?.status = nil
    progress.exercises[chosen.id]?.score = nil
    try? progress.save(to: workspace)
    print("\(relative) is the starter again" + (current == nil ? "." : "; your version is in \(Workspace.displayPath(backup))."))
    return 0
}

/// The starter as the course shipped it: from the upstream branch when there is one (the
/// instructor's version, which a student never pushes to), otherwise from the last commit.
func pristineStarter(_ path: String, in root: URL) -> Data? {
    for reference in ["@{upstream}", "origin/HEAD", "HEAD"] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "show", "\(reference):\(path)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 0 && !data.isEmpty { return data }
    }
    return nil
}
