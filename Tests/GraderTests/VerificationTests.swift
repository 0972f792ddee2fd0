import Foundation
import CourseKit
import Testing
@testable import Grader

/// `course verify` proves the catalogue honest, and notices when it is not.
@Suite struct VerificationTests {
    @Test func everyExerciseVerifiesAndEveryMutantIsCaught() throws {
        let outcomes = try Verification(grader: sharedGrader).verify(Catalogue.exercises, jobs: 2)
        for outcome in outcomes {
            #expect(outcome.problems.isEmpty, "\(outcome.exercise): \(outcome.problems)")
            #expect(outcome.mutants.count >= 4, "\(outcome.exercise) has \(outcome.mutants.count) mutants")
            for mutant in outcome.mutants {
                #expect(!mutant.caughtBy.isEmpty, "\(mutant.file) is not caught")
                #expect(!mutant.mistake.hasPrefix("(no"), "\(mutant.file) has no '// Mistake:' line")
                #expect(mutant.diagnosis != nil, "\(mutant.file) has no '// Diagnosis:' line")
                #expect(mutant.diagnosed, "\(mutant.file): no message says '\(mutant.diagnosis ?? "")'")
            }
        }
    }

    @Test func aCheckThatCannotFailIsReported() throws {
        let real = Catalogue.exercise(named: "exercise1")!
        let broken = Exercise(number: 1, title: real.title, lesson: 1, functions: real.functions, hints: real.hints,
                              checks: [Check("always passes", points: 1) { t in t.expect(true, "never shown") }])
        let outcome = try Verification(grader: sharedGrader).verify([broken], jobs: 2)[0]
        #expect(outcome.problems.contains { $0.contains("'always passes' gives points to the starter") }, "\(outcome.problems)")
        #expect(outcome.problems.contains { $0.contains("passes every check") }, "mutants are not caught either")
    }

    @Test func aCheckWithoutExpectationsNeverPasses() throws {
        let real = Catalogue.exercise(named: "exercise1")!
        let empty = Exercise(number: 1, title: real.title, lesson: 1, functions: real.functions, hints: real.hints,
                             checks: [Check("records nothing", points: 1) { _ in }])
        let result = try sharedGrader.grade(empty, file: workspace.solutionFile(empty))
        #expect(result.checks[0].status == .failed)
        #expect(result.checks[0].messages.joined().contains("recorded no expectation"))
    }
}

/// Partial credit: a check that allows it earns its points in proportion to the expectations
/// met; one that does not earns all or nothing.
@Suite struct PartialCreditTests {
    func exercise(partial: Bool) -> Exercise {
        let real = Catalogue.exercise(named: "exercise1")!
        return Exercise(number: 1, title: real.title, lesson: 1, functions: real.functions, hints: real.hints, checks: [
            Check("four derivatives at 0.5", points: 2, partialCredit: partial) { t in
                let x = 0.5, s = sigmoid(x)
                t.expect(try t.number("sigmoidDerivative", x), equals: s * (1 - s), "sigmoidDerivative")
                t.expect(try t.number("tanhDerivative", x), equals: 1 - tanh(x) * tanh(x), "tanhDerivative")
                t.expect(try t.number("softplusDerivative", x), equals: s, "softplusDerivative")
                t.expect(try t.number("swish", x), equals: x * s, "swish")
            },
        ])
    }

    @Test func partialCreditCountsTheExpectationsMet() throws {
        let mutant = try mutantSource(Catalogue.exercise(named: "exercise1")!, "tanh-derivative-without-square")
        let partial = try grade(exercise(partial: true), source: mutant)
        #expect(partial.checks[0].status == .failed)
        #expect(partial.score == 1.5, "3 of 4 expectations met: expected 1.5, observed \(partial.score)")
        let whole = try grade(exercise(partial: false), source: mutant)
        #expect(whole.score == 0)
    }
}
