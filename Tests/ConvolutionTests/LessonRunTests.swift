import Testing
import CourseKit
import Convolution

@Suite struct LessonRunTests {
    /// Runs lesson 5 into a string, timing it.
    static func output() -> (text: String, seconds: Double) {
        var lines: [String] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure { Lesson5.run(on: LessonConsole { lines.append($0) }) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (lines.joined(separator: "\n"), seconds)
    }

    // The live lesson prints the worked numbers that its text quotes, section by section.
    @Test func showsTheKeyNumbers() {
        let (text, seconds) = Self.output()
        for expected in [
            "── 1. Convolution in 1D", "[5, 7, 1, −3, 2, 9]", "[7, 1, −3, 2]", "[5, 1, 2]", "[4, 6, 2, 1, −4, 8]",
            "── 2. A convolutional layer", "h (convolution)     = [3, 5, 0, 0, 0, 7]",
            "h (fully connected) = [3, 5, 0, 0, 0, 7]", "largest difference: 0", "4 parameters", "42 parameters",
            "── 3. Channels", "2592", "── 4. Receptive fields", "····███████····",
            "── 5. Translation equivariance", "largest difference |f[t[x]] − t[f[x]]| = 0",
            "── 6. Image kernels", "outline (Laplacian)",
        ] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
        #expect(!text.contains("NO"), "a gradient check failed in the live lesson")
        #expect(seconds < 2, "lesson 5 took \(seconds) s")
    }
}
