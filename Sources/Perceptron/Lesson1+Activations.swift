import CourseKit

extension Lesson1 {
    // MARK: 4. Activation functions

    static func showActivationTable(on console: LessonConsole) {
        console.heading("4. Activation functions and their derivatives")
        let rows = ActivationFunction.table + [ActivationFunction.gelu]
        var definitions = TextTable(header: ["g", "g(x)", "g′(x)"])
        for row in rows { definitions.append([row.name, row.definition, row.derivativeFormula]) }
        console.text("""
            The classic table (leaky ReLU with a = \(format(ActivationFunction.leakySlope)), \
            ELU with α = \(format(ActivationFunction.eluAlpha))), and GELU, the activation of \
            BERT and GPT-2; Φ and φ are the standard normal distribution and density.
            """)
        console.text()
        console.block(definitions)
        let points = ActivationFunction.checkPoints
        var checks = TextTable(header: ["g", "range", "smoothness", "max relative error of g′"])
        for row in rows {
            checks.append([row.name, row.range, row.smoothness, format(row.maxRelativeError(), digits: 2)])
        }
        console.text()
        console.text("""
            Each g′ against central differences (g(x + h) − g(x − h))/2h, h = 10⁻⁵, \
            at x = \(vector(points)):
            """)
        console.text()
        console.block(checks)
        let ratios = wrongTanhDerivativeRatios(at: points)
        console.text("""
            A wrong formula shows at once: 1 − tanh x in place of 1 − tanh²x gives between \
            \(format(ratios.min()!, digits: 2)) and \(format(ratios.max()!, digits: 1)) times the true slope \
            at these points (\(format(ratios[0], digits: 1)) times at x = \(format(points[0]))).
            """)
        console.text()
        let z = [1.0, 2.0, 0.5]
        let s = softmax(z)
        let softmaxCheck = checkSoftmaxJacobian(at: z)
        console.text("""
            Softmax maps C scores to C probabilities, sᵢ = e^(zᵢ) / Σₖ e^(zₖ), range (0, 1), C^∞.
            For z = \(vector(z)): s = \(vector(s)), Σ s = \(format(s.reduce(0, +))).
            Its derivative is a matrix, ∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ), each column summing to 0:
            """)
        console.block(softmaxJacobian(z))
        console.text("Checked against central differences: max relative error \(format(softmaxCheck.maxRelativeError, digits: 2)).")
        console.text()
        let curves: [(String, Character, (Double) -> Double)] = [
            ("sigmoid", "s", sigmoid), ("tanh", "t", { tanh($0) }), ("softplus", "p", softplus),
            ("GELU", "g", gelu), ("ReLU", "r", relu),
        ]
        let xs = stride(from: -3.0, through: 3.0, by: 0.125).map { $0 }
        console.block(TerminalPlot.lines(curves.map { name, mark, g in
            TerminalPlot.Series(name: name, mark: mark, points: xs.map { ($0, g($0)) })
        }, height: 14, yRange: -1.1...3.1))
        console.figure("activation-functions") { activationsFigure() }
    }

    // MARK: 5. The sigmoid

    static func showSigmoid(on console: LessonConsole) {
        console.heading("5. The sigmoid and its derivative")
        console.text("""
            σ(0) = \(format(sigmoid(0))) and σ′(0) = \(format(sigmoidDerivative(0))), the steepest slope of σ.
            Why σ′ = σ(1 − σ):
              σ(x)  = (1 + e^(−x))^(−1)
              σ′(x) = −(1 + e^(−x))^(−2) · (−e^(−x))        chain rule
                    = 1/(1 + e^(−x)) · e^(−x)/(1 + e^(−x))
                    = σ(x) · (1 − σ(x))                     since e^(−x)/(1 + e^(−x)) = 1 − σ(x)
            """)
        var table = TextTable(header: ["x", "σ(x)", "σ(x)(1 − σ(x))", "e^(−x)/(1 + e^(−x))²", "central difference"])
        let h = 1e-5
        for x in [-4.0, -2, 0, 2, 4] {
            let central = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
            table.append([format(x), format(sigmoid(x), digits: 6), format(sigmoidDerivative(x), digits: 6),
                          format(exp(-x) / ((1 + exp(-x)) * (1 + exp(-x))), digits: 6), format(central, digits: 6)])
        }
        console.text()
        console.block(table)
        console.text()
        console.text("σ(−x) = 1 − σ(x), so σ′ is even: σ′(−2) = σ′(2) = \(format(sigmoidDerivative(2), digits: 6)).")
    }

    /// Returns, at each point, how many times the true slope of tanh the wrong formula
    /// 1 − tanh x gives: (1 − tanh x)/(1 − tanh²x) = 1/(1 + tanh x).
    static func wrongTanhDerivativeRatios(at points: [Double]) -> [Double] {
        points.map { x in (1 - tanh(x)) / (1 - tanh(x) * tanh(x)) }
    }
}
