import Foundation
import Testing
@testable import Grader

/// The launcher fails closed: a box it cannot set up as asked stops before the program
/// starts, with status 125 and a line that says why, and it never runs a program as root.
@Suite struct LauncherTests {
    let launcher = sharedGrader.library.launcher.path

    func launch(_ arguments: [String]) throws -> (status: ChildProcess.Termination, output: String) {
        try runTool(launcher, arguments + ["--", "/bin/true"], timeout: .seconds(10))
    }

    @Test func aPathThatCannotBeShownStopsTheBox() throws {
        guard sharedGrader.sandbox.mode == .namespaces else { return }
        let uid = geteuid() == 0 ? ["--uid", "62063"] : []
        let (status, output) = try launch(["--mode", "namespaces", "--read-only", "/nonexistent/library"] + uid)
        #expect(status == .exited(125))
        #expect(output.contains("course-box: stat /nonexistent/library"), "\(output)")
    }

    @Test func rootIsNeverTheBoxUser() throws {
        guard geteuid() == 0 else { return }
        for arguments in [["--mode", "namespaces"], ["--mode", "user"], ["--mode", "none"], ["--mode", "user", "--uid", "0"]] {
            let (status, output) = try launch(arguments)
            #expect(status == .exited(125), "\(arguments)")
            #expect(output.hasPrefix("course-box:"), "\(arguments): \(output)")
        }
    }

    @Test func anUnknownOptionStopsTheBox() throws {
        let (status, output) = try launch(["--mode", "namespaces", "--frobnicate"])
        #expect(status == .exited(125))
        #expect(output.contains("unknown option --frobnicate"), "\(output)")
    }

    @Test func aBoxThatCannotBeSetUpFailsTheCheckWithoutRunningIt() throws {
        let failing = FileManager.default.temporaryDirectory.appendingPathComponent("failing-box-\(UUID().uuidString)")
        try Data("#!/bin/sh\necho 'course-box: refused for the test' >&2\nexit 125\n".utf8).write(to: failing)
        chmod(failing.path, 0o755)
        defer { try? FileManager.default.removeItem(at: failing) }
        var broken = sharedGrader
        broken.sandbox = Sandbox(launcher: failing, mode: sharedGrader.sandbox.mode, policy: .required)
        let source = courseFile("solutions/exercise1.swift") + "\n// \(UUID().uuidString)\n"
        let result = try grade(Catalogue.exercise(named: "exercise1")!, source: source, grader: broken)
        #expect(result.status == .rejected)
        #expect(result.score == 0)
        #expect(result.allMessages.contains("The sandbox could not be set up, so your code was not run (course-box: refused for the test)"),
                "\(result.allMessages)")
    }
}
