import CourseKit

extension Lesson2 {
    static func showRegionCounts(on console: LessonConsole) {
        console.heading("3. Counting linear regions")
        console.text("Zaslavsky (1975): D hyperplanes in general position cut R^{D_i} into Σ_{j=0}^{D_i} C(D, j) regions.")
        console.text("Counted on real networks: distinct activation patterns on a 20^{D_i} grid over [−1, 1]^{D_i}.")
        var table = TextTable(header: ["case", "D_i", "D", "Zaslavsky", "grid count"])
        for (name, theta0, theta) in documentedCases {
            table.append([name, "\(theta.columns)", "\(theta.rows)",
                          "\(zaslavskyCount(hyperplanes: theta.rows, dimensions: theta.columns))",
                          "\(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 20))"])
        }
        console.block(table)
        let (_, theta0, theta) = documentedCases[3]
        console.figure("linear-regions") {
            regionsFigure(theta0: theta0, theta: theta, title: "Three lines in the plane: 7 linear regions", labelled: true)
        }
        console.text()
        console.text("Random 2-input networks (lines through points of [−0.8, 0.8]², seed 7): the whole plane, "
                     + "counted exactly around every crossing, against what a 41 × 41 grid over [−1, 1]² sees:")
        var random = SeededGenerator(seed: 7)
        var counts = TextTable(header: ["D", "Zaslavsky", "plane (crossings)", "grid on [−1, 1]²"])
        for hidden in 1...8 {
            let (theta0, theta) = randomLines(count: hidden, using: &random)
            counts.append(["\(hidden)", "\(zaslavskyCount(hyperplanes: hidden, dimensions: 2))",
                           "\(arrangementRegionCount(theta0: theta0, theta: theta))",
                           "\(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 41))"])
            if hidden == 8 {
                console.figure("linear-regions-random") {
                    let title = "8 random lines: \(arrangementRegionCount(theta0: theta0, theta: theta)) regions in the plane, "
                        + "\(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 41)) in the square"
                    return regionsFigure(theta0: theta0, theta: theta, title: title, labelled: false)
                }
            }
        }
        console.block(counts)
        console.text("Crossings outside the square make regions that the square does not see.")
        console.text()
        console.text("Between 2^{D_i} and 2^D (for D ≥ D_i):")
        var bounds = TextTable(header: ["D_i", "D", "2^{D_i}", "regions", "2^D"])
        for (inputs, hidden) in [(1, 3), (2, 3), (2, 10), (3, 10), (10, 20), (10, 40)] {
            bounds.append(["\(inputs)", "\(hidden)", formatCount(1 << inputs),
                           formatCount(zaslavskyCount(hyperplanes: hidden, dimensions: inputs)), formatCount(1 << hidden)])
        }
        console.block(bounds)
    }

    static func showLargeNetwork(on console: LessonConsole) {
        console.heading("4. A network with 100 inputs and 500 hidden units")
        let regions = exactZaslavskyCount(hyperplanes: 500, dimensions: 100)
        console.text("Parameters: 500 · (100 + 1) + 1 · (500 + 1) = \(formatCount(parameterCount(inputs: 100, hidden: 500, outputs: 1)))")
        console.text("Linear regions of its hidden layer, at most Σ_{j=0}^{100} C(500, j), exactly:")
        console.text("  " + groupDigits(regions.description))
        console.text("  (\(regions.digitCount) digits, about \(formatNumber(regions.doubleValue, digits: 3)))")
        let lower = BigUnsigned.power(2, 100), upper = BigUnsigned.power(2, 500)
        console.text("2^100 ≈ \(formatNumber(lower.doubleValue, digits: 3)) < regions < 2^500 ≈ \(formatNumber(upper.doubleValue, digits: 3)): "
                     + (lower < regions && regions < upper ? "yes" : "no"))
        console.text("It does not fit in 64 bits (about 1.8e19), so the count uses a big unsigned integer.")
    }

    /// The documents' four examples: one joint in 1D, two lines in 2D, three planes in 3D and
    /// three lines in 2D, placed so that every crossing lies inside [−1, 1]^{D_i}.
    static let documentedCases: [(String, Matrix, Matrix)] = [
        ("1 unit, 1D", Matrix(column: [-0.3]), Matrix([[1]])),
        ("2 lines, 2D", Matrix(column: [0.1, -0.2]), Matrix([[1, 0], [0, 1]])),
        ("3 planes, 3D", Matrix(column: [0.1, -0.2, 0.3]), Matrix.identity(3)),
        ("3 lines, 2D", Matrix(column: [0.1, -0.2, -0.5]), Matrix([[1, 0], [0, 1], [1, 1]])),
    ]

    /// Returns the parameters of `count` lines, each through a random point of [−0.8, 0.8]²
    /// with a random unit normal.
    static func randomLines(count: Int, using random: inout SeededGenerator) -> (theta0: Matrix, theta: Matrix) {
        var theta0: [Double] = [], theta: [[Double]] = []
        for _ in 0..<count {
            let angle = random.uniform(in: 0...(2 * Double.pi))
            let normal = [cos(angle), sin(angle)]
            let point = random.array(count: 2, in: -0.8...0.8)
            theta.append(normal)
            theta0.append(-dot(normal, point))
        }
        return (Matrix(column: theta0), Matrix(theta))
    }
}
