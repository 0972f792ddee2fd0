import CourseTestSupport
import Testing
import CourseKit
import Perceptron

@Suite struct FigureTests {
    // With `--svg DIR` the live run draws every figure of the lesson: well-formed SVG with a
    // title, named in kebab-case and in the lesson text, shown inline there, and identical to
    // its committed copy in lessons/figures (so the copies never go stale).
    @Test func drawsEveryFigureAsWellFormedSVG() {
        var figures: [String: String] = [:]
        Lesson1.run(on: LessonConsole(write: { _ in }, saveFigure: { figures[$0] = $1 }))
        expectFigures(figures, ["perceptron-unit.svg", "rosenblatt-mistakes.svg", "decision-boundary.svg",
                                "gradient-descent-loss.svg", "activation-functions.svg", "xor-mistakes.svg",
                                "xor-best-line.svg", "layer-diagram.svg"],
                      namedIn: "lesson1-perceptron.md")
        expectCommittedFigures(figures, lesson: 1, text: "lesson1-perceptron.md")
    }
}

@Suite struct SVGCheckTests {
    // The figure check itself rejects what a browser would: an unescaped `&`, a missing title,
    // a root that is not <svg>.
    @Test func rejectsBrokenFigures() {
        let good = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>A</title><text>a &amp; b</text></svg>"
        #expect(svgProblems(good).isEmpty, "\(svgProblems(good))")
        for broken in ["<svg><title>A</title><text>a & b</text></svg>", "<svg><text>no title</text></svg>",
                       "<html><title>A</title></html>", "<svg><title>A</title>"] {
            #expect(!svgProblems(broken).isEmpty, "accepted: \(broken)")
        }
    }
}
