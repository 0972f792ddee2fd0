import CourseTestSupport
import Testing
import CourseKit
import Backpropagation

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson4.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["computational-graph.svg", "path-sum-graph.svg", "learning-rates.svg",
                                "batch-sizes.svg", "early-stopping.svg", "classifier-graph.svg", "delta-rule-network.svg",
                                "relu-network-layers.svg"],
                      namedIn: "lesson4-backpropagation.md")
        expectCommittedFigures(figures, lesson: 4, text: "lesson4-backpropagation.md")
    }
}
