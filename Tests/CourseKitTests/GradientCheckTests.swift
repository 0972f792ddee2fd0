import Testing
import CourseKit

@Suite struct GradientCheckTests {
    let checker = GradientCheck()

    // f(x, y) = x²y + sin y has gradient (2xy, x² + cos y).
    @Test func acceptsTheRightGradient() {
        let f: ([Double]) -> Double = { $0[0] * $0[0] * $0[1] + sin($0[1]) }
        let x = [1.3, -0.7]
        let result = checker.check(analytic: [2 * x[0] * x[1], x[0] * x[0] + cos(x[1])], of: f, at: x)
        #expect(result.passed)
        #expect(result.maxRelativeError < 1e-8, "max relative error \(result.maxRelativeError)")
    }

    @Test func rejectsAWrongEntryAndNamesIt() {
        let f: ([Double]) -> Double = { $0[0] * $0[0] * $0[1] + sin($0[1]) }
        let x = [1.3, -0.7]
        let result = checker.check(analytic: [2 * x[0] * x[1], x[0] * x[0]], of: f, at: x)
        #expect(!result.passed)
        #expect(result.failures.map(\.index) == [1])
        #expect(abs(result.failures[0].numeric - (x[0] * x[0] + cos(x[1]))) < 1e-8)
    }

    @Test func rejectsNaN() {
        let result = checker.check(analytic: [.nan], of: { $0[0] * $0[0] }, at: [1])
        #expect(!result.passed)
    }

    // ReLU at 0 has no derivative: the check skips the coordinate instead of failing it.
    @Test func skipsCoordinatesWithinAStepOfAKink() {
        let f: ([Double]) -> Double = { relu($0[0]) + 3 * $0[1] }
        let result = checker.check(analytic: [0.5, 3], of: f, at: [0, 1])
        #expect(result.passed)
        #expect(result.entries[0].status == .nearKink)
        #expect(result.entries[1].status == .agrees)
    }

    @Test func checksMatrixArguments() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        // f(W) = Σ (W ⊙ A) has gradient A.
        let result = checker.check(analytic: a, of: { ($0 .* a).sum() }, at: Matrix(rows: 3, columns: 2, repeating: 0.1))
        #expect(result.passed)
        #expect(result.entries.count == 6)
    }

    @Test func numericGradientOfAQuadratic() {
        let g = checker.numericGradient(of: { 3 * $0[0] * $0[0] }, at: [2])
        #expect(abs(g[0] - 12) < 1e-7)
    }
}
