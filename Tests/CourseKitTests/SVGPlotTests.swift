import Testing
import CourseKit

@Suite struct SVGPlotTests {
    let frame = SVGPlot.Frame(width: 264, height: 192, xRange: 0...2, yRange: 0...1)

    // A curve that leaves the axes is cut exactly where it crosses their edge, and comes back
    // as a new piece; a value that is not finite breaks the curve.
    @Test func curvesAreCutAtTheEdgeOfTheAxes() {
        let parts = frame.visibleParts(of: [(0, 0), (1, 2), (2, 0)])
        #expect(parts.count == 2, "expected 2 pieces, observed \(parts.count)")
        // The plotting area runs from x = 64 to 240 and from y = 40 (top) to 140 (bottom):
        // y = 2x crosses y = 1 at x = 0.5, pixel (108, 40).
        #expect(parts.first?.last.map { $0 == (108, 40) } == true, "observed \(String(describing: parts.first?.last))")
        #expect(parts.last?.first.map { $0 == (196, 40) } == true, "observed \(String(describing: parts.last?.first))")
        let broken = frame.visibleParts(of: [(0, 0), (0.5, 0.5), (1, .nan), (1.5, 0.5), (2, 0)])
        #expect(broken.map(\.count) == [2, 2], "observed pieces of \(broken.map(\.count)) points")
        #expect(frame.visibleParts(of: [(0, 5), (2, 6)]).isEmpty)
    }

    // Ticks fall on round numbers inside the range.
    @Test func ticksAreRoundNumbersInsideTheRange() {
        #expect(SVGPlot.ticks(0...1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(SVGPlot.ticks(-1.1...3.1) == [-1, 0, 1, 2, 3])
        #expect(SVGPlot.ticks(0...7.8).allSatisfy { $0 >= 0 && $0 <= 7.8 })
    }

    // Text is escaped, so a figure stays well-formed whatever its labels say.
    @Test func textIsEscaped() {
        var svg = SVGDocument(width: 10, height: 10, title: "a < b & c")
        svg.text("x > \"y\"", x: 0, y: 0)
        #expect(svg.rendered.contains("<title>a &lt; b &amp; c</title>"))
        #expect(svg.rendered.contains("x &gt; &quot;y&quot;"))
    }
}
