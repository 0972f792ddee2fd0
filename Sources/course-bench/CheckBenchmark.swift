import Foundation

/// Section 1: one exercise checked, against the bare compiler and against `swift test`.
func checkBenchmark(runs: Int) throws {
    let solution = try String(contentsOf: root.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
    let state = ["COURSE_STATE_DIR": scratch.appendingPathComponent("state").path]
    var counter = 0
    func freshFile() throws -> URL {
        counter += 1
        let file = scratch.appendingPathComponent("check-\(counter)/exercise1.swift")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((solution + "\n// edit \(counter) \(UUID().uuidString)\n").utf8).write(to: file)
        return file
    }
    // Warm up, which also compiles the course library once.
    _ = try measure(course.path, ["check", "exercise1", "--file", try freshFile().path], in: root, environment: state)
    let library = try newestLibrary()
    let swiftc = which("swiftc")

    var changed: [Double] = [], unchanged: [Double] = [], bare: [Double] = []
    for index in 0..<runs {
        // Interleaved, so that a slow moment of the machine hits all three alike.
        let file = try freshFile()
        changed.append(try measure(course.path, ["check", "exercise1", "--file", file.path], in: root, environment: state).seconds)
        // A changed file runs in the JIT while it is compiled for the cache in the background:
        // that compile ends before anything else is measured.
        waitForBackgroundCompiles(in: root)
        unchanged.append(try measure(course.path, ["check", "exercise1", "--file", file.path], in: root, environment: state).seconds)
        let other = try freshFile()
        bare.append(try measure(swiftc, ["-wmo", "-swift-version", "5", "-Onone", "-parse-as-library", "-emit-library",
                                         "-module-name", "Submission", "-I", library.path, "-L", library.path,
                                         "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", library.path,
                                         other.path, "-o", scratch.appendingPathComponent("bare-\(index).so").path],
                                in: root).seconds)
    }
    let package = try SwiftPMSubmission(root: root, folder: scratch.appendingPathComponent("swiftpm"), solution: solution)
    let cold = try package.test(edit: 0)
    var warm: [Double] = []
    for index in 1...max(3, runs / 5) { warm.append(try package.test(edit: index)) }

    let b = Spread(bare)
    print("\n1. Checking exercise 1 (\(runs) runs each; median, p10–p90, ratio to the bare compile)")
    for (name, samples) in [("bare swiftc compile-and-link", bare), ("course check, changed file", changed),
                            ("course check, unchanged file (cached)", unchanged)] {
        let s = Spread(samples)
        row(name, seconds(s.median), String(format: "(%.3f–%.3f)", s.low, s.high), String(format: "%6.2f× bare", s.median / b.median))
    }
    let w = Spread(warm)
    row("swift test, package per submission, cold", seconds(cold), "", String(format: "%6.1f× bare", cold / b.median))
    row("swift test, package per submission, edited", seconds(w.median), String(format: "(%.3f–%.3f)", w.low, w.high),
        String(format: "%6.1f× bare", w.median / b.median))
    print(String(format: "   course check (changed) is %.1f× faster than swift test on an edited package, %.1f× faster than a cold one",
                 w.median / Spread(changed).median, cold / Spread(changed).median))
}

/// The most recently built course library in the cache.
func newestLibrary() throws -> URL {
    let cache = root.appendingPathComponent(".build/course-cache")
    let date = { (url: URL) in (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast }
    return try FileManager.default.contentsOfDirectory(atPath: cache.path)
        .filter { $0.hasPrefix("library-") && FileManager.default.fileExists(atPath: cache.appendingPathComponent("\($0)/complete").path) }
        .map { cache.appendingPathComponent($0) }
        .max { date($0) < date($1) }!
}

/// Waits (up to 60 s) until no file waits in the cache to be compiled in the background.
func waitForBackgroundCompiles(in course: URL) {
    let staging = course.appendingPathComponent(".build/course-cache/staging")
    for _ in 0..<600 {
        let pending = ((try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []).filter { $0.hasPrefix("pending-") }
        if pending.isEmpty { return }
        usleep(100_000)
    }
}

/// The first executable of that name on PATH.
func which(_ name: String) -> String {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return "/usr/bin/\(name)"
}

/// The conventional way to grade Swift: the submission dropped into a SwiftPM package with
/// the course library and an XCTest target of checks, graded with `swift test`.
struct SwiftPMSubmission {
    let folder: URL
    let solution: String

    init(root: URL, folder: URL, solution: String) throws {
        self.folder = folder
        self.solution = solution
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.appendingPathComponent("Sources/Submission"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: folder.appendingPathComponent("Tests/SubmissionTests"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: root.appendingPathComponent("Sources/CourseKit"), to: folder.appendingPathComponent("Sources/CourseKit"))
        try Data("""
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "Submission", targets: [
                .target(name: "CourseKit"),
                .target(name: "Submission", dependencies: ["CourseKit"], swiftSettings: [.swiftLanguageMode(.v5)]),
                .testTarget(name: "SubmissionTests", dependencies: ["Submission", "CourseKit"]),
            ])
            """.utf8).write(to: folder.appendingPathComponent("Package.swift"))
        let publicSolution = solution.replacingOccurrences(of: "\nfunc ", with: "\npublic func ")
        try Data(publicSolution.utf8).write(to: folder.appendingPathComponent("Sources/Submission/exercise1.swift"))
        try Data("""
            import XCTest
            import CourseKit
            @testable import Submission
            final class SubmissionTests: XCTestCase {
                func testActivations() {
                    for x in [-4.5, -1.25, 0.75, 3.5] {
                        let s = sigmoid(x)
                        XCTAssertEqual(sigmoidDerivative(x), s * (1 - s), accuracy: 1e-12)
                        XCTAssertEqual(tanhDerivative(x), 1 - tanh(x) * tanh(x), accuracy: 1e-12)
                        XCTAssertEqual(softplus(x), log1p(exp(x)), accuracy: 1e-12)
                        XCTAssertEqual(softplusDerivative(x), s, accuracy: 1e-12)
                        XCTAssertEqual(swish(x), x * s, accuracy: 1e-12)
                    }
                    XCTAssertEqual(softplus(800), 800, accuracy: 1e-9)
                }
            }
            """.utf8).write(to: folder.appendingPathComponent("Tests/SubmissionTests/SubmissionTests.swift"))
    }

    /// Edits the submission and runs `swift test`, returning its wall time.
    func test(edit: Int) throws -> Double {
        let publicSolution = solution.replacingOccurrences(of: "\nfunc ", with: "\npublic func ") + "\n// edit \(edit)\n"
        try Data(publicSolution.utf8).write(to: folder.appendingPathComponent("Sources/Submission/exercise1.swift"))
        let result = try measure(which("swift"), ["test"], in: folder)
        guard result.status == 0 else { throw CocoaError(.featureUnsupported) }
        return result.seconds
    }
}
