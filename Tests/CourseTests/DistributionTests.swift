import Foundation
import Testing

/// The student version and the Gradescope autograder: what they leave out, and that they work.
@Suite struct DistributionTests {
    func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    func files(under folder: URL) -> [URL] {
        var result: [URL] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if url.pathComponents.contains(".build") { enumerator?.skipDescendants(); continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { result.append(url) }
        }
        return result
    }

    /// Builds the `course` executable of a copy of the course, as a clean clone would.
    func buildCourse(in folder: URL) throws -> Bool {
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "course"]
        build.currentDirectoryURL = folder
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        return build.terminationStatus == 0
    }

    /// The solution's own text: the body of every function of the solution file, each line
    /// trimmed, comments and blank lines left out; one- and two-line bodies are formulas that
    /// the lessons state, not solution text.
    func solutionBodies(_ id: String) throws -> [String] {
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/\(id).swift"), encoding: .utf8)
        var bodies: [String] = []
        var current: [String] = []
        var depth = 0
        for raw in solution.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("//") { continue }
            let opens = line.filter { $0 == "{" }.count, closes = line.filter { $0 == "}" }.count
            if depth == 0 && line.contains("func ") && opens > closes {
                current = []
            } else if depth > 0 {
                current.append(line)
            }
            depth += opens - closes
            if depth == 0 && !current.isEmpty {
                current.removeLast()
                if current.count >= 3 && !current.contains(where: { $0.contains("notImplemented()") }) {
                    bodies.append(current.joined(separator: "\n"))
                }
                current = []
            }
        }
        return bodies
    }

    /// A file's code lines, trimmed and joined, so that indentation does not hide a copy.
    func normalized(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("//") }.joined(separator: "\n")
    }

    @Test func studentVersionHasNoSolutionsMutantsOrHiddenChecks() throws {
        let destination = temporaryFolder("student-version")
        let run = try course("export", destination.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("solutions").path))
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("exercises/exercise1.swift").path))
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("lessons/lesson1-perceptron.md").path))
        let texts = try files(under: destination).map { ($0, try String(contentsOf: $0, encoding: .utf8)) }
        let ids = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("solutions").path)
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }
        var secret: [String] = []
        for id in ids {
            // What the starter itself gives the student (a class's stored properties, a helper the
            // checks call through) is no secret.
            let starter = normalized(try String(contentsOf: packageRoot.appendingPathComponent("exercises/\(id).swift"), encoding: .utf8))
            secret += try solutionBodies(id).filter { !starter.contains($0) }
        }
        #expect(secret.count > 20, "the search has something to look for")
        for (url, text) in texts {
            if url.path.contains("/Sources/Grader/Exercises/") {
                #expect(!text.contains("visibility: .hidden"), "\(url.path) has a hidden check")
                #expect(!text.contains("hidden checks: begin"), "\(url.path)")
            }
            #expect(!text.hasPrefix("// Mistake:"), "\(url.path) is a mutant")
            let code = normalized(text)
            for passage in secret where code.contains(passage) {
                Issue.record("\(url.path) contains the body of a solution's function:\n\(passage)")
            }
        }
        let readme = try String(contentsOf: destination.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(!readme.contains("For instructors"))
        #expect(readme.hasPrefix("```\nswift run course run lesson1"))
        let manifest = try String(contentsOf: destination.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("GraderTests"))
        #expect(!manifest.contains("course-bench"))
        let again = try course("export", destination.path)
        #expect(again.status == 64, "an existing folder is never overwritten")
    }

    @Test func studentVersionBuildsAndChecksFromACleanCopy() throws {
        let destination = temporaryFolder("student-build")
        #expect(try course("export", destination.path).status == 0)
        #expect(try buildCourse(in: destination), "swift build in the student version")
        let binary = destination.appendingPathComponent(".build/debug/course")

        func run(_ arguments: [String]) throws -> Run {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = destination
            process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
        }
        let starter = try run(["check", "exercise1"])
        #expect(starter.status == 1)
        #expect(starter.stdout.contains("is not implemented yet"))
        let solved = temporaryFolder("solved")
        try FileManager.default.createDirectory(at: solved, withIntermediateDirectories: true)
        let file = solved.appendingPathComponent("exercise1.swift")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("solutions/exercise1.swift"), to: file)
        let passed = try run(["check", "exercise1", "--file", file.path, "--json"])
        #expect(passed.status == 0, "\(passed.stdout)")
        let object = try JSONSerialization.jsonObject(with: Data(passed.stdout.utf8)) as? [String: Any]
        let checks = object?["checks"] as? [[String: Any]] ?? []
        #expect(!checks.isEmpty && checks.allSatisfy { $0["visibility"] as? String == "visible" })
        #expect(try run(["verify"]).status == 64)
        #expect(try run(["run", "lesson1"]).status == 0)
    }

    @Test func gradescopeAutograderWritesResultsForOneSubmission() throws {
        let autograder = temporaryFolder("autograder")
        let made = try course("gradescope", autograder.path, "--swift-version", "6.3.1")
        #expect(made.status == 0, "\(made.stderr)")
        for name in ["setup.sh", "run_autograder", "README.md", "source/Package.swift"] {
            #expect(FileManager.default.fileExists(atPath: autograder.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: autograder.appendingPathComponent("run_autograder").path))
        let setup = try String(contentsOf: autograder.appendingPathComponent("setup.sh"), encoding: .utf8)
        #expect(setup.contains("swift-6.3.1-RELEASE"))
        #expect(!FileManager.default.fileExists(atPath: autograder.appendingPathComponent("source/solutions").path))
        let hidden = try String(contentsOf: autograder.appendingPathComponent("source/Sources/Grader/Exercises/Exercise1.swift"), encoding: .utf8)
        #expect(hidden.contains("visibility: .hidden"), "the autograder keeps the hidden checks")

        // The source it ships builds on its own (setup.sh builds it in release mode).
        let source = autograder.appendingPathComponent("source")
        #expect(try buildCourse(in: source), "swift build in the autograder's source")

        // Gradescope's layout: the upload in submission/, results in results/.
        let upload = autograder.appendingPathComponent("submission/nested folder")
        try FileManager.default.createDirectory(at: upload, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("solutions/exercise1.swift"),
                                         to: upload.appendingPathComponent("exercise1.swift"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [autograder.appendingPathComponent("run_autograder").path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["AUTOGRADER_ROOT": autograder.path, "COURSE_BIN": source.appendingPathComponent(".build/debug/course").path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let data = try Data(contentsOf: autograder.appendingPathComponent("results/results.json"))
        let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for field in ["score", "execution_time", "output", "visibility", "stdout_visibility", "tests"] {
            #expect(results[field] != nil, "results.json has \(field)")
        }
        let tests = results["tests"] as? [[String: Any]] ?? []
        #expect(tests.contains { ($0["name"] as? String)?.hasPrefix("exercise1 ·") == true && $0["status"] as? String == "passed" })
        #expect(tests.contains { $0["visibility"] as? String == "after_published" }, "hidden checks wait for publication")
        #expect(tests.contains { ($0["name"] as? String)?.hasPrefix("exercise2 ·") == true && $0["status"] as? String == "failed" },
                "a missing exercise fails")
    }
}
