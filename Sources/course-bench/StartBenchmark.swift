import Foundation

/// The student's first minutes and the instructor's self-test, on a fresh copy of the course
/// (its sources, exercises, lessons and solutions, nothing compiled): the first check right
/// after `course run lesson1` (which starts compiling the course library in the background),
/// the same first check with nothing started before it, `course verify` cold and warm, and
/// the whole cost of checking a file with an endless loop.
func startBenchmark() throws {
    print("\n0. The first minutes, on a fresh copy of the course (one run each)")
    let afterLesson = try freshCopy("after-lesson")
    let lesson = try measure(course.path, ["run", "lesson1"], in: afterLesson, environment: environment(afterLesson)).seconds
    let first = try measure(course.path, ["check", "exercise1"], in: afterLesson, environment: environment(afterLesson)).seconds
    let cold = try freshCopy("cold")
    let alone = try measure(course.path, ["check", "exercise1"], in: cold, environment: environment(cold)).seconds
    row("course run lesson1", seconds(lesson))
    row("first course check, right after it", seconds(first), String(format: "%6.2f× the first check alone", first / alone))
    row("first course check, nothing before it", seconds(alone), "  (compiles the course library)")

    let verifyCold = try measure(course.path, ["verify", "--allow-dirty"], in: cold, environment: environment(cold)).seconds
    let verifyWarm = try measure(course.path, ["verify", "--allow-dirty"], in: cold, environment: environment(cold)).seconds
    row("course verify, cold (every file compiled)", seconds(verifyCold))
    row("course verify, warm (every file cached)", seconds(verifyWarm), String(format: "%6.2f× cold", verifyWarm / verifyCold))

    let solution = try String(contentsOf: root.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
    let loop = cold.appendingPathComponent("loop/exercise1.swift")
    try FileManager.default.createDirectory(at: loop.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(replacingBody(of: "softplus", in: solution, with: "var i = 0\nwhile true { i &+= 1 }").utf8).write(to: loop)
    let endless = try measure(course.path, ["check", "exercise1", "--file", loop.path], in: cold, environment: environment(cold)).seconds
    row("course check, a function that never returns", seconds(endless), "  (goal: at most 5 s)")
    waitForBackgroundCompiles(in: cold)
    for copy in [afterLesson, cold] { try? FileManager.default.removeItem(at: copy) }
}

/// A copy of the course without anything compiled.
private func freshCopy(_ name: String) throws -> URL {
    let copy = scratch.appendingPathComponent("fresh-\(name)")
    for folder in ["Sources", "exercises", "lessons", "solutions"] {
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
    }
    try FileManager.default.copyItem(at: root.appendingPathComponent("Package.swift"), to: copy.appendingPathComponent("Package.swift"))
    return copy
}

private func environment(_ copy: URL) -> [String: String] {
    ["COURSE_ROOT": copy.path, "COURSE_STATE_DIR": copy.appendingPathComponent(".course").path]
}

/// Returns `source` with the body of `func name(` replaced by `body`.
private func replacingBody(of name: String, in source: String, with body: String) -> String {
    guard let start = source.range(of: "func \(name)("), let open = source[start.upperBound...].firstIndex(of: "{") else { return source }
    var depth = 0
    var index = open
    while true {
        if source[index] == "{" { depth += 1 }
        if source[index] == "}" {
            depth -= 1
            if depth == 0 { break }
        }
        index = source.index(after: index)
    }
    return String(source[..<open]) + "{\n" + body + "\n}" + String(source[source.index(after: index)...])
}
