import Answers
import CourseKit
import ShallowNetworks

extension Catalogue {
    /// Exercise 4: Zaslavsky's region count and the regions a 2-input ReLU layer shows on a
    /// grid (lesson 2, section 3).
    static let exercise4 = Exercise(
        number: 4, title: "Counting linear regions", lesson: 2,
        functions: [
            "func zaslavskyCount(hyperplanes: Int, dimensions: Int) -> Int",
            "func regionCount(theta0: Matrix, theta: Matrix, radius: Double, gridSize: Int) -> Int",
        ],
        hints: [
            "Section 3 of lessons/lesson2-shallow-networks.md: N = C(D, 0) + C(D, 1) + … + C(D, D_i), j running from 0 to D_i inclusive, with C(D, j) = 0 when j > D. Three lines in the plane: 1 + 3 + 3 = 7.",
            "Do not compute factorials: 21! already overflows an Int, and a Double rounds every integer above 2⁵³ ≈ 9 × 10¹⁵. Build the binomial step by step in integers: C(n, 0) = 1 and C(n, j) = C(n, j − 1) · (n − j + 1) / j, which is exact at every step.",
            "Near D = 62 even c · (n − j + 1) overflows before the division by j. Divide first: with g = gcd(c, j), c · (n − j + 1) / j = (c / g) · ((n − j + 1) / (j / g)), and j / g divides n − j + 1 exactly. Or multiply in 128 bits: UInt64(j).dividingFullWidth(c.multipliedFullWidth(by: UInt64(n - j + 1))).quotient.",
            "regionCount: for every point (x₁, x₂) of the grid, the pattern is [θ₀[d] + Θ[d, 0] x₁ + Θ[d, 1] x₂ > 0 for d in 0..<theta.rows]. Insert the patterns into a Set<[Bool]> and return its count. Strictly > 0: a point exactly on a line counts its unit as inactive. With no units every point has the empty pattern: 1 region.",
        ],
        checks: [
            Check("zaslavskyCount gives the lesson's 2, 4, 8 and 7", points: 3,
                  hints: ["The sum runs over j = 0, 1, …, dimensions, both ends included, of C(hyperplanes, j). Check yourself by hand: 3 lines in the plane give C(3, 0) + C(3, 1) + C(3, 2) = 1 + 3 + 3 = 7."]) { t in
                for (hyperplanes, dimensions) in [(1, 1), (2, 2), (3, 3), (3, 2)] {
                    try expectZaslavsky(t, hyperplanes, dimensions)
                }
            },
            Check("regionCount sees the lesson's 4 and 7 regions on a 20 × 20 grid", points: 3,
                  hints: ["A region is an activation pattern: for a grid point, the list of which units have z_d > 0. Go through the gridSize × gridSize points, with both ends of [−radius, radius] among the coordinates, and count the distinct lists."]) { t in
                try expectRegions(t, Layer(theta0: [0.1, -0.2], theta: [[1, 0], [0, 1]], radius: 1, gridSize: 20), "two lines")
                try expectRegions(t, Layer(theta0: [0.1, -0.2, -0.5], theta: [[1, 0], [0, 1], [1, 1]], radius: 1, gridSize: 20),
                                  "three lines")
            },
            Check("regionCount for five lines, for one line inside and one on the edge, and for no units", points: 3,
                  hints: ["Strictly > 0: a point exactly on a line leaves its unit inactive. A network without units still has one region, the whole plane, whose pattern is the empty list."]) { t in
                try expectRegions(t, fiveLines, "five lines")
                try expectRegions(t, Layer(theta0: [0.3], theta: [[-1, 2]], radius: 3, gridSize: 7), "one line")
                try expectRegions(t, Layer(theta0: [1], theta: [[1, 0]], radius: 1, gridSize: 4), "the line x₁ = −1 along the grid's edge")
                try expectRegions(t, Layer(theta0: [], theta: [], radius: 1, gridSize: 3), "no units")
            },
            Check("zaslavskyCount with more dimensions than hyperplanes, and with none", points: 1) { t in
                for (hyperplanes, dimensions) in [(10, 3), (0, 2), (2, 5)] {
                    try expectZaslavsky(t, hyperplanes, dimensions)
                }
            },
            Check("zaslavskyCount up to the edge of 64 bits, exactly", points: 2) { t in
                for (hyperplanes, dimensions) in [(60, 30), (62, 31), (64, 10), (61, 62)] {
                    try expectZaslavsky(t, hyperplanes, dimensions)
                }
            },
            Check("regionCount visits the grid's last row and column, and a 2 × 2 grid", points: 2) { t in
                try expectRegions(t, Layer(theta0: [-0.9, -0.9], theta: [[1, 0], [0, 1]], radius: 1, gridSize: 4),
                                  "two units active only on the last row and the last column")
                try expectRegions(t, Layer(theta0: [-0.5], theta: [[1, 1]], radius: 1, gridSize: 2), "one unit on a 2 × 2 grid")
            },
            Check("zaslavskyCount agrees with the reference on 300 seeded counts up to 62 hyperplanes", points: 1) { t in
                let space = InputSpace<Pair>(
                    edges: [Pair(0, 0), Pair(0, 3), Pair(1, 0), Pair(1, 1), Pair(5, 5), Pair(4, 9), Pair(62, 31), Pair(62, 62)],
                    generate: { random in Pair(random.integer(in: 0...62), random.integer(in: 0...70)) },
                    shrink: { p in
                        InputSpace<Pair>.smallerIntegers(than: p.hyperplanes, lowest: 0).map { Pair($0, p.dimensions) }
                            + InputSpace<Pair>.smallerIntegers(than: p.dimensions, lowest: 0).map { Pair(p.hyperplanes, $0) }
                    },
                    describe: { p in "zaslavskyCount(hyperplanes: \(p.hyperplanes), dimensions: \(p.dimensions))" })
                try t.expectAgreement("zaslavskyCount", on: space, count: 300, seed: 4_001,
                                      student: { p in try t.integer("zaslavskyCount", p.hyperplanes, p.dimensions) },
                                      reference: { p in ShallowNetworks.zaslavskyCount(hyperplanes: p.hyperplanes, dimensions: p.dimensions) },
                                      agree: ==, show: { "\($0)" })
            },
            Check("regionCount agrees with the reference on 80 seeded layers, with lines through grid points", points: 1) { t in
                try t.expectAgreement("regionCount", on: layerSpace, count: 80, seed: 4_002,
                                      student: { l in try t.integer("regionCount", l.theta0, l.theta, l.radius, l.gridSize) },
                                      reference: { l in ShallowNetworks.regionCount(theta0: l.theta0, theta: l.theta, radius: l.radius, gridSize: l.gridSize) },
                                      agree: ==, show: { "\($0)" })
            },
            // hidden checks: begin (removed by `course export`)
            Check("zaslavskyCount on other counts, near and at the edge of 64 bits", points: 2, visibility: .hidden) { t in
                for (hyperplanes, dimensions) in [(7, 2), (0, 0), (3, 9), (62, 20), (63, 31), (58, 29)] {
                    try expectZaslavsky(t, hyperplanes, dimensions)
                }
            },
            Check("regionCount on a strip whose edges are grid points", points: 2, visibility: .hidden) { t in
                try expectRegions(t, Layer(theta0: [0, 0.5], theta: [[1, 0], [-1, 0]], radius: 1, gridSize: 5),
                                  "the strip 0 < x₁ < ½")
                try expectRegions(t, Layer(theta0: [-1.4], theta: [[0.5, 1]], radius: 1, gridSize: 5),
                                  "a unit active only in the last corner")
            },
            // hidden checks: end
        ])

    // MARK: Zaslavsky's count

    /// A number of hyperplanes and of dimensions.
    private struct Pair: Sendable {
        var hyperplanes: Int, dimensions: Int
        init(_ hyperplanes: Int, _ dimensions: Int) {
            self.hyperplanes = hyperplanes
            self.dimensions = dimensions
        }
    }

    /// Σ_{j=0}^{last} C(D, j), wrapping around instead of stopping on an overflow.
    private static func binomialSum(_ hyperplanes: Int, through last: Int) -> Int {
        AnswerKeys.answer("Grader.Catalogue.binomialSum", [hyperplanes, last]) {
            // answer: exercise4 begin
            guard last >= 0 else { return 0 }
            return (0...last).reduce(0) { $0 &+ ShallowNetworks.binomial(hyperplanes, $1) }
            // answer: exercise4 end
        }
    }

    private static func expectZaslavsky(_ t: CheckContext, _ hyperplanes: Int, _ dimensions: Int) throws {
        let expected = ShallowNetworks.zaslavskyCount(hyperplanes: hyperplanes, dimensions: dimensions)
        let what = "zaslavskyCount(hyperplanes: \(hyperplanes), dimensions: \(dimensions))"
        guard let observed = try t.whenCrashing(what, advise: { message in
            if let message, message.contains("Range") || message.contains("range") {
                // A sum that starts at j = 1 also gives one less on a case that does not crash.
                let startsAtOne = (try? t.integer("zaslavskyCount", 3, 2)) == 6
                return "Swift stops on a range a...b whose end is below its start. "
                    + (startsAtOne
                       ? "Your sum starts at j = 1 (zaslavskyCount(3, 2) gives 6, not 7): yours leaves out the first term, C(D, 0) = 1, and with \(hyperplanes) hyperplanes 1...\(min(dimensions, hyperplanes)) runs backwards."
                       : "The sum runs over j = 0 … min(D_i, D), because C(D, j) = 0 when j > D; that range always holds j = 0, and the binomial's own loop must not run backwards either.")
            }
            return (message == nil ? "A crash without a message is how Swift stops an integer overflow: " : "")
                + "C(\(hyperplanes), j) fits in 64 bits, but a factorial or a product c · (n − j + 1) taken before "
                + "the division does not. Divide before you multiply, or multiply in 128 bits."
        }, { try t.integer("zaslavskyCount", hyperplanes, dimensions) }) else { return }
        let known = distinctMistakes([
            ("An off-by-one in the sum: j runs from 0 to D_i inclusive, and yours leaves out the last term.",
             binomialSum(hyperplanes, through: min(dimensions, hyperplanes) - 1)),
            ("An off-by-one in the sum: j runs from 0 to D_i inclusive, and yours leaves out the first term, C(D, 0) = 1.",
             binomialSum(hyperplanes, through: min(dimensions, hyperplanes)) - 1),
            ("An off-by-one in the sum: j runs from 0 to D_i inclusive, and yours adds one term too many, C(D, D_i + 1).",
             binomialSum(hyperplanes, through: min(dimensions + 1, hyperplanes))),
            ("That is 2^D, every activation pattern; it is the count only when D ≤ D_i.",
             hyperplanes < Int.bitWidth - 1 ? 1 << hyperplanes : 0),
        ] + (observed < 0 ? [("It is negative: an integer overflow wrapped around.", observed)] : []), unless: expected)
        if observed != expected, observed > 0, !known.contains(where: { $0.1 == observed }),
           abs(Double(observed) - Double(expected)) <= 1e-12 * Double(expected) {
            return t.expect(false, "\(what): expected \(expected), got \(observed), off by \(observed - expected). "
                            + "A binomial was rounded: a Double has a 53-bit mantissa and cannot hold C(\(hyperplanes), j) "
                            + "exactly; compute it in integers.")
        }
        t.expect(observed, equals: expected, what, mistakes: known)
    }

    // MARK: Regions on a grid

    private struct Layer: Sendable {
        var theta0: Matrix, theta: Matrix, radius: Double, gridSize: Int

        init(theta0: [Double], theta: [[Double]], radius: Double, gridSize: Int) {
            self.theta0 = Matrix(rows: theta0.count, columns: 1, scalars: theta0)
            self.theta = Matrix(rows: theta.count, columns: 2, scalars: theta.flatMap { $0 })
            self.radius = radius
            self.gridSize = gridSize
        }

        var description: String {
            "theta0 \(theta0.rows)×1, theta \(theta.rows)×2, radius: \(formatNumber(radius)), gridSize: \(gridSize)"
        }

        /// The activation patterns of every grid point, with `active` deciding from z.
        func patterns(grid: [Double], active: (Double) -> Bool) -> [[Bool]] {
            grid.flatMap { x1 in
                grid.map { x2 in
                    (0..<theta.rows).map { d in active(theta0[d, 0] + theta[d, 0] * x1 + theta[d, 1] * x2) }
                }
            }
        }
    }

    /// Layers of 0 to 5 units with coefficients in quarters, on grids of 2 to 9 points a side
    /// over [−1, 1] or [−2, 2], so that lines pass through grid points and along its edges;
    /// shrunk by dropping a unit, taking a smaller grid, or making the numbers whole.
    private static let layerSpace = InputSpace<Layer>(
        edges: [Layer(theta0: [], theta: [], radius: 1, gridSize: 2), Layer(theta0: [-1], theta: [[1, 0]], radius: 1, gridSize: 2),
                Layer(theta0: [1], theta: [[1, 0]], radius: 1, gridSize: 3)],
        generate: { random in
            let units = random.integer(in: 0...5)
            let quarter = { (random: inout SeededGenerator) in Double(random.integer(in: -8...8)) / 4 }
            return Layer(theta0: (0..<units).map { _ in quarter(&random) },
                         theta: (0..<units).map { _ in [quarter(&random), quarter(&random)] },
                         radius: random.integer(below: 2) == 0 ? 1 : 2, gridSize: random.integer(in: 2...9))
        },
        shrink: { l in
            var smaller: [Layer] = []
            let rows = (0..<l.theta.rows).map { [l.theta[$0, 0], l.theta[$0, 1]] }
            for d in 0..<l.theta.rows {
                var theta0 = l.theta0.scalars, theta = rows
                theta0.remove(at: d)
                theta.remove(at: d)
                smaller.append(Layer(theta0: theta0, theta: theta, radius: l.radius, gridSize: l.gridSize))
            }
            for size in InputSpace<Layer>.smallerIntegers(than: l.gridSize, lowest: 2) {
                smaller.append(Layer(theta0: l.theta0.scalars, theta: rows, radius: l.radius, gridSize: size))
            }
            let whole = { (v: Double) in v.rounded(.towardZero) }
            if l.theta0.scalars.contains(where: { $0 != whole($0) }) || rows.joined().contains(where: { $0 != whole($0) }) {
                smaller.append(Layer(theta0: l.theta0.scalars.map(whole), theta: rows.map { $0.map(whole) }, radius: l.radius, gridSize: l.gridSize))
            }
            return smaller
        },
        describe: { l in
            "regionCount(theta0: \(swiftText(l.theta0)), theta: \(swiftText(l.theta)), radius: \(swiftText(l.radius)), gridSize: \(l.gridSize))"
        })

    /// Five lines with dyadic coefficients on a dyadic grid (step 1/8): the pre-activations are
    /// exact, and some grid points lie exactly on a line.
    private static let fiveLines = Layer(theta0: [0.5, -1, 0.25, 1.5, -0.75],
                                         theta: [[1, -2], [0.5, 1], [-1.5, -0.25], [2, 0.75], [-0.5, 1.25]],
                                         radius: 2, gridSize: 33)

    private static func expectRegions(_ t: CheckContext, _ layer: Layer, _ name: String) throws {
        let expected = ShallowNetworks.regionCount(theta0: layer.theta0, theta: layer.theta, radius: layer.radius,
                                                   gridSize: layer.gridSize)
        let grid = ShallowNetworks.gridCoordinates(radius: layer.radius, gridSize: layer.gridSize)
        let strict = layer.patterns(grid: grid) { $0 > 0 }
        let crossing = (0..<layer.theta.rows).filter { d in Set(strict.map { $0[d] }).count == 2 }.count
        let openGrid = (0..<layer.gridSize).map { k in -layer.radius + 2 * layer.radius * Double(k) / Double(layer.gridSize) }
        t.expect(try t.integer("regionCount", layer.theta0, layer.theta, layer.radius, layer.gridSize), equals: expected,
                 "regionCount for \(name) (\(layer.description))", mistakes: distinctMistakes([
                    ("This is the count with z ≥ 0 as active, but z = 0 counts as inactive: a unit is active only when z > 0, so grid points exactly on a line join the inactive side.",
                     Set(layer.patterns(grid: grid) { $0 >= 0 }).count),
                    ("That is the number of lines crossing the square plus one, the count on a line (1D). In the plane lines cross each other and make more regions: count the distinct activation patterns.",
                     crossing + 1),
                    ("The grid misses its last point: c_k = −r + 2r·k/(gridSize − 1), so that k = gridSize − 1 gives +r.",
                     Set(layer.patterns(grid: openGrid) { $0 > 0 }).count),
                 ], unless: expected))
    }
}
