import Testing
import CourseKit

@Suite struct PlotTests {
    @Test func scatterShadesThePositiveSideAndDrawsEveryPoint() {
        let points = [TerminalPlot.Point(x: -1, y: 0, mark: "o"), TerminalPlot.Point(x: 1, y: 0, mark: "x")]
        let plot = TerminalPlot.scatter(points, region: { x, _ in x }, xRange: -2...2, yRange: -1...1,
                                        width: 20, height: 6)
        let rows = plot.split(separator: "\n").map(String.init)
        #expect(plot.contains("o") && plot.contains("x"))
        // Left half unshaded, right half shaded.
        let body = rows[1].split(separator: "│")[1]
        #expect(body.prefix(10).allSatisfy { $0 == " " })
        #expect(body.suffix(10).allSatisfy { $0 == "·" })
    }

    @Test func linePlotHasALegendAndAxes() {
        let plot = TerminalPlot.lines([.init(name: "loss", mark: "*", values: [4, 2, 1, 0.5])], width: 20, height: 5)
        #expect(plot.contains("* loss"))
        #expect(plot.contains("└"))
        #expect(plot.filter { $0 == "*" }.count > 4)
    }

    @Test func heatMapShadesByValue() {
        let map = TerminalPlot.heatMap(Matrix([[0, 1], [0.5, 0]]), cellWidth: 3)
        let lines = map.split(separator: "\n")
        #expect(lines[1].contains("██"))
        #expect(lines[2].contains("▒▒"))
        #expect(map.contains("scale"))
    }

    @Test func tableAlignsNumbersRight() {
        var table = TextTable(header: ["name", "value"])
        table.append(["a", "1"])
        table.append(["bbb", "22.5"])
        #expect(table.description == "name  value\n────  ─────\na         1\nbbb    22.5")
    }
}
