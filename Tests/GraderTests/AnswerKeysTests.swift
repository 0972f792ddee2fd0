@testable import Answers
import CourseKit
import Foundation
import Testing
@testable import Grader

/// The student version leaves out the code of the answers and reads recorded keys instead.
@Suite struct AnswerKeysTests {
    @Test func theCodeBetweenTheMarkersIsReplacedByAReadOfTheKeys() throws {
        let source = """
            public func f(_ n: Int) -> Int {
                AnswerKeys.answer("M.f", [n]) {
                    // answer: exercise7 begin
                    let secret = n * 41
                    return secret + n
                    // answer: exercise7 end
                }
            }
            """
        let stripped = try #require(try AnswerRecording.withoutAnswerCode(source, file: "M.swift"))
        #expect(!stripped.contains("secret") && !stripped.contains("answer: exercise7"))
        #expect(stripped.contains("        return AnswerKeys.unrecorded()\n    }\n}"), "\(stripped)")
        #expect(try AnswerRecording.withoutAnswerCode("let x = 1", file: "N.swift") == nil, "a file without answers is copied as it is")
    }

    @Test func markersThatDoNotPairUpStopTheExport() {
        for text in ["// answer: exercise3 begin\nlet a = 1", "let a = 1\n// answer: exercise3 end",
                     "// answer: exercise3 begin\n// answer: exercise3 begin\n// answer: exercise3 end"] {
            #expect(throws: DistributionError.self) { try AnswerRecording.withoutAnswerCode(text, file: "M.swift") }
        }
    }

    @Test func recordingKeepsWhatIsComputedAndOnlyWhileItRecords() {
        func triple(_ n: Int) -> Int { AnswerKeys.answer("Test.triple", [n]) { 3 * n } }
        #expect(triple(2) == 6, "not recording: computed")
        AnswerKeys.startRecording()
        #expect(triple(5) == 15 && triple(7) == 21)
        // Tests that run meanwhile may record answers of their own.
        let lines = AnswerKeys.stopRecording().filter { $0.hasPrefix("Test.") }
        let five = AnswerKeys.key("Test.triple", [5]), seven = AnswerKeys.key("Test.triple", [7])
        #expect(lines == [five + "\t15", seven + "\t21"].sorted())
        #expect(AnswerKeys.parse(lines.joined(separator: "\n") + "\n") == [five: "15", seven: "21"])
        #expect([Int](answerText: [3, 1, 4].answerText) == [3, 1, 4] && [Int](answerText: [Int]().answerText) == [])
        #expect(!AnswerKeys.fromKeys, "the instructor's course computes its answers")
    }

    @Test func valuesReadBackExactlyAndKeysTellArgumentsApart() throws {
        let m = Matrix([[1.5, -0.0], [.infinity, 1e-310]])
        #expect(Matrix(answerText: m.answerText) == m)
        #expect([[Double]](answerText: [[0.1, 2], [], [3]].answerText) == [[0.1, 2], [], [3]])
        let nan = try #require(Double(answerText: Double.nan.answerText))
        #expect(nan.isNaN)
        let pair = AnswerPair([m, m], AnswerPair(3, true))
        let back = try #require(AnswerPair<[Matrix], AnswerPair<Int, Bool>>(answerText: pair.answerText))
        #expect(back.first == [m, m] && back.second.first == 3 && back.second.second)
        #expect(Matrix(answerText: "2 2 1 2 3") == nil && [Int](answerText: "2 1 2 3") == nil, "too few or too many tokens")
        // Arguments that differ in one digit, in their split or in their shape get other keys.
        let keys = [AnswerKeys.key("f", [1.0, 2.0]), AnswerKeys.key("f", [1.0, 2.5]), AnswerKeys.key("f", [[1.0, 2.0]]),
                    AnswerKeys.key("f", [Matrix(row: [1, 2])]), AnswerKeys.key("f", [Matrix(column: [1, 2])]), AnswerKeys.key("g", [1.0, 2.0])]
        #expect(Set(keys).count == keys.count, "\(keys)")
        #expect(Set((0..<20_000).map { AnswerKeys.key("h", [$0]) }).count == 20_000)
    }
}
