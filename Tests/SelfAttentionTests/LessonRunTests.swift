import Testing
import CourseKit
@testable import SelfAttention

@Suite struct LessonRunTests {
    @Test func printsIt() {
        var out: [String] = []
        let console = LessonConsole { out.append($0) }
        Lesson6.run(on: console)
        print(out.joined(separator: "\n"))
    }
}
