extension SVGPlot {
    /// Where a legend goes: in a corner of the plotting area, or to the right of it, in the
    /// frame's right margin, where it hides nothing.
    public enum LegendPosition: Sendable { case topLeft, topRight, bottomLeft, bottomRight, right }

    /// One line of a legend: a mark and a name.
    public struct LegendEntry: Sendable {
        /// What is drawn before the name.
        public enum Mark: Sendable { case line, dashed, circle, square, patch, hatched }
        /// The text of the entry.
        public var name: String
        /// The colour of the mark, `#rrggbb`.
        public var color: String
        /// The mark: a line or a dashed line for a curve, a circle or a square for a class of
        /// points, a patch for a shaded region, a hatched patch for masked cells.
        public var mark: Mark

        /// Creates an entry.
        public init(name: String, color: String, mark: Mark) {
            self.name = name
            self.color = color
            self.mark = mark
        }

        /// Creates the entry of a class of points, with its colour and marker.
        public init(name: String, group: Int) {
            self.init(name: name, color: palette[group % palette.count], mark: group % 2 == 0 ? .circle : .square)
        }

        /// Creates the entry of the series at `index` of a plot, or `nil` when it has no name.
        public init?(series: Series, index: Int) {
            guard !series.name.isEmpty else { return nil }
            let mark: Mark = switch series.style {
            case .solid, .lineAndDots: .line
            case .dashed: .dashed
            case .dots: .circle
            }
            self.init(name: series.name, color: series.color ?? palette[index % palette.count], mark: mark)
        }
    }

    /// A panel of a figure with axes: its place in the drawing and its mapping from data to
    /// pixels. Several frames side by side make a figure of several panels.
    ///
    ///     let frame = SVGPlot.Frame(width: 560, height: 480, xRange: -1...1, yRange: -1...1)
    ///     var svg = SVGDocument(width: frame.width, height: frame.height, title: "Regions")
    ///     frame.fill(on: &svg) { x, y in x * y > 0 ? "#dde8f3" : nil }
    ///     frame.drawAxes(on: &svg, title: "Regions", xLabel: "x₁", yLabel: "x₂")
    public struct Frame: Sendable {
        /// The margins around the plotting area, for the ticks, the labels, the title and a
        /// legend on the right; the top one leaves the y label a line of its own below the title.
        public let left = 64.0, top = 56.0, bottom = 52.0, right: Double
        /// The size of the panel, margins included.
        public let width: Double, height: Double
        /// Where the panel's top-left corner sits in the drawing.
        public let originX: Double, originY: Double
        /// The data ranges the axes show.
        public let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

        /// Creates a panel of the given size whose top-left corner is at (originX, originY).
        public init(width: Double, height: Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                    originX: Double = 0, originY: Double = 0, rightMargin: Double = 24) {
            self.right = rightMargin
            self.width = width
            self.height = height
            self.xRange = xRange
            self.yRange = yRange
            self.originX = originX
            self.originY = originY
        }

        /// The plotting area's edges in pixels.
        var plotLeft: Double { originX + left }
        var plotRight: Double { originX + width - right }
        var plotTop: Double { originY + top }
        var plotBottom: Double { originY + height - bottom }

        /// The pixel column of a data x.
        public func px(_ x: Double) -> Double {
            plotLeft + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (plotRight - plotLeft)
        }

        /// The pixel row of a data y (upwards is up).
        public func py(_ y: Double) -> Double {
            plotBottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (plotBottom - plotTop)
        }

        /// Draws the axes with round ticks and their values, the labels and the title.
        public func drawAxes(on svg: inout SVGDocument, title: String, xLabel: String, yLabel: String) {
            svg.text(title, x: originX + width / 2, y: originY + 24, size: 15, anchor: .middle, bold: true)
            svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom)
            svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom)
            for x in SVGPlot.ticks(xRange) {
                svg.line(x1: px(x), y1: plotBottom, x2: px(x), y2: plotBottom + 5)
                svg.text(formatNumber(x, digits: 4), x: px(x), y: plotBottom + 18, size: 11, anchor: .middle)
            }
            for y in SVGPlot.ticks(yRange) {
                svg.line(x1: plotLeft - 5, y1: py(y), x2: plotLeft, y2: py(y))
                svg.text(formatNumber(y, digits: 4), x: plotLeft - 8, y: py(y) + 4, size: 11, anchor: .end)
            }
            svg.text(xLabel, x: (plotLeft + plotRight) / 2, y: originY + height - 12, size: 12, anchor: .middle)
            svg.text(yLabel, x: originX + 14, y: plotTop - 10, size: 12)
        }

        /// Shades the plotting area cell by cell with the colour `color` gives the cell's centre
        /// (`nil` leaves it white); neighbouring cells of one colour merge into one rectangle.
        /// - Complexity: `cells²` calls of `color`.
        public func fill(cells: Int = 120, on svg: inout SVGDocument, color: (Double, Double) -> String?) {
            let cw = (plotRight - plotLeft) / Double(cells), ch = (plotBottom - plotTop) / Double(cells)
            for j in 0..<cells {
                let y = yRange.upperBound - (Double(j) + 0.5) / Double(cells) * (yRange.upperBound - yRange.lowerBound)
                var start = 0, current: String?
                for i in 0...cells {
                    let x = xRange.lowerBound + (Double(i) + 0.5) / Double(cells) * (xRange.upperBound - xRange.lowerBound)
                    let next = i < cells ? color(x, y) : nil
                    if i == cells || next != current {
                        if let current {
                            // Each rectangle reaches 1 pixel into its neighbours, which cover it: no seams.
                            let (x, y) = (plotLeft + Double(start) * cw, plotTop + Double(j) * ch)
                            svg.rect(x: x, y: y, width: min(Double(i - start) * cw + 1, plotRight - x),
                                     height: min(ch + 1, plotBottom - y), fill: current)
                        }
                        (start, current) = (i, next)
                    }
                }
            }
        }

        /// Draws the points inside the axes, each with its class's colour and marker.
        public func draw(_ points: [Point], on svg: inout SVGDocument) {
            for point in points where xRange.contains(point.x) && yRange.contains(point.y) {
                let color = palette[point.group % palette.count]
                let (x, y) = (px(point.x), py(point.y))
                if point.group % 2 == 0 {
                    svg.circle(x: x, y: y, radius: 5.5, fill: color, stroke: "#ffffff")
                } else {
                    svg.rect(x: x - 5, y: y - 5, width: 10, height: 10, fill: color, stroke: "#ffffff")
                }
            }
        }

        /// Draws the series, each in its colour and style, cut where they leave the axes.
        public func draw(_ series: [Series], on svg: inout SVGDocument) {
            for (index, s) in series.enumerated() {
                let color = s.color ?? palette[index % palette.count]
                if s.style != .dots {
                    for part in visibleParts(of: s.points) {
                        svg.polyline(part, stroke: color, width: s.style == .lineAndDots ? 1.5 : 2,
                                     dashed: s.style == .dashed)
                    }
                }
                if s.style == .dots || s.style == .lineAndDots {
                    for p in s.points where xRange.contains(p.x) && yRange.contains(p.y) {
                        svg.circle(x: px(p.x), y: py(p.y), radius: 3.5, fill: color, stroke: "#ffffff")
                    }
                }
            }
        }

        /// Returns the width of the legend of these entries, in pixels.
        public static func legendWidth(_ entries: [LegendEntry]) -> Double {
            44 + 7 * (entries.map { Double($0.name.count) }.max() ?? 0)
        }

        /// Draws a legend on a white box in a corner of the plotting area or to its right.
        public func drawLegend(_ entries: [LegendEntry], at position: LegendPosition, on svg: inout SVGDocument) {
            guard !entries.isEmpty else { return }
            let boxWidth = Frame.legendWidth(entries), boxHeight = 10 + 18 * Double(entries.count)
            let x = switch position {
            case .topLeft, .bottomLeft: plotLeft + 10
            case .topRight, .bottomRight: plotRight - 10 - boxWidth
            case .right: plotRight + 16
            }
            let y = position == .bottomLeft || position == .bottomRight ? plotBottom - 10 - boxHeight : plotTop + 6
            svg.rect(x: x, y: y, width: boxWidth, height: boxHeight, fill: "#ffffff", stroke: "#cccccc", opacity: 0.9)
            for (k, entry) in entries.enumerated() {
                let row = y + 14 + 18 * Double(k)
                SVGPlot.drawMark(entry, x: x + 18, y: row, on: &svg)
                svg.text(entry.name, x: x + 34, y: row + 4, size: 12)
            }
        }

        /// Returns the parts of a curve inside the axes, in pixels: a curve that leaves them is
        /// cut where it crosses their edge (Liang–Barsky clipping), and a point that is not
        /// finite breaks it.
        /// - Complexity: O(points).
        public func visibleParts(of points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
            var parts: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
            for (p, q) in zip(points, points.dropFirst()) {
                guard let (a, b) = clip(p, q) else { continue }
                if let last = current.last, last == a {
                    current.append(b)
                } else {
                    if current.count > 1 { parts.append(current) }
                    current = [a, b]
                }
            }
            if current.count > 1 { parts.append(current) }
            return parts.map { $0.map { (px($0.x), py($0.y)) } }
        }

        /// Returns the piece of the segment from p to q inside the ranges, or `nil` if none is.
        /// ```
        /// s(t) = p + t (q − p),   0 ≤ t ≤ 1;   each edge of the box bounds t from one side
        /// ```
        private func clip(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double))
            -> ((x: Double, y: Double), (x: Double, y: Double))? {
            guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return nil }
            let (dx, dy) = (q.x - p.x, q.y - p.y)
            var (t0, t1) = (0.0, 1.0)
            for (step, room) in [(-dx, p.x - xRange.lowerBound), (dx, xRange.upperBound - p.x),
                                 (-dy, p.y - yRange.lowerBound), (dy, yRange.upperBound - p.y)] {
                if step == 0 {
                    if room < 0 { return nil }
                } else if step < 0 {
                    t0 = max(t0, room / step)
                } else {
                    t1 = min(t1, room / step)
                }
            }
            guard t0 <= t1 else { return nil }
            return (t0 == 0 ? p : (p.x + t0 * dx, p.y + t0 * dy), t1 == 1 ? q : (p.x + t1 * dx, p.y + t1 * dy))
        }
    }

    /// Returns round values inside the range to put ticks at: multiples of 1, 2 or 5 times a
    /// power of ten, three to eight of them.
    public static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [range.lowerBound] }
        let exponent = floor(log10(span / 4))
        let multiple = [1.0, 2, 5, 10].first { span / ($0 * pow(10, exponent)) <= 7 } ?? 10
        let step = multiple * pow(10, exponent)
        // Dividing by a power of ten, not multiplying by its inverse, gives 0.6 rather than 0.6000000000000001.
        let tick = { (k: Double) in exponent < 0 ? k * multiple / pow(10, -exponent) : k * step }
        let first = (range.lowerBound / step).rounded(.up)
        return stride(from: first, through: range.upperBound / step + 1e-9, by: 1).map(tick)
    }
}
