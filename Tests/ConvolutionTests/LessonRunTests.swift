import Testing
import CourseKit
import Convolution

@Suite struct LessonRunTests {
    /// Runs lesson 5 into a string.
    static func output() -> String {
        var lines: [String] = []
        Lesson5.run(on: LessonConsole(width: 80) { lines.append($0) })
        return lines.joined(separator: "\n")
    }

    // The live lesson prints the worked numbers that its text quotes, section by section.
    @Test func showsTheKeyNumbers() {
        let text = Self.output()
        for expected in [
            "── 1. Convolution in 1D", "[5, 7, 1, −3, 2, 9]", "[7, 1, −3, 2]", "[5, 1, 2]", "[4, 6, 2, 1, −4, 8]",
            "── 2. A convolutional layer", "h (convolution)     = [3, 5, 0, 0, 0, 7]",
            "h (fully connected) = [3, 5, 0, 0, 0, 7]", "largest difference: 0", "4 parameters", "42 parameters",
            "── 3. Channels", "2,592", "12,352", "── 4. Receptive fields", "····███████····",
            "── 5. Translation equivariance", "largest difference |f[t[x]] − t[f[x]]| = 0",
            "── 6. Image kernels", "vertical edges (Sobel)", "horizontal edges (Sobel)", "outline (Laplacian)",
        ] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
        #expect(!text.contains("NO"), "a gradient check failed in the live lesson")
    }

    // Every line fits in 80 columns; the title has the same shape as every lesson's.
    @Test func everyLineFitsTheWidth() {
        let lines = Self.output().split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines where line.count > 80 {
            Issue.record("\(line.count) columns: \(line)")
        }
        #expect(lines.first == "Lesson 5 — Convolutional networks and receptive fields")
    }

    // Section 7 prints the worked 2D example, the output shapes and the parameter counts its text quotes.
    @Test func showsTheTwoDimensionalNumbers() {
        let text = Self.output()
        for expected in [
            "── 7. Convolution in 2D", "⎡ −1  4 ⎤", "⎣  3  0 ⎦", "55×55", "3×2", "1×1", "3×0",
            "1792", "34944", "73856", "43713621600",
        ] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
    }
}
