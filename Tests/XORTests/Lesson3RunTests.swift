import Testing
import CourseKit
import XOR

@Suite struct Lesson3RunTests {
    // The live lesson prints the worked matrices, the 3/4 of the best line, the perceptron's
    // mistakes under lesson 1's rule, the trained network's 4/4, the shares of successful
    // starts and what the failed runs do when trained on; every line fits in 80 columns.
    @Test func liveLessonShowsTheKeyNumbers() {
        var lines: [String] = []
        Lesson3.run(on: LessonConsole(width: 80) { lines.append($0) })
        let output = lines.joined(separator: "\n")
        let expected = ["⎡ 0  −1 ⎤", "⎣ 2   1 ⎦", "XOR       0 1 1 0        3/4",
                        "Correct after training: 4/4", "sigmoid, squared error                8    500   87",
                        "ReLU, linear output, squared error  0.1    500   25",
                        "σ, squared error         13  10,000       0  6.5e−4 → 2.4e−5    14.9 → 20.7",
                        "ReLU, squared error      75   2,000       1  1.7e−10 → 4.2e−16  1.8 → 1.8",
                        "AND        2   3   3   2   2   3   2   1   0    0",
                        "XOR        4   4   4   4   4   4   4   4   4    4",
                        "seed 100 of the course's generator, not the"]
        for text in expected {
            #expect(output.contains(text), "the lesson's output should contain \(text)")
        }
        #expect(lines.joined(separator: " ").contains("same [0, 1, 1, 0]"), "the column form gives [0, 1, 1, 0]")
        #expect(!output.contains("nan"), "no NaN in the output")
        #expect(!output.contains("local minima are real"), "the failures are plateaus and traps")
        for line in lines where line.count > 80 {
            Issue.record("\(line.count) columns: \(line)")
        }
        #expect(lines.first == "Lesson 3 — XOR")
    }
}
