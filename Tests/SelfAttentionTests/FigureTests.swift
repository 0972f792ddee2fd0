import CourseTestSupport
import Testing
import CourseKit
import SelfAttention

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson6.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["attention.svg", "attention-permuted.svg", "queries-keys-values.svg",
                                "attention-heads-masked.svg", "attention-permuted-masked.svg"],
                      namedIn: "lesson6-self-attention.md")
        expectCommittedFigures(figures, lesson: 6, text: "lesson6-self-attention.md")
    }
}
