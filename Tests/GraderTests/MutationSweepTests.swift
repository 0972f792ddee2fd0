import CourseTestSupport
import Foundation
import Testing
@testable import Grader

/// `course verify --sweep`: one-line mutants of a solution, and what the checks make of them.
@Suite struct MutationSweepTests {
    @Test func everyOperatorChangesItsFirstPlaceInALineOfCode() {
        let source = """
            import CourseKit
            // a + b in a comment is not code
            func f(_ a: Double, _ b: Double) -> Double {
                precondition(a < b)
                let s = a + b * 2   // the comment's a - b stays
                return s
            }
            """
        let mutants = MutationSweep.mutants(of: source)
        #expect(mutants.allSatisfy { $0.line == 5 }, "only the line of code with operators: \(mutants.map(\.line))")
        #expect(mutants.map { $0.changed.trimmingCharacters(in: .whitespaces) } == [
            "let s = a - b * 2   // the comment's a - b stays",
            "let s = a + b / 2   // the comment's a - b stays",
        ])
        #expect(mutants.allSatisfy { $0.source.contains($0.changed) && !$0.source.contains($0.original) })
    }

    @Test func theVerdictReadsTheVisibleChecksFirst() {
        func result(_ statuses: [(CheckResult.Status, Visibility)]) -> ExerciseResult {
            ExerciseResult(exercise: "exercise0", title: "", file: "", status: .failed, score: 0, maxScore: 1,
                           checks: statuses.map { CheckResult(name: "c", status: $0.0, score: 0, maxScore: 1, visibility: $0.1, messages: [], seconds: 0) },
                           compilerOutput: nil, printed: nil, tolerance: "", cached: false, seconds: 0)
        }
        #expect(MutationSweep.verdict(of: result([(.passed, .visible), (.failed, .hidden)])) == .caughtOnlyByHidden)
        #expect(MutationSweep.verdict(of: result([(.error, .visible), (.failed, .hidden)])) == .caughtVisibly)
        #expect(MutationSweep.verdict(of: result([(.passed, .visible), (.passed, .hidden)])) == .passesEveryCheck)
        var broken = result([])
        broken.status = .compileError
        #expect(MutationSweep.verdict(of: broken) == .doesNotCompile)
    }

    /// Exercise 6's visible checks catch every one-line change of its solution but one, which
    /// computes the same function (dc · 1 and dc / 1).
    @Test func exercise6sVisibleChecksCatchEveryChangeThatMatters() throws {
        let exercise = Catalogue.exercise(named: "exercise6")!
        let outcomes = try MutationSweep(grader: sharedGrader).run(exercise, solution: courseRoot.appendingPathComponent("solutions/exercise6.swift"), jobs: 2)
        #expect(outcomes.count >= 8)
        #expect(outcomes.filter { $0.verdict == .caughtOnlyByHidden }.isEmpty, "\(outcomes.filter { $0.verdict == .caughtOnlyByHidden })")
        let passing = outcomes.filter { $0.verdict == .passesEveryCheck }.map { $0.changed.trimmingCharacters(in: .whitespaces) }
        #expect(passing.allSatisfy { $0.hasPrefix("let db = dc / 1") }, "\(passing)")
    }
}
