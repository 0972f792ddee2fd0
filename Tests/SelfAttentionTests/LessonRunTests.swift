import Testing
import CourseKit
import SelfAttention

@Suite struct LessonRunTests {
    /// Runs lesson 6 into a string.
    static func output() -> String {
        var lines: [String] = []
        Lesson6.run(on: LessonConsole(width: 80) { lines.append($0) })
        return lines.joined(separator: "\n")
    }

    // The live lesson prints, section by section, the numbers its text quotes.
    @Test func showsTheKeyNumbers() {
        let text = Self.output()
        for expected in [
            "── 1. Queries, keys and values", "── 2. The attention matrix", "column sums: [1, 1, 1, 1, 1]",
            "scale: ' ' = 0.0152  …  '█' = 0.6283", "0.5788",
            "── 3. Parameters and cost", "60", "12,480", "197,376", "12,800,000,000  12,922,880,000",
            "── 4. Permutation equivariance", "── 5. Scaled dot products",
            "── 6. A softmax that stays finite", "[nan, nan, nan]", "[0.6652, 0.2447, 0.09]",
            "── 7. The backward pass", "∂L/∂β_k",
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
        #expect(lines.first == "Lesson 6 — Self-attention")
    }

    // The lesson's example sentence: the verb "are" agrees with "keys", five words before it.
    @Test func keysAreFiveWordsBeforeTheVerb() throws {
        let words = "the keys to the old cabinet are on the table".split(separator: " ")
        let verb = try #require(words.firstIndex(of: "are")), subject = try #require(words.firstIndex(of: "keys"))
        #expect(verb - subject == 5, "expected 5, observed \(verb - subject)")
    }

    // Section 8 prints the numbers its text quotes: the parameter counts, a mask that leaves
    // outputs 1 … 4 exactly still when x5 changes, the broken equivariance and the finite mask's leak.
    @Test func showsTheCausalMaskNumbers() {
        let text = Self.output()
        for expected in [
            "── 8. Several heads, and a causal mask", "1050624",
            "without the mask 0.611      with the mask 0\n", "without the mask 1.11e−16   with the mask 0.8812",
            "mask −∞   → weights [1, 0]", "mask −10⁹ → weights [0, 1]",
        ] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
    }

    // Section 8's two heads of d = 2 are masked in the same places but weigh differently:
    // output 5 (the last column) gives 0.5625 to x3 in head 0, and 0.1664 to 0.2486 in head 1.
    @Test func showsTheTwoMaskedHeads() {
        let text = Self.output()
        for expected in ["head 0\n", "⎣ 0       0       0       0  0.2169 ⎦", "⎢ 0       0    0.46  0.3405  0.5625 ⎥",
                         "head 1\n", "⎡ 1  0.5801   0.425  0.1923  0.2486 ⎤", "⎢ 0       0  0.2484    0.25  0.1664 ⎥"] {
            #expect(text.contains(expected), "the lesson's output lacks \"\(expected)\"")
        }
    }
}
