@testable import Answers
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
        #expect(lines == ["Test.triple(5)\t15", "Test.triple(7)\t21"])
        #expect(AnswerKeys.parse(lines.joined(separator: "\n") + "\n") == ["Test.triple(5)": "15", "Test.triple(7)": "21"])
        #expect([Int](answerText: [3, 1, 4].answerText) == [3, 1, 4] && [Int](answerText: [Int]().answerText) == [])
        #expect(!AnswerKeys.fromKeys, "the instructor's course computes its answers")
    }
}
