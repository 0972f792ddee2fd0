import Testing
import CourseKit
import ShallowNetworks

@Suite struct Lesson2RunTests {
    // The live lesson prints the documented numbers: 10 and 13 parameters, 51,001 for
    // 100/500/1, the region counts 2, 4, 8 and 7 next to their grid counts, the exact
    // 108-digit count, and 2^l regions for l folds.
    @Test func liveLessonShowsTheDocumentedNumbers() {
        var lines: [String] = []
        Lesson2.run(on: LessonConsole { lines.append($0) })
        let output = lines.joined(separator: "\n")
        let expected = [
            "3D + 1 = 10", "2         3            1          13", "100       500            1      51,001",
            "1 unit, 1D      1  1          2           2", "2 lines, 2D     2  2          4           4",
            "3 planes, 3D    3  3          8           8", "3 lines, 2D     2  3          7           7",
            "271,630,776,838,210,893,287,509,750,960,520,816,050,001,137,234,383,737,297,282,021,984,241,409,655,173,629,268,278,251,589,009,652,797,252,196",
            "108 digits", "6     12             64   64                13",
        ]
        for text in expected {
            #expect(output.contains(text), "the lesson's output should contain \(text)")
        }
        for section in 1...6 {
            #expect(output.contains("── \(section). "), "section \(section) is missing")
        }
        #expect(!output.contains("nan"), "no NaN in the output")
    }
}
