import Foundation

// Measures, in one run, what checking an exercise costs against the compiler's own floor:
//
//   changed    `course check exercise1 --file F`, F edited before every run (compile + checks)
//   unchanged  the same command on the same F again (the compiled program comes from the cache)
//   bare       `swiftc` compiling and linking F alone against the prebuilt course library
//
// Run with `swift run course-bench [--runs N]` from the course folder. It prints the median
// and spread of each and their ratios to `bare`, measured on this machine in this run.

let arguments = CommandLine.arguments.dropFirst()
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[arguments.index(after: $0)]) } ?? 15

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let course = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent("course")
guard FileManager.default.isExecutableFile(atPath: course.path) else {
    FileHandle.standardError.write(Data("Build the course first: swift build\n".utf8))
    exit(1)
}
let solution = try String(contentsOf: root.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("course-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

/// Runs a command and returns its wall time in seconds.
func time(_ executable: String, _ arguments: [String]) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var environment = ProcessInfo.processInfo.environment
    environment["COURSE_STATE_DIR"] = scratch.appendingPathComponent("state").path
    process.environment = environment
    let start = Date()
    try process.run()
    process.waitUntilExit()
    return Date().timeIntervalSince(start)
}

func swiftc() -> String {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/swiftc"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return "/usr/bin/swiftc"
}

/// Writes the solution with a unique comment, so that nothing can come from a cache.
func freshFile(_ index: Int) throws -> URL {
    let file = scratch.appendingPathComponent("changed-\(index)/exercise1.swift")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data((solution + "\n// edit \(index) \(UUID().uuidString)\n").utf8).write(to: file)
    return file
}

func summary(_ samples: [Double]) -> (median: Double, low: Double, high: Double) {
    let sorted = samples.sorted()
    return (sorted[sorted.count / 2], sorted[sorted.count / 10], sorted[(sorted.count * 9) / 10])
}

// Warm up: compile the course library once and find it.
_ = try time(course.path, ["check", "exercise1", "--file", try freshFile(-1).path])
let cache = root.appendingPathComponent(".build/course-cache")
let library = try FileManager.default.contentsOfDirectory(atPath: cache.path)
    .filter { $0.hasPrefix("library-") && !$0.contains("staging") }
    .map { cache.appendingPathComponent($0) }
    .max { a, b in
        let date = { (u: URL) in (try? u.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast }
        return date(a) < date(b)
    }!

var changed: [Double] = [], unchanged: [Double] = [], bare: [Double] = []
for index in 0..<runs {
    // Interleaved, so that a slow moment of the machine hits all three alike.
    let file = try freshFile(index)
    changed.append(try time(course.path, ["check", "exercise1", "--file", file.path]))
    unchanged.append(try time(course.path, ["check", "exercise1", "--file", file.path]))
    let other = try freshFile(runs + index)
    bare.append(try time(swiftc(), ["-wmo", "-swift-version", "5", "-Onone", "-parse-as-library", "-emit-library",
                                    "-module-name", "Submission", "-I", library.path, "-L", library.path,
                                    "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", library.path,
                                    other.path, "-o", scratch.appendingPathComponent("bare-\(index).so").path]))
}

let b = summary(bare), c = summary(changed), u = summary(unchanged)
func row(_ name: String, _ s: (median: Double, low: Double, high: Double)) -> String {
    let ratio = s.median / b.median
    return name.padding(toLength: 34, withPad: " ", startingAt: 0)
        + String(format: "%7.3f s   (p10 %.3f, p90 %.3f)   %5.2f× bare", s.median, s.low, s.high, ratio)
}
print("course check exercise1, \(runs) runs each, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(row("bare swiftc compile-and-link", b))
print(row("check, changed file", c))
print(row("check, unchanged file (cached)", u))
