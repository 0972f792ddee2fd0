import CourseTestSupport
import Testing
import CourseKit
import XOR

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson3.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["xor-inputs.svg", "representation-space.svg", "training-loss.svg",
                                "training-regions.svg"],
                      namedIn: "lesson3-xor.md")
        expectCommittedFigures(figures, lesson: 3, text: "lesson3-xor.md")
    }
}
