/// Plots as SVG figures, the counterparts of `TerminalPlot` for `course run lessonN --svg DIR`.
///
/// `scatter`, `lines` and `heatMap` draw a whole figure. For anything else, lay out one or
/// more `Frame`s on an `SVGDocument` and draw on them: shaded cells, points, curves clipped
/// to the axes, a legend.
public enum SVGPlot {
    /// Colours that stay distinguishable for colour-blind readers (Paul Tol's bright scheme).
    public static let palette = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb"]

    /// Light versions of the first two colours of `palette`, to shade the two sides of a
    /// decision boundary.
    public static let tints = ["#dbe6f1", "#fbe1e4"]

    /// A series of a line plot.
    public struct Series: Sendable {
        /// How a series is drawn.
        public enum Style: Sendable {
            /// A solid line through the points.
            case solid
            /// A dashed line through the points.
            case dashed
            /// A dot at each point, no line.
            case dots
            /// A solid line with a dot at each point.
            case lineAndDots
        }

        /// The name in the legend; a series with an empty name has no legend entry.
        public var name: String
        /// The points, joined in this order.
        public var points: [(x: Double, y: Double)]
        /// How the series is drawn.
        public var style: Style
        /// The colour; `nil` takes the series' place in `palette`.
        public var color: String?

        /// Creates a series from its points.
        public init(name: String, points: [(x: Double, y: Double)], style: Style = .solid, color: String? = nil) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
        }

        /// Creates a series from values at x = 0, 1, 2, …
        public init(name: String, values: [Double], style: Style = .solid, color: String? = nil) {
            self.init(name: name, points: values.enumerated().map { (Double($0.offset), $0.element) },
                      style: style, color: color)
        }
    }

    /// A point of a scatter plot with its class, which picks its colour and marker: class 0
    /// is a blue circle, class 1 a red square, and so on through `palette`.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var group: Int
        public init(x: Double, y: Double, group: Int) {
            self.x = x
            self.y = y
            self.group = group
        }
    }

    /// Returns a scatter plot with a legend of the classes.
    ///
    /// When `region` is given, the side where it is positive is shaded in the tint of class 1
    /// and the other side in the tint of class 0, so that the edge of the shading is the
    /// decision boundary `region = 0`; `regionNames` name the two sides in the legend.
    /// `lines` (a boundary, say) are drawn over the shading, clipped to the axes.
    public static func scatter(_ points: [Point], region: ((Double, Double) -> Double)? = nil,
                               lines: [Series] = [], xRange: ClosedRange<Double>? = nil,
                               yRange: ClosedRange<Double>? = nil, title: String, xLabel: String = "x₁",
                               yLabel: String = "x₂", groupNames: [String] = [], regionNames: [String] = [],
                               legend: LegendPosition = .right) -> SVGDocument {
        let groups = groupNames.enumerated().map { LegendEntry(name: $0.element, group: $0.offset) }
        let sides = zip(regionNames, tints).map { LegendEntry(name: $0, color: $1, mark: .patch) }
        let entries = groups + sides + lines.enumerated().compactMap { LegendEntry(series: $0.element, index: $0.offset) }
        let frame = scatterFrame(xRange: xRange ?? TerminalPlot.paddedRange(points.map(\.x)),
                                 yRange: yRange ?? TerminalPlot.paddedRange(points.map(\.y)),
                                 legendWidth: legend == .right && !entries.isEmpty ? Frame.legendWidth(entries) : 0)
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        if let region {
            frame.fill(on: &svg) { x, y in region(x, y) > 0 ? tints[1] : tints[0] }
        }
        frame.drawAxes(on: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        frame.draw(lines, on: &svg)
        frame.draw(points, on: &svg)
        frame.drawLegend(entries, at: legend, on: &svg)
        return svg
    }

    /// Returns the frame `scatter` draws in, to add to its figure afterwards; `legendWidth`
    /// widens it on the right for a legend there.
    public static func scatterFrame(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                                    legendWidth: Double = 0) -> Frame {
        let extra = legendWidth > 0 ? legendWidth + 24 : 0
        return Frame(width: 560 + extra, height: 480, xRange: xRange, yRange: yRange, rightMargin: 24 + extra)
    }

    /// Returns a line plot of one or more series sharing both axes, with a legend.
    ///
    /// Curves that leave `yRange` are cut at the edge of the axes; values that are not finite
    /// break a curve.
    public static func lines(_ series: [Series], title: String, xLabel: String, yLabel: String,
                             xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                             legend: LegendPosition = .topRight) -> SVGDocument {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let entries = series.enumerated().compactMap { LegendEntry(series: $0.element, index: $0.offset) }
        let extra = legend == .right && !entries.isEmpty ? Frame.legendWidth(entries) + 24 : 0
        let frame = Frame(width: 640 + extra, height: 400,
                          xRange: xRange ?? TerminalPlot.paddedRange(all.map(\.x), padding: 0),
                          yRange: yRange ?? TerminalPlot.paddedRange(all.map(\.y), padding: 0.05),
                          rightMargin: 24 + extra)
        var svg = SVGDocument(width: frame.width, height: frame.height, title: title)
        frame.drawAxes(on: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        frame.draw(series, on: &svg)
        frame.drawLegend(entries, at: legend, on: &svg)
        return svg
    }
}
