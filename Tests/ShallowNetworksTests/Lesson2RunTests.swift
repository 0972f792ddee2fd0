import Testing
import CourseKit
import ShallowNetworks

@Suite struct Lesson2RunTests {
    // The live lesson prints the documented numbers: 10 and 13 parameters, 51,001 for
    // 100/500/1, the region counts 2, 4, 8 and 7 next to their grid counts, the exact
    // 108-digit count (wrapped after a comma), 2^l regions for l folds, and Montúfar et al.'s
    // lower bound beside the upper bound and the counts of random networks.
    @Test func liveLessonShowsTheDocumentedNumbers() {
        var lines: [String] = []
        Lesson2.run(on: LessonConsole(width: 80) { lines.append($0) })
        let output = lines.joined(separator: "\n")
        let start = lines.firstIndex { $0.hasPrefix("Linear regions of its hidden layer") }.map { $0 + 1 } ?? 0
        let number = lines[start...].prefix { $0.hasPrefix("  2") || $0.hasPrefix("  0") || $0.hasPrefix("  1") }
            .map { $0.trimmingPrefix("  ") }.joined()
        let expected = [
            "3D + 1 = 10", "2         3            1          13", "100       500            1      51,001",
            "1 unit, 1D      1  1          2           2", "2 lines, 2D     2  2          4           4",
            "3 planes, 3D    3  3          8           8", "3 lines, 2D     2  3          7           7",
            "108 digits", "6     12             64   64                13",
            "1     10          56           56          22           56             22",
            "2     20       1,400        3,136          79          211            107",
            "5     50  21,875,000  550,731,776         282        1,276            552",
        ]
        let regions = "271,630,776,838,210,893,287,509,750,960,520,816,050,001,137,234,383,737,297,282,021,"
            + "984,241,409,655,173,629,268,278,251,589,009,652,797,252,196"
        #expect(number == regions, "the 108-digit count: expected \(regions), observed \(number)")
        #expect(!output.contains("202,500") && !output.contains("O(C(n, d)"), "the slide's slip is not printed as a bound")
        for text in expected {
            #expect(output.contains(text), "the lesson's output should contain \(text)")
        }
        for section in 1...6 {
            #expect(output.contains("── \(section). "), "section \(section) is missing")
        }
        #expect(!output.contains("nan"), "no NaN in the output")
    }

    // Every line fits in 80 columns when the console is 80 wide: the prose is wrapped, the
    // long count is cut after its commas, and the tables are narrow enough.
    @Test func everyLineFitsTheWidth() {
        var lines: [String] = []
        Lesson2.run(on: LessonConsole(width: 80) { lines.append($0) })
        for line in lines where line.count > 80 {
            Issue.record("\(line.count) columns: \(line)")
        }
        #expect(lines.first == "Lesson 2 — Shallow networks and counting linear regions")
    }
}
