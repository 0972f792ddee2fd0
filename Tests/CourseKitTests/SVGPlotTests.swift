import Testing
import CourseKit

@Suite struct SVGPlotTests {
    let frame = SVGPlot.Frame(width: 264, height: 192, xRange: 0...2, yRange: 0...1)

    // A curve that leaves the axes is cut exactly where it crosses their edge, and comes back
    // as a new piece; a value that is not finite breaks the curve.
    @Test func curvesAreCutAtTheEdgeOfTheAxes() {
        let parts = frame.visibleParts(of: [(0, 0), (1, 2), (2, 0)])
        #expect(parts.count == 2, "expected 2 pieces, observed \(parts.count)")
        // The plotting area runs from x = 64 to 240 and from y = 56 (top) to 140 (bottom):
        // y = 2x crosses y = 1 at x = 0.5, pixel (108, 56).
        #expect(parts.first?.last.map { $0 == (108, 56) } == true, "observed \(String(describing: parts.first?.last))")
        #expect(parts.last?.first.map { $0 == (196, 56) } == true, "observed \(String(describing: parts.last?.first))")
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

    // Subscripts and superscripts written as in the lessons are drawn as raised and lowered
    // <tspan>s, and no raw mark reaches the drawing; the title keeps a plain form.
    @Test func scriptsAreDrawnNotPrinted() {
        var svg = SVGDocument(width: 10, height: 10, title: "Ω ∈ ℝ^{C_i×K}")
        svg.text("W_{cd} and β_o, 2^l, ℝ^{C_i×C_o×K}, e^(−x)", x: 0, y: 0, size: 20)
        let text = svg.rendered
        let drawn = text.split(separator: "\n").first { $0.hasPrefix("<text") }.map(String.init) ?? ""
        #expect(drawn.contains("<tspan dy=\"6\" font-size=\"15\">cd</tspan>"), "observed \(drawn)")
        #expect(drawn.contains("<tspan dy=\"-8\" font-size=\"15\">l</tspan>"), "observed \(drawn)")
        #expect(drawn.contains("xml:space=\"preserve\""), "spaces beside a tspan must survive")
        let visible = drawn.replacing(/<[^>]+>/, with: "")
        #expect(!visible.contains("_") && !visible.contains("{") && !visible.contains("}"), "observed \(visible)")
        #expect(visible.contains("e^(−x)"), "a caret before a parenthesis is text: \(visible)")
        #expect(text.contains("<title>Ω ∈ ℝ^(C_i×K)</title>"), "the title is plain text")
    }

    // A heat map comes with a colour scale that names its smallest and largest values.
    @Test func heatMapsHaveAColourScale() {
        let svg = SVGPlot.heatMap(Matrix([[0.25, 1.5], [-0.5, 0]]), title: "A").rendered
        // Each value is written once in its cell and once more under the scale.
        for label in [">−0.5</text>", ">1.5</text>"] {
            #expect(svg.ranges(of: label).count == 2, "\(label) should be written twice")
        }
    }

    // A masked cell is hatched instead of shaded, its value is not written, the colour scale
    // spans the other cells only, and the legend names the mask.
    @Test func maskedCellsAreHatchedAndLeftOutOfTheScale() {
        let panel = SVGPlot.HeatMapPanel(Matrix([[0.25, 0.5], [-7, 1]]), isMasked: { i, j in i > j })
        let svg = SVGPlot.heatMaps([panel], title: "A", maskLegend: "hidden").rendered
        #expect(!svg.contains(">−7</text>"), "the masked value is neither written nor on the scale")
        #expect(svg.contains(">0.25</text>") && svg.ranges(of: ">1</text>").count == 2, "the scale runs from 0.25 to 1")
        #expect(svg.ranges(of: "fill=\"\(SVGPlot.maskedFill)\"").count == 2, "one hatched cell and one legend mark")
        #expect(svg.contains(">hidden</text>"))
    }
}
