import Foundation
import Testing

/// The hints follow what fails: mistakes are saved in a private course's exercise 1, and
/// `course hint` (without an exercise, so the current one) must show the hint of the first
/// failing check, then the others once each, say which is the last, and never repeat one.
@Suite(.serialized) struct HintOrderTests {
    /// One hint as `course hint` prints it.
    struct Shown {
        let header: String
        let about: String?
        let text: String

        init(_ stdout: String) {
            let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            header = lines.first ?? ""
            about = lines.dropFirst().first.flatMap { $0.hasPrefix("About ") ? $0 : nil }
            text = lines.filter { $0.hasPrefix("  ") }.joined(separator: "\n")
        }
    }

    @Test func hintsFollowTheFirstFailingCheckAndEachIsShownOnce() throws {
        let root = try privateCourse()
        let state = root.appendingPathComponent(".course")
        let file = root.appendingPathComponent("exercises/exercise1.swift")
        let solution = try String(contentsOf: packageRoot.appendingPathComponent("solutions/exercise1.swift"), encoding: .utf8)
        func save(_ source: String) throws { try Data(source.utf8).write(to: file) }
        func hint(_ arguments: String...) throws -> Run {
            try courseRun(["hint"] + arguments, state: state, directory: root)
        }

        // tanhDerivative forgets the square: its check is the first that fails.
        try save(solution.replacingOccurrences(of: "return 1 - t * t", with: "return 1 - t"))
        #expect(try course("check", state: state, directory: root).status == 1)
        let first = try hint()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "the file has not changed since `check`: its result is used as it is")
        let firstHint = Shown(first.stdout)
        #expect(firstHint.header.hasPrefix("Hint 1 of 11 for exercise1 · "), "\(first.stdout)")
        #expect(firstHint.about == "About the first failing check, “tanhDerivative is 1 − tanh²(x)”:", "\(first.stdout)")

        // Fixed, but now the derivative of swish misses a term: hint checks the changed file
        // first, and follows the new first failing check, then the next failing one.
        try save(solution.replacingOccurrences(of: "return s + x * s * (1 - s)", with: "return s"))
        let second = try hint()
        #expect(second.stderr.contains("Checking exercises/exercise1.swift"), "\(second.stderr)")
        let secondHint = Shown(second.stdout)
        #expect(secondHint.header.hasPrefix("Hint 2 of 11 "), "\(second.stdout)")
        #expect(secondHint.about == "About the first failing check, “swish and its derivative”:", "\(second.stdout)")
        let thirdHint = Shown(try hint().stdout)
        #expect(thirdHint.about == "About the failing check “every derivative agrees with central differences of your own function”:")
        let fourthHint = Shown(try hint().stdout)
        #expect(fourthHint.about == nil, "then the hints about the whole exercise")
        #expect(fourthHint.text.contains("Sections 4 and 5 of lessons/lesson1-perceptron.md"), "\(fourthHint.text)")

        // The rest, each once; the last says so, and asking again says that all were shown.
        var texts = [firstHint, secondHint, thirdHint, fourthHint].map(\.text)
        for number in 5...11 {
            let run = try hint()
            let shown = Shown(run.stdout)
            #expect(shown.header.hasPrefix("Hint \(number) of 11 "), "\(run.stdout)")
            #expect(shown.header.hasSuffix("(the last one)") == (number == 11), "\(shown.header)")
            #expect(run.stdout.contains("That was the last hint.") == (number == 11))
            texts.append(shown.text)
        }
        #expect(Set(texts).count == 11, "no hint is shown twice")
        let after = try hint()
        #expect(after.status == 0)
        #expect(after.stdout.hasPrefix("You have seen all 11 hints of exercise1. "), "\(after.stdout)")

        let all = try hint("exercise1", "--all")
        #expect(all.stdout.hasPrefix("The hints of exercise1 · "), "\(all.stdout)")
        for (index, text) in texts.enumerated() {
            #expect(all.stdout.contains("Hint \(index + 1)"))
            #expect(all.stdout.contains(text), "--all shows hint \(index + 1) again")
        }
        #expect(all.stdout.hasSuffix("That is every hint of exercise1.\n"))
    }

    @Test func allBeforeAnyHintSaysHowToGetTheFirst() throws {
        let run = try course("hint", "exercise3", "--all")
        #expect(run.status == 0)
        #expect(run.stdout == "No hint of exercise3 shown yet: `swift run course hint exercise3` shows the first.\n", "\(run.stdout)")
    }
}
