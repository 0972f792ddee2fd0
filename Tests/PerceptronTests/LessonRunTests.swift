import Testing
import CourseKit
import Perceptron

@Suite struct LessonRunTests {
    /// Returns everything `Lesson1.run(on:)` prints, line by line.
    func runLesson() -> [String] {
        var lines: [String] = []
        Lesson1.run(on: LessonConsole(width: 80) { lines.append($0) })
        return lines
    }

    // The live run prints its sections in the order of the lesson text, with the key numbers
    // the text quotes.
    @Test func runShowsTheLessonsKeyNumbers() {
        let output = runLesson().joined(separator: " ")
        let expected = [
            "── 1. The perceptron", "w̃·x̃ = −0.5",
            "── 2. Rosenblatt's learning rule", "Separated after 7 epochs and 15 updates in all",
            "at most (R/γ)² = 128.1 updates", "classifies 30/30 points correctly",
            "── 3. The gradient-descent perceptron", "0  0.2751", "30  0.1154",
            "── 4. Activation functions", "GELU, the activation of BERT and GPT-2",
            "between 0.5 and 74.7 times the true slope", "(74.7 times at x = −2.5)", "Σ s = 1",
            "── 5. The sigmoid", "σ(0) = 0.5 and σ′(0) = 0.25",
            "── 6. The sigmoid perceptron is logistic regression", "Δθ = (−0.25, −0.5), Δb = −0.25",
            "── 7. One layer, three tasks", "L = 1.7236",
            "── 8. XOR", "Mistakes per epoch over 50 epochs: between 3 and 4, never 0.",
            "after any step: at most 2/4.", "counting as wrong): 3/4",
        ]
        var position = output.startIndex
        for text in expected {
            guard let range = output[position...].firstRange(of: text) else {
                Issue.record("expected \"\(text)\" after what came before it in the output")
                continue
            }
            position = range.upperBound
        }
    }

    // Every derivative in the printed table is checked, and every check is tiny.
    @Test func runReportsSmallGradientCheckErrors() {
        let lines = runLesson()
        let tableRows = lines.filter { line in
            ["identity", "sigmoid", "step", "tanh", "ReLU", "leaky ReLU", "ELU", "softplus", "Gaussian", "GELU"]
                .contains { line.hasPrefix("  \($0) ") } && (line.contains("C^∞") || line.contains("C⁰") || line.contains("none"))
        }
        #expect(tableRows.count == 10, "rows of the checked table: \(tableRows)")
        for row in tableRows {
            let error = row.split(separator: " ").last.map(String.init) ?? ""
            #expect(error == "0" || error.contains("e−"), "a derivative's check error is not tiny: \(row)")
        }
    }

    // The run is deterministic: two runs print the same thing. (Its speed is measured by
    // `course-bench`, not here.)
    @Test func runIsDeterministic() {
        #expect(runLesson() == runLesson(), "two runs printed different output")
    }

    // Every line fits in 80 columns, and the title has the same shape as every lesson's.
    @Test func everyLineFitsTheWidth() {
        let lines = runLesson()
        for line in lines where line.count > 80 {
            Issue.record("\(line.count) columns: \(line)")
        }
        #expect(lines.first == "Lesson 1 — The perceptron")
    }
}
