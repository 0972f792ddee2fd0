import Foundation

/// Section 2: a class of N students × every exercise, each file distinct so that nothing
/// comes from the cache, for several N; the time per student-exercise should stay flat.
func classBenchmark(sizes: [Int]) throws {
    let solutions = root.appendingPathComponent("solutions")
    let ids = try FileManager.default.contentsOfDirectory(atPath: solutions.path)
        .filter { $0.hasPrefix("exercise") && $0.hasSuffix(".swift") }.sorted()
    let texts = try ids.map { try String(contentsOf: solutions.appendingPathComponent($0), encoding: .utf8) }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print("\n2. Grading a class: N students × \(ids.count) exercises, every file distinct, --jobs \(cores)")
    row("students", "wall time", "  per student-exercise", "grader's peak memory")
    var perSubmission: [Double] = []
    for size in sizes {
        let folder = scratch.appendingPathComponent("class-\(size)")
        for student in 0..<size {
            let dir = folder.appendingPathComponent("student \(student)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (id, text) in zip(ids, texts) {
                try Data((text + "\n// student \(student) of \(size), \(UUID().uuidString)\n").utf8)
                    .write(to: dir.appendingPathComponent(id))
            }
        }
        let result = try measure(course.path, ["grade", folder.path, "--output", scratch.appendingPathComponent("grades-\(size)").path,
                                               "--jobs", String(cores)], in: root)
        let each = result.seconds / Double(size * ids.count)
        perSubmission.append(each)
        row("\(size)", seconds(result.seconds), String(format: "  %.3f s", each),
            String(format: "%6.1f MB%@", Double(result.peakKilobytes) / 1024, result.status == 0 ? "" : " (FAILED)"))
    }
    if let low = perSubmission.min(), let high = perSubmission.max() {
        print(String(format: "   per student-exercise varies by %.0f%% from the smallest class to the largest", (high / low - 1) * 100))
    }
}
