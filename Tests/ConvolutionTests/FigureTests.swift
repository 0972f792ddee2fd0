import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson5.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["receptive-field.svg", "receptive-field-dilated.svg", "image-kernels.svg",
                                "convolution-modes.svg", "tied-weights.svg", "kernel-array.svg", "shift-equivariance.svg",
                                "convolution-2d.svg"],
                      namedIn: "lesson5-convolution.md")
        expectCommittedFigures(figures, lesson: 5, text: "lesson5-convolution.md")
    }
}
