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
                #expect(!mutant.caughtVisiblyBy.isEmpty, "\(mutant.file) is not caught by a visible check")
                #expect(mutant.diagnosed, "\(mutant.file): no visible message says '\(mutant.diagnosis ?? "")'")
                #expect(mutant.confusedWith.isEmpty, "\(mutant.file) is diagnosed as \(mutant.confusedWith)")
                #expect(mutant.contradictions.isEmpty, "\(mutant.file): \(mutant.contradictions)")
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

    /// Three deliberately bad checks, each breaking one rule: a mistake caught only by a hidden
    /// check, a message that gives another mutant's diagnosis, and an explanation that the
    /// numbers beside it contradict.
    @Test func eachRuleFailsOnABadCheck() throws {
        let real = Catalogue.exercise(named: "exercise1")!
        let bad = Exercise(number: 1, title: real.title, lesson: 1, functions: real.functions, hints: real.hints, checks: [
            Check("sigmoidDerivative, with another mistake's advice", points: 1) { t in
                let x = 0.5
                let observed = try t.number("sigmoidDerivative", x)
                t.expect(observed, equals: sigmoid(x) * (1 - sigmoid(x)), "sigmoidDerivative(\(x))",
                         mistakes: [Mistake("For x < 0 the derivative of α(eˣ − 1) is α eˣ: the factor α is missing.", observed)])
            },
            Check("swishDerivative, with a factor the numbers do not show", points: 1) { t in
                for x in [0.5, 1.5] {
                    let observed = try t.number("swishDerivative", x)
                    t.expect(observed, equals: sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x)), "swishDerivative(\(x))",
                             mistakes: [Mistake("The value is twice the expected one.", observed)])
                }
            },
            Check("tanhDerivative, hidden", points: 1, visibility: .hidden) { t in
                t.expect(try t.number("tanhDerivative", 0.5), equals: 1 - tanh(0.5) * tanh(0.5), "tanhDerivative(0.5)")
            },
        ])
        let outcome = try Verification(grader: sharedGrader).verify([bad], jobs: 2)[0]
        let problems = outcome.problems.joined(separator: "\n")
        #expect(problems.contains("The mutant tanh-derivative-without-square is caught only by hidden checks"), "\(problems)")
        #expect(problems.contains("Reports that give another mutant's diagnosis:"), "\(problems)")
        #expect(outcome.mutants.first { $0.name == "sigmoid-derivative-sign-flip" }?.confusedWith == ["elu-derivative-without-alpha"])
        #expect(problems.contains("The report of the mutant swish-derivative-missing-term contradicts itself"), "\(problems)")
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

/// A known mistake is a record of the lines it changes in the solution.
@Suite struct MutantRecordTests {
    let text = """
        # a comment
        ## sign-flip
        Mistake: The sign is wrong.
        Diagnosis: opposite sign
        -    return a - b
        +    return b - a
        @@
        =func g() -> Int {
        -    1
        +    2
        """

    let solution = "func f(a: Int, b: Int) -> Int {\n    return a - b\n}\nfunc g() -> Int {\n    1\n}\nfunc h() -> Int {\n    1\n}"

    @Test func aRecordIsMaterialisedFromTheSolution() throws {
        let records = try MutantRecord.parse(text)
        #expect(records.map(\.name) == ["sign-flip"])
        #expect(records[0].diagnosis == "opposite sign")
        let mutant = try records[0].apply(to: solution)
        #expect(mutant == "func f(a: Int, b: Int) -> Int {\n    return b - a\n}\nfunc g() -> Int {\n    2\n}\nfunc h() -> Int {\n    1\n}")
    }

    @Test func aRecordThatNoLongerAppliesIsAnError() throws {
        let record = try MutantRecord.parse(text)[0]
        let changed = solution.replacingOccurrences(of: "return a - b", with: "return a &- b")
        #expect(throws: MutantRecord.Problem.self) { try record.apply(to: changed) }
        do {
            _ = try record.apply(to: changed)
        } catch {
            #expect("\(error)".contains("no longer applies"), "\(error)")
        }
    }

    @Test func anAmbiguousHunkIsAnError() throws {
        let record = try MutantRecord.parse("## x\nMistake: m\nDiagnosis: d\n-    1\n+    3\n")[0]
        do {
            _ = try record.apply(to: solution)
            Issue.record("a line found twice was accepted")
        } catch {
            #expect("\(error)".contains("ambiguous"), "\(error)")
        }
    }

    @Test func aRecordWithoutDiagnosisIsRejected() {
        #expect(throws: MutantRecord.Problem.self) { try MutantRecord.parse("## x\nMistake: m\n-a\n+b\n") }
    }

    /// verify reports a record that no longer applies to its solution, and grades the others.
    @Test func verifyReportsARecordThatNoLongerApplies() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let scratch = Workspace(root: root)
        let exercise = Catalogue.exercise(named: "exercise1")!
        try FileManager.default.createDirectory(at: root.appendingPathComponent("solutions/mutants"), withIntermediateDirectories: true)
        try Data(courseFile("solutions/exercise1.swift").utf8).write(to: scratch.solutionFile(exercise))
        try Data("""
            ## still-applies
            Mistake: The square is missing.
            Diagnosis: the square is missing
            -    return 1 - t * t
            +    return 1 - t

            ## gone
            Mistake: A line the solution no longer has.
            Diagnosis: anything
            -    return 1 - t * t * t
            +    return 0
            """.utf8).write(to: scratch.mutantRecordsFile(exercise))
        let mutants = Verification.materialisedMutants(of: exercise, in: scratch)
        #expect(mutants.files.map(\.record.name) == ["still-applies"])
        #expect(mutants.problems.count == 1)
        #expect(mutants.problems.first?.contains("hunk 1 of 'gone'") == true, "\(mutants.problems)")
        #expect(mutants.problems.first?.contains("no longer applies") == true, "\(mutants.problems)")
    }

    /// Every record of the course applies to its solution.
    @Test func everyRecordOfTheCourseApplies() throws {
        for exercise in Catalogue.exercises {
            let solution = courseFile("solutions/\(exercise.id).swift")
            let records = try workspace.mutantRecords(exercise)
            #expect(records.count >= 5, "\(exercise.id) has \(records.count) known mistakes")
            for record in records {
                let mutant = try record.apply(to: solution)
                #expect(mutant != solution, "\(exercise.id): \(record.name) changes nothing")
            }
        }
    }
}
