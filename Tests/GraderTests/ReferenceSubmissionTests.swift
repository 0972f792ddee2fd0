import Foundation
import Testing
@testable import Grader

/// The shipped files: every solution passes with full marks, every starter fails every
/// check saying what is not implemented yet, and an unchanged file comes from the cache.
@Suite struct ReferenceSubmissionTests {
    @Test(arguments: Catalogue.exercises.map(\.number))
    func solutionEarnsFullMarks(number: Int) throws {
        let exercise = Catalogue.exercise(named: "exercise\(number)")!
        let result = try sharedGrader.grade(exercise, file: workspace.solutionFile(exercise))
        #expect(result.status == .passed, "\(result.allMessages)")
        #expect(result.score == exercise.maxPoints, "expected \(exercise.maxPoints), observed \(result.score)")
    }

    @Test(arguments: Catalogue.exercises.map(\.number))
    func starterFailsEveryCheckAndSaysWhatIsMissing(number: Int) throws {
        let exercise = Catalogue.exercise(named: "exercise\(number)")!
        let result = try sharedGrader.grade(exercise, file: workspace.studentFile(exercise))
        #expect(result.status == .failed)
        #expect(result.score == 0)
        for check in result.checks {
            #expect(check.status != .passed)
            #expect(check.messages.contains { $0.contains("is not implemented yet") }, "\(check.name): \(check.messages)")
        }
    }

    @Test func unchangedFileIsNotCompiledAgain() throws {
        let exercise = Catalogue.exercises[0]
        let source = courseFile("solutions/exercise1.swift") + "\n// \(UUID().uuidString)\n"
        let first = try grade(exercise, source: source)
        let second = try grade(exercise, source: source)
        #expect(!first.cached)
        #expect(second.cached)
        #expect(first.checks.map(\.status) == second.checks.map(\.status))
    }

    @Test func gradingIsDeterministic() throws {
        let exercise = Catalogue.exercises[1]
        let source = try mutantSource(exercise, "gradient-sign-flipped")
        let first = try grade(exercise, source: source), second = try grade(exercise, source: source)
        #expect(first.checks.map(\.messages) == second.checks.map(\.messages))
        #expect(first.score == second.score)
    }
}
