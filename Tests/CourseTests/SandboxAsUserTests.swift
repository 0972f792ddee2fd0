import CourseTestSupport
import Foundation
import Testing

/// The hostile corpus again, graded by `course check` running as an ordinary user (a
/// student grading their own code): the box then rests on an unprivileged user namespace.
/// Made under root (as CI runs), with a user of its own that is removed afterwards.
@Suite(.serialized) struct SandboxAsUserTests {
    @Test func everyAttackGetsItsVerdictAsAnOrdinaryUser() throws {
        guard geteuid() == 0 else { return }  // not root: the grader tests already ran as this user
        let user = try OrdinaryUser()
        defer { user.remove() }
        let course = try user.courseCopy()
        defer { try? FileManager.default.removeItem(at: course) }
        let classmate = FileManager.default.temporaryDirectory.appendingPathComponent("classmate-\(UUID().uuidString).swift")
        try Data("// a classmate's work, readable by everyone\n".utf8).write(to: classmate)
        chmod(classmate.path, 0o644)
        defer { try? FileManager.default.removeItem(at: classmate) }

        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        let marker = "attack-\(UUID().uuidString)"
        let attacks = HostileCorpus.cases(solution: solution,
                                          targets: AttackTargets(course: course, classmate: classmate, marker: marker))
        for (index, attack) in attacks.enumerated() {
            let file = course.appendingPathComponent("attack\(index)/exercise1.swift")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(attack.source.utf8).write(to: file)
            user.own(course)
            let run = try user.run(course: course, ["check", "exercise1", "--file", file.path, "--json"])
            guard let result = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                  let status = result["status"] as? String, let checks = result["checks"] as? [[String: Any]] else {
                Issue.record("\(attack.name): no result (status \(run.status)): \(run.stdout.prefix(300)) \(run.stderr.prefix(300))")
                continue
            }
            let first = checks.first { ($0["name"] as? String)?.hasPrefix("sigmoidDerivative") == true }
            switch attack.verdict {
            case .attackFails:
                #expect(first?["status"] as? String != "passed", "\(attack.name): the attack worked as \(user.name)")
                #expect(status != "passed", "\(attack.name)")
            case .gradedNormally:
                #expect(status == "passed", "\(attack.name): \(status) \(run.stderr.prefix(300))")
            case .compileError:
                #expect(status == "compile-error", "\(attack.name): \(status)")
            }
            for path in attack.untouched {
                #expect(!FileManager.default.fileExists(atPath: path), "\(attack.name) left \(path)")
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        #expect(user.processes().isEmpty, "processes of \(user.name) outlived their checks: \(user.processes())")
    }
}

/// A user made for one test, with no home, no shell and no password.
struct OrdinaryUser {
    let name: String
    let uid: UInt32

    init() throws {
        name = "course-test-\(UInt32.random(in: 0..<1_000_000))"
        let made = try shell(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name])
        guard made.status == 0, let entry = getpwnam(name) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "useradd failed: \(made.stderr)"])
        }
        uid = entry.pointee.pw_uid
    }

    func remove() {
        for pid in processes() { kill(pid_t(pid)!, SIGKILL) }
        _ = try? shell(["userdel", name])
    }

    /// A course folder this user owns: the library sources, the solutions an attack aims
    /// at, the `course` program, and the course library already compiled.
    func courseCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-as-user-\(UUID().uuidString)")
        let manager = FileManager.default
        for path in ["Sources/CourseKit", "Sources/SubmissionRuntime", "Sources/SandboxLauncher", "solutions/exercise1.swift"] {
            let target = folder.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: packageRoot.appendingPathComponent(path), to: target)
        }
        // Copied by another process: a file this one has open for writing would be inherited by
        // the children other tests start, and could not be run (ETXTBSY) until they end.
        _ = try shell(["cp", try courseExecutable().path, folder.appendingPathComponent("course").path])
        let cache = packageRoot.appendingPathComponent(".build/course-cache")
        let libraries = (try? manager.contentsOfDirectory(atPath: cache.path))?.filter { $0.hasPrefix("library-") && !$0.contains("staging") } ?? []
        try manager.createDirectory(at: folder.appendingPathComponent(".build/course-cache"), withIntermediateDirectories: true)
        for library in libraries {
            try? manager.copyItem(at: cache.appendingPathComponent(library),
                                  to: folder.appendingPathComponent(".build/course-cache/\(library)"))
        }
        chmod(folder.path, 0o755)
        own(folder)
        return folder
    }

    /// Gives everything in `folder` to this user.
    func own(_ folder: URL) {
        _ = try? shell(["chown", "-R", "\(uid):\(uid)", folder.path])
    }

    /// Runs the course's `course` as this user, with nothing of the caller's environment.
    func run(course: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try shell(["setpriv", "--reuid", String(uid), "--regid", String(uid), "--clear-groups", "--",
                   "/usr/bin/env", "-i", "PATH=/usr/bin:/bin:/opt/swift/usr/bin:\(toolchainFolder)", "HOME=\(course.path)",
                   "COURSE_ROOT=\(course.path)", "COURSE_STATE_DIR=\(course.path)/.course", "NO_COLOR=1",
                   course.appendingPathComponent("course").path] + arguments)
    }

    /// The processes running as this user.
    func processes() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.filter { pid in
            var info = stat()
            return stat("/proc/\(pid)", &info) == 0 && info.st_uid == uid
        }
    }

    private var toolchainFolder: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").first { FileManager.default.isExecutableFile(atPath: "\($0)/swiftc") }.map(String.init) ?? ""
    }
}

/// Runs a command to its end and returns its status and output.
func shell(_ command: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
