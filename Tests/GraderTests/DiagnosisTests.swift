import Foundation
import CourseKit
import Testing
@testable import Grader

/// The diagnosis recognises each usual mistake from the numbers alone.
@Suite struct DiagnosisTests {
    let expected = Numbers(Matrix([[0.5, -1.25, 2], [3.5, 0.75, -0.5]]))
    let tolerance = Tolerance.standard

    func explain(_ observed: Numbers, mistakes: [Mistake] = []) -> String {
        Diagnosis.explain(observed: observed, expected: expected, tolerance: tolerance, mistakes: mistakes) ?? "(none)"
    }

    @Test func signFlip() {
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: expected.scalars.map { -$0 }))).contains("opposite sign"))
    }

    @Test func constantFactors() {
        let m = { (c: Double) in Numbers(Matrix(rows: 2, columns: 3, scalars: self.expected.scalars.map { $0 * c })) }
        #expect(explain(m(2)).contains("twice"))
        #expect(explain(m(0.5)).contains("half"))
        #expect(explain(m(4)).contains("4 times"))
        // The advice is the same for every factor: no exercise-specific guess such as a mean 1/N.
        #expect(!explain(m(0.25)).contains("mean"), "\(explain(m(0.25)))")
        #expect(explain(m(0.25)).contains("a constant factor is extra or missing"))
    }

    /// A factor is named only when one ratio accounts for every entry, and never for a ratio
    /// of 1 or of rounding noise.
    @Test func noFactorWithoutOneRatioForEveryEntry() {
        var scalars = expected.scalars.map { $0 * 2 }
        scalars[1] = expected.scalars[1] * 10
        #expect(!explain(Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))).contains("times"))
        let noise = Numbers(Matrix(rows: 2, columns: 3, scalars: expected.scalars.map { $0 * 8.9e-16 }))
        #expect(!explain(noise).contains("times"), "\(explain(noise))")
        let almostOne = Numbers(Matrix(rows: 2, columns: 3, scalars: expected.scalars.map { $0 * (1 + 2e-6) }))
        #expect(Diagnosis.ratio(observed: almostOne, expected: expected, tolerance: tolerance) == nil)
    }

    @Test func transposeByShapeAndBySquareValues() {
        #expect(explain(expected.transposed).contains("transpose of the expected matrix"))
        let square = Numbers(Matrix([[1, 2], [3, 4]]))
        let text = Diagnosis.explain(observed: square.transposed, expected: square, tolerance: tolerance, mistakes: [])
        #expect(text?.contains("transpose") == true)
    }

    @Test func rowForColumn() {
        let column = Numbers(Matrix(column: [1, 2, 3]))
        let text = Diagnosis.explain(observed: column.transposed, expected: column, tolerance: tolerance, mistakes: [])
        #expect(text?.contains("column vector (3×1)") == true, "\(text ?? "")")
    }

    @Test func zerosAndNonFinite() {
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3))).contains("Every entry is 0"))
        var scalars = expected.scalars
        scalars[4] = .nan
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))).contains("Entry [1, 1] is NaN"))
        scalars[4] = -.infinity
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))).contains("an infinity"))
    }

    @Test func knownMistakeWinsAndPartialMatchesAreCounted() {
        var scalars = expected.scalars
        scalars[0] = 9
        let observed = Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))
        #expect(explain(observed, mistakes: [Mistake("the known one", observed)]) == "the known one")
        #expect(explain(observed).contains("The wrong entries are [0, 0]; the others are right."))
        #expect(!explain(observed).contains("a term may be missing"), "a guess the numbers do not prove")
    }
}

/// A check keeps an explanation only when every case of the same quantity bears it out, says
/// each finding once, and blames the function rather than its derivative when the derivative
/// is the reference one.
@Suite struct CheckEvidenceTests {
    func context() -> CheckContext {
        let nowhere = URL(fileURLWithPath: "/nonexistent")
        return CheckContext(runner: SubmissionRunner(.program(nowhere), limits: RunLimits(), scratch: nowhere,
                                                     sandbox: sharedGrader.sandbox, library: sharedGrader.library, runtimeFolder: ""),
                            deadline: .now + .seconds(60))
    }

    @Test func aFactorMustHoldInEveryCase() {
        let t = context()
        t.expect(-0.5, equals: 1, "f(1.0)")
        t.expect(20, equals: 2, "f(2.0)")
        t.expect(3.63, equals: 3, "f(3.0)")
        #expect(!t.failures.joined().contains("times the expected one"), "\(t.failures)")

        let same = context()
        for x in [1.0, 2, 3] { same.expect(2 * x, equals: x, "g(\(x))") }
        #expect(same.failures[0].contains("twice the expected one"), "\(same.failures)")
        #expect(same.failures[1].hasSuffix("The same mistake as above."))
    }

    @Test func aFactorIsNotClaimedWhenAnotherCaseOfTheQuantityIsRight() {
        let t = context()
        t.expect([2, 4], equals: [1, 2], "h on the first case")
        t.expect([1, 2], equals: [1, 2], "h on the second case")
        #expect(t.failures.count == 1)
        #expect(!t.failures[0].contains("twice"), "\(t.failures)")
    }

    @Test func theQuantityLeavesOutTheCase() {
        #expect(Finding.quantity(of: "For the 3-4-2 network (N = 4, λ = 0.1), ∂J/∂Ω₀") == "∂J/∂Ω₀")
        #expect(Finding.quantity(of: "With D = 3, D_q = 2, N = 4, scaled, ∂L/∂X[0, 0]: expected 1, got 2.") == "∂L/∂X")
        #expect(Finding.quantity(of: "trainPerceptron on 24 points (η = 1, maxEpochs = 100): the final bias") == "trainPerceptron: the final bias")
        #expect(Finding.quantity(of: "softplus(800.0)") == "softplus")
        #expect(Finding.quantity(of: "perceptronStep(weights: [1.0], bias: 0.0).weights") == "perceptronStep.weights")
    }

    @Test func aWrongEntryNeverShowsARelativeErrorOf0() {
        let t = context()
        t.expect(1000.3, equals: 1000, "k")
        #expect(!t.failures[0].contains("relative error 0)"), "\(t.failures)")
        #expect(t.failures[0].contains("relative error 0.0003"), "\(t.failures)")
    }

    @Test func aRightDerivativeOfAWrongFunctionBlamesTheFunction() throws {
        let t = context()
        let point = Matrix(column: [0.5, -1.5])
        try t.expectGradient("∂L/∂w", analytic: point * 2, reference: point * 2, at: point, lossName: "your loss",
                             loss: { 3 * ($0 .* $0).sum() })
        #expect(t.failures.count == 1, "\(t.failures)")
        #expect(t.failures[0].contains("so it is your loss (the function or forward pass) that is wrong"), "\(t.failures)")
    }

    @Test func aWrongDerivativeOfARightFunctionIsReportedOnce() throws {
        let t = context()
        let point = Matrix(column: [0.5, -1.5])
        try t.expectGradient("∂L/∂w", analytic: point * 3, reference: point * 2, at: point, lossName: "your loss",
                             loss: { ($0 .* $0).sum() })
        #expect(t.failures.count == 1, "\(t.failures)")
        #expect(t.failures[0].contains("agree with the reference, so the function is right and its derivative is not"))
    }
}

/// A differential check compares with the reference on edge and seeded inputs and shows the
/// smallest input found where they differ.
@Suite struct DifferentialTests {
    let space = InputSpace<Int>(edges: [0, 1], generate: { random in random.integer(in: 0...1000) },
                                shrink: { InputSpace<Int>.smallerIntegers(than: $0, lowest: 0) }, describe: { "f(\($0))" })

    @Test func theSmallestDisagreementIsShown() throws {
        let t = CheckEvidenceTests().context()
        try t.expectAgreement("f", on: space, count: 200, seed: 1, student: { $0 >= 37 ? $0 + 1 : $0 }, reference: { $0 },
                              agree: ==, show: { "\($0)" })
        #expect(t.failures.count == 1)
        #expect(t.failures[0].contains("The smallest found: f(37): expected 37, got 38."), "\(t.failures)")
    }

    @Test func agreementIsOneMetExpectation() throws {
        let t = CheckEvidenceTests().context()
        try t.expectAgreement("f", on: space, count: 50, seed: 2, student: { $0 }, reference: { $0 }, agree: ==, show: { "\($0)" })
        #expect(t.failures.isEmpty)
        #expect(t.metCount == 1 && t.expectationCount == 1)
    }
}

/// Reading a report back finds the explanations that its own numbers contradict.
@Suite struct ExplanationAuditTests {
    @Test func aFactorWhoseRatiosDifferIsAContradiction() {
        let found = ExplanationAudit.contradictions(in: [
            "f(1.0): expected 1, got 2 (relative error 0.5). The value is twice the expected one, the same ratio in every case: a constant factor is extra or missing.",
            "f(2.0): expected 2, got 20 (relative error 0.9).",
        ])
        #expect(found.contains { $0.contains("a ratio of 10") }, "\(found)")
    }

    @Test func aFactorOf1AndNoiseAreContradictions() {
        #expect(!ExplanationAudit.contradictions(in: ["g: expected 1, got 1.0000001. The value is 1 times the expected one."]).isEmpty)
        #expect(!ExplanationAudit.contradictions(in: ["g: expected 1, got 0. The value is 8.9e−16 times the expected one."]).isEmpty)
    }

    @Test func aSignFlipBetweenDifferentSizesIsAContradiction() {
        let found = ExplanationAudit.contradictions(in: ["h[0]: expected 2, got −3 (relative error 2.5). 2 of 2 entries are wrong. Every entry has the right size but the opposite sign: a sign flip."])
        #expect(!found.isEmpty)
    }

    @Test func aRelativeErrorOf0AndARepeatedFindingAreContradictions() {
        #expect(!ExplanationAudit.contradictions(in: ["k: expected 1000, got 1000.3 (relative error 0)."]).isEmpty)
        #expect(!ExplanationAudit.contradictions(in: ["k: expected 1, got 2.", "k: expected 1, got 2."]).isEmpty)
    }

    @Test func trueExplanationsPass() {
        #expect(ExplanationAudit.contradictions(in: [
            "f(1.0): expected 1, got 2 (relative error 0.5). The value is twice the expected one, the same ratio in every case: a constant factor is extra or missing.",
            "f(3.0): expected 3, got 6 (relative error 0.5). The same mistake as above.",
            "h[0]: expected 2, got −2 (relative error 2). Every entry has the right size but the opposite sign: a sign flip.",
        ]).isEmpty)
    }
}
