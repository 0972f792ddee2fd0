import CourseKit

/// Lesson 3, shown live: XOR, why no line separates it, a hand-made network that computes it,
/// and how often gradient descent finds one.
public enum Lesson3: LiveLesson {
    /// The lesson's number.
    public static let number = 3
    /// The lesson's title, as in `lessons/lesson3-xor.md`.
    public static let title = "XOR"

    /// Runs every section of the lesson in the order of its text.
    public static func run(on console: LessonConsole) {
        console.title(self)
        showTruthTable(on: console)
        showNoLine(on: console)
        showHandMadeSolution(on: console)
        showRepresentationSpace(on: console)
        showOtherSolutions(on: console)
        showSigmoidTraining(on: console)
        showManyStarts(on: console)
    }

    static func showTruthTable(on console: LessonConsole) {
        console.heading("1. The XOR function")
        var table = TextTable(header: ["x₁", "x₂", "XOR", "AND"])
        for n in 0..<4 {
            table.append(xorInputRows.row(n).map { formatNumber($0) } + [formatNumber(xorTargets[n]), formatNumber(andTargets[n])])
        }
        console.block(table)
        console.text("XOR is 1 when exactly one input is 1. One of the lecture documents prints the AND column "
                     + "under the title XOR; AND is linearly separable, XOR is not.")
    }

    static func showNoLine(on console: LessonConsole) {
        console.heading("2. No line separates XOR")
        console.text("A line classifies x as 1 when w₁x₁ + w₂x₂ + b > 0. For XOR it would need")
        console.text("  b ≤ 0,   w₂ + b > 0,   w₁ + b > 0,   w₁ + w₂ + b ≤ 0.")
        console.text("The middle two give w₁ + w₂ + 2b > 0, so w₁ + w₂ + b > −b ≥ 0: a contradiction (Minsky and Papert 1969).")
        console.text()
        console.text("Best score of any line on a grid of w₁, w₂, b in [−2, 2] (step 0.25):")
        var scores = TextTable(header: ["function", "targets", "best line"])
        for (name, targets) in [("AND", andTargets), ("OR", [0.0, 1, 1, 1]), ("XOR", xorTargets)] {
            scores.append([name, targets.map { formatNumber($0) }.joined(separator: " "), "\(bestLinearScore(targets: targets))/4"])
        }
        console.block(scores)
        console.text()
        console.text("Rosenblatt's perceptron rule, mistakes per epoch over the four inputs:")
        var mistakes = TextTable(header: ["function"] + (1...10).map { "e\($0)" })
        for (name, targets) in [("AND", andTargets), ("XOR", xorTargets)] {
            mistakes.append([name] + perceptronMistakes(targets: targets, epochs: 10).map(String.init))
        }
        console.block(mistakes)
        console.text("On AND it stops making mistakes; on XOR it never does.")
        console.text()
        let points = (0..<4).map { n in
            TerminalPlot.Point(x: xorInputRows[n, 0], y: xorInputRows[n, 1], mark: xorTargets[n] == 1 ? "x" : "o")
        }
        console.text("The four inputs (x: XOR = 1, o: XOR = 0): the x's sit on one diagonal, the o's on the other.")
        console.block(TerminalPlot.scatter(points, xRange: -0.5...1.5, yRange: -0.5...1.5, width: 32, height: 10))
        console.figure("xor-inputs") {
            SVGPlot.scatter(xorPoints(xorInputRows), xRange: -0.5...1.5, yRange: -0.5...1.5,
                            title: "XOR: the 1s on one diagonal, the 0s on the other", groupNames: classNames)
        }
    }

    static func showHandMadeSolution(on console: LessonConsole) {
        console.heading("3. A hand-made solution")
        console.text("Goodfellow et al.: f(x) = wᵀ max{0, Wᵀx + c} + b with")
        let (w, c, wOut, b) = xorWeights()
        console.text("W =")
        console.block(w)
        console.text("c = \(listText(c.column(0))),  w = \(listText(wOut.column(0))),  b = \(formatNumber(b))")
        let steps = goodfellowSteps(rows: xorInputRows, weights: w, bias: c, outputWeights: wOut, outputBias: b)
        for (name, matrix) in [("X, one input per row", xorInputRows), ("XW", steps.product), ("XW + c", steps.shifted),
                               ("max{0, XW + c}", steps.hidden), ("max{0, XW + c} w + b", steps.output)] {
            console.text(name + ":")
            console.block(matrix)
        }
        let columns = xorNetwork(inputs: xorInputColumns, weights: w, bias: c, outputWeights: wOut, outputBias: b)
        console.text("The column form wᵀ max{0, Wᵀx + c} + b on the columns of Xᵀ gives the same \(listText(columns.row(0))).")
    }

    static func showRepresentationSpace(on console: LessonConsole) {
        console.heading("4. The new representation space")
        let (w, c, wOut, b) = xorWeights()
        let hidden = goodfellowSteps(rows: xorInputRows, weights: w, bias: c, outputWeights: wOut, outputBias: b).hidden
        var table = TextTable(header: ["x", "h = max{0, Wᵀx + c}", "XOR"])
        for n in 0..<4 {
            table.append(["(\(formatNumber(xorInputRows[n, 0])), \(formatNumber(xorInputRows[n, 1])))",
                          "(\(formatNumber(hidden[n, 0])), \(formatNumber(hidden[n, 1])))", formatNumber(xorTargets[n])])
        }
        console.block(table)
        console.text("(0,1) and (1,0) both land on h = (1, 0). In h-space the line h₁ − 2h₂ = ½ separates the classes; "
                     + "shaded: where the output wᵀh + b = h₁ − 2h₂ is above ½.")
        let points = (0..<4).map { n in
            TerminalPlot.Point(x: hidden[n, 0], y: hidden[n, 1], mark: xorTargets[n] == 1 ? "x" : "o")
        }
        console.block(TerminalPlot.scatter(points, region: { h1, h2 in wOut[0, 0] * h1 + wOut[1, 0] * h2 + b - 0.5 },
                                           xRange: -0.5...2.5, yRange: -0.5...1.5, width: 40, height: 12))
        console.figure("representation-space") {
            representationFigure(hidden: hidden, outputWeights: wOut, outputBias: b)
        }
    }

    static func showOtherSolutions(on console: LessonConsole) {
        console.heading("5. Solutions are not unique")
        let (w, c, wOut, b) = xorWeights()
        let solutions: [(String, Matrix, Matrix, Matrix, Double)] = [
            ("Goodfellow et al.", w, c, wOut, b),
            ("units doubled, output halved", 2 * w, 2 * c, 0.5 * wOut, b),
            ("|x₁ − x₂| = a[x₁ − x₂] + a[x₂ − x₁]", Matrix([[1, -1], [-1, 1]]), Matrix(column: [0, 0]), Matrix(column: [1, 1]), 0),
            ("units swapped", Matrix([[1, 1], [1, 1]]), Matrix(column: [-1, 0]), Matrix(column: [-2, 1]), 0),
        ]
        var table = TextTable(header: ["weights", "f(0,0)", "f(0,1)", "f(1,0)", "f(1,1)"])
        for (name, w, c, wOut, b) in solutions {
            let f = xorNetwork(inputs: xorInputColumns, weights: w, bias: c, outputWeights: wOut, outputBias: b)
            table.append([name] + f.row(0).map { formatNumber($0) })
        }
        console.block(table)
        console.text("Nine parameters and four equations: a whole family of solutions, and training may find any of them.")
    }

    /// Writes numbers as a bracketed list, `[0, −1]`.
    static func listText(_ values: [Double]) -> String {
        "[" + values.map { formatNumber($0) }.joined(separator: ", ") + "]"
    }
}
