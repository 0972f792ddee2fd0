import Testing
import CourseKit
@testable import XOR

@Suite struct GoodfellowNetworkTests {
    // Every intermediate matrix of the worked example: XW, XW + c, max{0, XW + c}, output.
    @Test func reproducesGoodfellowXORSolution() {
        let (w, c, wOut, b) = xorWeights()
        #expect(w == Matrix([[1, 1], [1, 1]]) && c == Matrix(column: [0, -1]) && wOut == Matrix(column: [1, -2]) && b == 0)
        let steps = goodfellowSteps(rows: xorInputRows, weights: w, bias: c, outputWeights: wOut, outputBias: b)
        let expected = [
            ("XW", steps.product, Matrix([[0, 0], [1, 1], [1, 1], [2, 2]])),
            ("XW + c", steps.shifted, Matrix([[0, -1], [1, 0], [1, 0], [2, 1]])),
            ("max{0, XW + c}", steps.hidden, Matrix([[0, 0], [1, 0], [1, 0], [2, 1]])),
            ("output", steps.output, Matrix(column: [0, 1, 1, 0])),
        ]
        for (name, observed, wanted) in expected {
            #expect(observed == wanted, "\(name): expected\n\(wanted)\nobserved\n\(observed)")
        }
    }

    // The column form wᵀ max{0, Wᵀx + c} + b equals the rows form, for a non-symmetric W with
    // three hidden units.
    @Test func columnFormEqualsRowsForm() {
        let w = Matrix([[0.8, -1.2, 0.3], [0.4, 0.9, -0.7]]), c = Matrix(column: [0.1, -0.3, 0.5])
        let wOut = Matrix(column: [1.5, -0.6, 0.9])
        let rows = Matrix([[0.5, 1.25], [-1.5, 0.75], [2, -0.5], [120, -80], [-250, 310]])
        let columns = xorNetwork(inputs: rows.transposed, weights: w, bias: c, outputWeights: wOut, outputBias: -0.2)
        let fromRows = goodfellowSteps(rows: rows, weights: w, bias: c, outputWeights: wOut, outputBias: -0.2).output
        #expect(columns.rows == 1 && columns.columns == 5)
        for n in 0..<5 {
            #expect(abs(columns[0, n] - fromRows[n, 0]) < 1e-9, "input \(n): columns \(columns[0, n]), rows \(fromRows[n, 0])")
        }
    }

    // In the hidden space the classes are separated by a line: wᵀh + b > ½ exactly for XOR = 1.
    @Test func representationSpaceIsLinearlySeparable() {
        let (w, c, wOut, b) = xorWeights()
        let h = goodfellowSteps(rows: xorInputRows, weights: w, bias: c, outputWeights: wOut, outputBias: b).hidden
        let scores = (0..<4).map { n in wOut[0, 0] * h[n, 0] + wOut[1, 0] * h[n, 1] + b }
        #expect(correctCount(scores) == 4, "scores \(scores)")
        #expect(h.row(1) == h.row(2), "(0,1) and (1,0) share one hidden point")
    }

    // Solutions are not unique: rescaled, swapped and |x₁ − x₂| networks all compute XOR.
    @Test func otherWeightSetsAlsoSolveXOR() {
        let (w, c, wOut, b) = xorWeights()
        let sets: [(Matrix, Matrix, Matrix, Double)] = [
            (2 * w, 2 * c, 0.5 * wOut, b),
            (Matrix([[1, -1], [-1, 1]]), Matrix(column: [0, 0]), Matrix(column: [1, 1]), 0),
            (Matrix([[1, 1], [1, 1]]), Matrix(column: [-1, 0]), Matrix(column: [-2, 1]), 0),
        ]
        for (w, c, wOut, b) in sets {
            let f = xorNetwork(inputs: xorInputColumns, weights: w, bias: c, outputWeights: wOut, outputBias: b)
            #expect(f.row(0) == xorTargets, "outputs \(f.row(0))")
        }
    }
}
