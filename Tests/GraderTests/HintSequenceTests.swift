import Foundation
import Testing
@testable import Grader

/// The order of hints: the failing checks' own hints first, the first failing check's before
/// the others, then the exercise's, then those of the checks that pass; each hint once, and
/// never a hidden check's.
@Suite struct HintSequenceTests {
    /// An exercise with hints on its checks: `a` and `c` have their own, `b` none, and the
    /// hidden `h` one that students must never see; `shared` is attached to `a` and `c`.
    let exercise = Exercise(number: 1, title: "t", lesson: 1, functions: [], hints: ["general 1", "general 2"], checks: [
        Check("a", points: 1, hints: ["a 1", "shared"]) { _ in },
        Check("b", points: 1) { _ in },
        Check("c", points: 1, hints: ["c 1", "shared"]) { _ in },
        Check("h", points: 1, visibility: .hidden, hints: ["hidden"]) { _ in },
    ])

    func texts(_ sequence: HintSequence) -> [String] { sequence.order.map(\.text) }

    @Test func theFirstFailingCheckComesFirst() {
        let sequence = HintSequence(exercise: exercise, failing: ["c", "h"], revealed: [])
        #expect(texts(sequence) == ["c 1", "shared", "general 1", "general 2", "a 1"])
        #expect(sequence.order.first?.check == "c")
        #expect(sequence.next == HintSequence.Next(hint: .init(text: "c 1", check: "c"), number: 1, total: 5))
    }

    @Test func withoutFailuresTheExercisesHintsComeFirst() {
        let sequence = HintSequence(exercise: exercise, failing: [], revealed: [])
        #expect(texts(sequence) == ["general 1", "general 2", "a 1", "shared", "c 1"])
    }

    @Test func revealedHintsAreSkippedAndTheLastIsMarked() {
        var revealed = ["c 1", "general 1"]
        var sequence = HintSequence(exercise: exercise, failing: ["a"], revealed: revealed)
        #expect(sequence.next?.hint.text == "a 1")
        #expect(sequence.next?.number == 3)
        while let next = sequence.next {
            #expect(next.isLast == (next.number == 5), "hint \(next.number) of \(next.total)")
            revealed.append(next.hint.text)
            sequence = HintSequence(exercise: exercise, failing: ["a"], revealed: revealed)
        }
        #expect(Set(revealed).count == 5 && revealed.count == 5, "each hint once: \(revealed)")
        #expect(sequence.revealed.map(\.text) == revealed, "in the order they were shown")
    }

    @Test func aProgressFileThatCountedHintsCountedTheExercisesFirstOnes() throws {
        let old = #"{"exercises": {"exercise1": {"status": "failed", "score": 0, "maxScore": 4, "hintsShown": 1}}}"#
        let progress = try JSONDecoder().decode(StudentProgress.self, from: Data(old.utf8))
        var entry = try #require(progress.exercises["exercise1"])
        let sequence = HintSequence(exercise: exercise, entry: entry)
        #expect(sequence.revealed.map(\.text) == ["general 1"])
        let next = try #require(sequence.next)
        entry.reveal(next.hint, of: sequence)
        #expect(entry.revealedHints == ["general 1", next.hint.text])
        #expect(entry.hintsShown == 2)
    }
}
