import Testing
import CourseKit
import XOR

@Suite struct Lesson3RunTests {
    // The live lesson prints the worked matrices, the 3/4 of the best line, the trained
    // network's 4/4 and the shares of successful starts.
    @Test func liveLessonShowsTheKeyNumbers() {
        var lines: [String] = []
        Lesson3.run(on: LessonConsole { lines.append($0) })
        let output = lines.joined(separator: "\n")
        let expected = ["⎡ 0  −1 ⎤", "⎣ 2   1 ⎦", "same [0, 1, 1, 0]", "XOR       0 1 1 0        3/4",
                        "Correct after training: 4/4", "sigmoid, squared error                8    500   87",
                        "ReLU, linear output, squared error  0.1    500   25"]
        for text in expected {
            #expect(output.contains(text), "the lesson's output should contain \(text)")
        }
        #expect(!output.contains("nan"), "no NaN in the output")
    }
}
