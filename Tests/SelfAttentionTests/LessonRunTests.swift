import Testing
import CourseKit
import SelfAttention

@Suite struct LessonRunTests {
    /// Runs lesson 6 into a string, timing it.
    static func output() -> (text: String, seconds: Double) {
        var lines: [String] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure { Lesson6.run(on: LessonConsole { lines.append($0) }) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (lines.joined(separator: "\n"), seconds)
    }

    // The live lesson prints, section by section, the numbers its text quotes.
    @Test func showsTheKeyNumbers() {
        let (text, seconds) = Self.output()
        for expected in [
            "── 1. Queries, keys and values", "── 2. The attention matrix", "column sums: [1, 1, 1, 1, 1]",
            "scale: ' ' = 0.0152  …  '█' = 0.6283", "0.5788",
            "── 3. Parameters and cost", "60", "12480", "12922880000",
            "── 4. Permutation equivariance", "── 5. Scaled dot products",
            "── 6. A softmax that stays finite", "[nan, nan, nan]", "[0.6652, 0.2447, 0.09]",
            "── 7. The backward pass", "∂L/∂β_k",
        ] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
        #expect(!text.contains("NO"), "a gradient check failed in the live lesson")
        #expect(seconds < 2, "lesson 6 took \(seconds) s")
    }
}
