import Testing
import CourseKit
import Backpropagation

@Suite struct Lesson4Tests {
    static func output() -> String {
        var lines: [String] = []
        Lesson4.run(on: LessonConsole(width: 80) { lines.append($0) })
        return lines.joined(separator: "\n")
    }

    // The finite-difference table writes every step and error in scientific notation, so the
    // steps 0.01, 0.001 and 1e−4 and their errors (3.6e−3, 3.6e−4, 9.4e−4 …) are not rounded
    // to "0"; the line fit states its minimum, 0.0689, beside the 0.070036 reached at step 40.
    @Test func runShowsSmallStepsAndTheTrueMinimum() {
        let text = Self.output()
        for expected in ["1e−1                    3.7e−2                    9.4e−4",
                         "1e−2                    3.6e−3                    9.4e−6",
                         "1e−3                    3.6e−4                    9.4e−8",
                         "1e−4                    3.6e−5                   9.4e−10",
                         "is L = 0.0689.", "0.15          7.4268     0.1299  0.070036  converged"] {
            #expect(text.contains(expected), "the lesson's output lacks “\(expected)”")
        }
        let lines = text.split(separator: "\n")
        let table = lines.drop { !$0.hasPrefix("  step h") }.dropFirst(2).prefix(12)
        #expect(table.count == 12 && table.allSatisfy { !$0.split(separator: " ").contains("0") },
                "no step or error in the finite-difference table is written as 0: \(Array(table))")
        for line in lines where line.count > 80 {
            Issue.record("\(line.count) columns: \(line)")
        }
        #expect(lines.first == "Lesson 4 — Backpropagation by hand")
    }

    // The live lesson shows its nine sections in the order of the text, with the worked
    // numbers the text quotes.
    @Test func runShowsTheSectionsAndTheWorkedNumbers() {
        let text = Self.output()
        let headings = ["1. Computational graphs", "2. Summing over paths", "3. A binary classifier",
                        "4. The δ-rule", "5. Backpropagation through K ReLU layers", "6. Checking gradients",
                        "7. Gradient descent and the learning rate", "8. Mini-batch SGD and early stopping",
                        "9. An engine that does it for you"]
        let positions = headings.map { text.firstRange(of: "── " + $0)?.lowerBound }
        let missing = zip(headings, positions).filter { $1 == nil }.map(\.0)
        #expect(missing.isEmpty, "missing headings: \(missing)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "the sections are out of order")
        for expected in ["∂L/∂θ₁ = 45   and the closed form 2cxθ₂ = 2·5·1.5·3 = 45",
                         "∂L/∂θ₂ = 30   and the closed form 2cxθ₁ = 2·5·1.5·2 = 30",
                         "∂e/∂b = ∂e/∂c·∂c/∂b + ∂e/∂d·∂d/∂b = 2·1 + 3·1 = 5",
                         "∂e/∂a = 2, ∂e/∂b = 5 — 5 multiplications",
                         "(9 products, 8 sums)", "(1 product, 4 sums)",
                         "L = mean BCE = 0.415531",
                         "2/λ_max = 0.2588", "diverged: loss > 1e6 at step 22",
                         "'nearKink'", "stop at the first rise (patience 1)        27     26"] {
            #expect(text.contains(expected), "the lesson's output lacks “\(expected)”")
        }
        let prose = text.split(separator: "\n").joined(separator: " ")
        #expect(prose.contains("gives nan; the cancelled form gives ŷ − y = 1"), "the lesson's output lacks the cancelled form")
        let disagreements = text.ranges(of: "DISAGREES").count
        #expect(disagreements == 3, "only the three deliberate mistakes of section 6 may disagree; found \(disagreements)")
    }

    // Section 9 shows on section 2's graph what an engine must get right: the sweep reverses
    // the creation order, b's adjoint adds 3 (from d) and then 2 (from c) to reach 5, which
    // central differences confirm; x · x gives 3 = 2x at 1.5; ten squarings have 11 nodes
    // but 2047 entries in a search without a visited set.
    @Test func runShowsWhatAnEngineMustGetRight() {
        let text = Self.output()
        let section = String(text[(text.firstRange(of: "── 9. An engine")?.lowerBound ?? text.endIndex)...])
        let prose = section.split(separator: "\n").joined(separator: " ")
        for expected in ["order a, b, c, d, e      sweep e, d, c, b, a",
                         "     3  d → b  3 · 1 = 3                               3",
                         "     5  c → b  2 · 1 = 2                               5",
                         "would keep the last contribution, 2.", "with ∂e/∂a = 2 and ∂e/∂b = 5: relative errors",
                         "1.5 + 1.5 = 3 = 2x.", "11 nodes, but a search", "to each, 2047."] {
            #expect(prose.contains(expected) || section.contains(expected), "section 9 lacks “\(expected)”")
        }
        #expect(prose.contains("Central differences agree"), "the gradient check of section 9 failed")
    }
}
