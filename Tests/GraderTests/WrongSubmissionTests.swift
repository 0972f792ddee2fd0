import CourseTestSupport
import Foundation
import Testing
@testable import Grader

/// Wrong answers fail the checks that concern them, with a diagnosis that names the mistake.
@Suite struct WrongSubmissionTests {
    let exercise2 = Catalogue.exercise(named: "exercise2")!
    let solution2 = courseFile("solutions/exercise2.swift")
    let gradientCheck = "sigmoidLayerGradient agrees"

    @Test func signFlippedGradientIsDiagnosed() throws {
        let source = replacingBody(of: "sigmoidLayerGradient", in: solution2, with: """
            let g = sigmoid(weights * x + bias)
            let delta = 2 * (target - g) .* g .* g.map { 1 - $0 }
            return (delta * x.transposed, delta)
            """)
        let check = try grade(exercise2, source: source).check(gradientCheck)
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("opposite sign"), "\(check.messages)")
        #expect(check.messages.joined().contains("central differences of your sigmoidLayerLoss agree with the reference"))
    }

    @Test func gradientOffByAFactorOfTwoIsDiagnosed() throws {
        let source = replacingBody(of: "sigmoidLayerGradient", in: solution2, with: """
            let g = sigmoid(weights * x + bias)
            let delta = 4 * (g - target) .* g .* g.map { 1 - $0 }
            return (delta * x.transposed, delta)
            """)
        let check = try grade(exercise2, source: source).check(gradientCheck)
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("twice the expected"), "\(check.messages)")
    }

    @Test func transposedWeightGradientIsDiagnosed() throws {
        let source = replacingBody(of: "sigmoidLayerGradient", in: solution2, with: """
            let g = sigmoid(weights * x + bias)
            let delta = 2 * (g - target) .* g .* g.map { 1 - $0 }
            return (x * delta.transposed, delta)
            """)
        let check = try grade(exercise2, source: source).check(gradientCheck)
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("expected a 3×2 matrix, got a 2×3 matrix"), "\(check.messages)")
        #expect(check.messages.joined().contains("transpose"))
    }

    @Test func nanResultFailsWithAClearMessage() throws {
        let source = replacingBody(of: "sigmoidLayerLoss", in: solution2, with: "return .nan")
        let check = try grade(exercise2, source: source).check("sigmoidLayerLoss is")
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("is NaN"), "\(check.messages)")
    }

    @Test func infinityFailsLikeNaN() throws {
        let exercise1 = Catalogue.exercise(named: "exercise1")!
        let source = replacingBody(of: "softplus", in: courseFile("solutions/exercise1.swift"), with: "return log(1 + exp(x))")
        let result = try grade(exercise1, source: source)
        let check = result.check("every function is finite and right for |x| in the hundreds")
        #expect(check.status == .failed)
        #expect(check.visibility == .visible, "softplus(800) = 800 is a requirement the starter states")
        #expect(check.messages.joined().contains("overflows"), "\(check.messages)")
        #expect(result.check("softplus and its derivative").status == .passed)
    }

    @Test func wrongShapeFailsBeforeValues() throws {
        let source = replacingBody(of: "sigmoidLayerGradient", in: solution2, with: """
            return (Matrix(rows: 1, columns: 1), Matrix(rows: weights.rows, columns: 1))
            """)
        let check = try grade(exercise2, source: source).check(gradientCheck)
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("expected a 3×2 matrix, got a 1×1 matrix"), "\(check.messages)")
    }

    @Test func boundaryConventionIsExplained() throws {
        let source = replacingBody(of: "predict", in: solution2, with: "return dot(weights, x) + bias >= 0 ? 1 : -1")
        let check = try grade(exercise2, source: source).check("predict")
        #expect(check.status == .failed)
        #expect(check.messages.joined().contains("use >, not ≥"), "\(check.messages)")
    }

    /// The issue's example of a false constant factor: a loss off by different ratios in
    /// different cases is shown with its numbers, and no factor is named.
    @Test func lossWrongByDifferentRatiosNamesNoFactor() throws {
        let source = replacingBody(of: "sigmoidLayerLoss", in: solution2, with: """
            let g = sigmoid(weights * x + bias)
            return (g - target).map { $0 * $0 }.sum() / Double(g.rows)
            """)
        let result = try grade(exercise2, source: source)
        let messages = result.check("sigmoidLayerLoss is").messages.joined()
        #expect(messages.contains("expected"), "\(messages)")
        #expect(!messages.contains("times the expected one") && !messages.contains("mean 1/N"), "\(messages)")
        let gradient = result.check(gradientCheck).messages.joined()
        #expect(gradient.contains("Your derivative equals the reference one, so it is your sigmoidLayerLoss"), "\(gradient)")
    }

    @Test func partiallyWrongDerivativeNamesTheMissingTerm() throws {
        let exercise1 = Catalogue.exercise(named: "exercise1")!
        let source = replacingBody(of: "swishDerivative", in: courseFile("solutions/exercise1.swift"), with: "return sigmoid(x)")
        let result = try grade(exercise1, source: source)
        #expect(result.check("swish and its derivative").messages.joined().contains("the second term is missing"))
        #expect(result.check("every derivative agrees").status == .failed)
        #expect(result.check("sigmoidDerivative").status == .passed)
    }
}

/// What a submission prints during hidden checks could reveal their inputs: the student's
/// view leaves it out.
@Suite struct HiddenOutputTests {
    @Test func printedOutputIsWithheldWhenHiddenChecksRan() throws {
        let exercise1 = Catalogue.exercise(named: "exercise1")!
        let source = replacingBody(of: "softplus", in: courseFile("solutions/exercise1.swift"),
                                   with: "print(\"softplus called with\", x)\nreturn max(x, 0) + log1p(exp(-abs(x)))")
        let result = try grade(exercise1, source: source)
        #expect(result.printed?.contains("softplus called with") == true, "the instructor's view keeps the output")
        let student = result.redactingHidden()
        #expect(student.printed?.contains("softplus called with") != true, "\(student.printed ?? "")")
        #expect(student.checks.filter { $0.visibility == .hidden }.allSatisfy { $0.name.hasPrefix("hidden check") })
    }
}
