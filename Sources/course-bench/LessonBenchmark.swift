import Foundation

/// Section 3: each lesson's live run, against the cost of starting `course` at all
/// (`course help`), which is the floor of any command.
func lessonBenchmark(runs: Int) throws {
    let repeats = max(3, runs / 3)
    func median(_ arguments: [String]) throws -> Double {
        Spread(try (0..<repeats).map { _ in try measure(course.path, arguments, in: root).seconds }).median
    }
    let floor = try median(["help"])
    print("\n3. Running the lessons live (median of \(repeats) runs; ratio to starting `course help`)")
    row("course help", seconds(floor), "", String(format: "%6.1f× start", 1.0))
    for lesson in 1...6 {
        let time = try median(["run", "lesson\(lesson)"])
        row("course run lesson\(lesson)", seconds(time), "", String(format: "%6.1f× start", time / floor))
    }
}
