import Foundation
import Testing

/// A result that cannot be written (an unwritable folder, a full disk) stops the grading with
/// one clear line and exit status 1; what was written stays, and the same command then
/// grades the rest.
@Suite struct GradingOutputTests {
    func makeClass(_ students: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("write-class-\(UUID().uuidString)")
        let solution = packageRoot.appendingPathComponent("solutions/exercise1.swift")
        for student in students {
            let folder = root.appendingPathComponent(student)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: solution, to: folder.appendingPathComponent("exercise1.swift"))
        }
        return root
    }

    @Test func aResultThatCannotBeWrittenStopsTheGradingAndKeepsTheRest() throws {
        let root = try makeClass(["alice", "bob"])
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-grades")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: output)
        }
        // A file where bob's results folder must go: no user, root included, can write there.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("results"), withIntermediateDirectories: true)
        try Data("in the way".utf8).write(to: output.appendingPathComponent("results/bob"))

        let stopped = try course("grade", root.path, "--output", output.path, "--jobs", "1", "--no-sandbox")
        #expect(stopped.status == 1, "\(stopped.stdout) \(stopped.stderr)")
        let errorLines = stopped.stderr.split(separator: "\n").filter { $0.contains("Could not write") }
        #expect(errorLines.count == 1, "\(stopped.stderr)")
        #expect(errorLines.first?.contains("results/bob") == true && errorLines.first?.contains("every result written so far is kept") == true,
                "\(stopped.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("results/alice/exercise1.json").path),
                "alice's result, written before, is kept")

        try FileManager.default.removeItem(at: output.appendingPathComponent("results/bob"))
        let resumed = try course("grade", root.path, "--output", output.path, "--jobs", "1", "--no-sandbox")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gradebook.csv").path))
    }

    @Test func aFullDiskStopsTheGradingWithAClearLine() throws {
        guard geteuid() == 0 else { return }  // mounting a small file system needs root
        let root = try makeClass(["carol", "dave", "erin"])
        let output = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + "-grades")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        guard mount("tmpfs", output.path, "tmpfs", 0, "size=12k") == 0 else { return }
        defer {
            umount2(output.path, 0)
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: output)
        }
        let run = try course("grade", root.path, "--output", output.path, "--jobs", "1", "--no-sandbox")
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains("Could not write") && run.stderr.contains("Grading stopped"), "\(run.stderr)")
    }
}
