import CourseTestSupport
import Testing
import CourseKit
import ShallowNetworks

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson2.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["shallow-network.svg", "linear-regions.svg", "linear-regions-random.svg",
                                "approximation.svg", "approximation-error.svg", "tent-compositions.svg",
                                "deep-versus-shallow.svg"],
                      namedIn: "lesson2-shallow-networks.md")
        expectCommittedFigures(figures, lesson: 2, text: "lesson2-shallow-networks.md")
    }
}
