import Foundation

// The grader's benchmark, measured in one run on this machine, every figure next to the
// baseline it is compared with:
//
//   0. the first minutes on a fresh copy: the first check right after `course run lesson1`,
//      `course verify` cold and warm, and the cost of a function that never returns;
//   1. checking one exercise: a changed file (compile + checks), an unchanged file (cached),
//      a bare `swiftc` compile-and-link of the same file against the library, and the
//      conventional way to grade Swift: a SwiftPM package per submission run with `swift test`;
//   2. grading a class of N students × every exercise, for N = 10, 20, 40, with the time per
//      student-exercise and the grader's own peak memory;
//   3. each lesson's live run, against the cost of starting the `course` executable.
//
// Run from the course folder with `swift run -c release course-bench` (or `swift run
// course-bench` for the debug build students use). Options: `--runs N` (default 15),
// `--only start|check|class|lessons`, `--students 10,20,40`.

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let runs = option("--runs").flatMap(Int.init) ?? 15
let only = option("--only")
let classSizes = (option("--students") ?? "10,20,40").split(separator: ",").compactMap { Int($0) }

let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let course = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent().appendingPathComponent("course")
guard FileManager.default.isExecutableFile(atPath: course.path),
      FileManager.default.fileExists(atPath: root.appendingPathComponent("solutions").path) else {
    FileHandle.standardError.write(Data("Run this from the course folder, after `swift build`.\n".utf8))
    exit(64)
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("course-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

print("Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; grader: \(course.path)")
if only == nil || only == "start" { try startBenchmark() }
if only == nil || only == "check" { try checkBenchmark(runs: runs) }
if only == nil || only == "class" { try classBenchmark(sizes: classSizes) }
if only == nil || only == "lessons" { try lessonBenchmark(runs: runs) }
try? FileManager.default.removeItem(at: scratch)
