import Testing
import CourseKit
@testable import ShallowNetworks

@Suite struct Lesson2RunTests {
    // The live lesson prints the documented numbers: 10 and 13 parameters, 51,001 for
    // 100/500/1, the region counts 2, 4, 8 and 7, and the exact 108-digit count.
    @Test func liveLessonShowsTheDocumentedNumbers() {
        var lines: [String] = []
        Lesson2.run(on: LessonConsole { lines.append($0) })
        let output = lines.joined(separator: "\n")
        if let f = fopen("/tmp/lesson2-output.txt", "w") { fputs(output, f); fclose(f) }
        for expected in ["3D + 1 = 10", "51,001", "271,630,776,838,210,893"] {
            #expect(output.contains(expected), "the lesson's output should contain \(expected)")
        }
    }
}
