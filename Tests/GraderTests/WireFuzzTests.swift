import CourseKit
import SubmissionRuntime
import Testing

/// Whatever a submission sends back, the decoder returns a value or a reason, within
/// bounds of depth and size, and never crashes the grader: a seeded fuzzer of the project's
/// own, mutating valid messages and generating token soup.
@Suite struct WireFuzzTests {
    @Test func deepNestingIsRefusedWithoutRecursingIntoIt() {
        let deep = String(repeating: "l 1 ", count: 1_000_000) + "d 0"
        #expect(throws: WireError.self) { try WireValue(parsing: Substring(deep)) }
        let allowed = String(repeating: "l 1 ", count: WireValue.maxDepth) + "d 0"
        #expect((try? WireValue(parsing: Substring(allowed))) != nil)
    }

    @Test func countsLargerThanTheMessageAreRefusedBeforeAllocating() {
        for text in ["v 50000000 1", "n 50000000", "l 50000000 d 1", "m 7000 7000 1", "m 9223372036854775807 2"] {
            #expect(throws: WireError.self, "\(text)") { try WireValue(parsing: Substring(text)) }
        }
    }

    @Test func mutatedAndRandomMessagesNeverCrash() {
        var random = SeededGenerator(seed: 20_261_206)
        let valid = WireValue.list([
            .double(0.5), .int(-3), .bool(false), .doubles([1, 2.5]), .ints([4, 5]),
            .matrix(Matrix([[1, 2], [3, 4]])), .list([.list([.double(1)])]),
        ]).encoded.split(separator: " ").map(String.init)
        let vocabulary = ["d", "i", "b", "v", "n", "m", "l", "0", "1", "-1", "2", "nan", "inf", "1e308", "99999999",
                          "-9223372036854775808", "", "x", "l 1", "\u{0}", "1.5e-320"]
        var decoded = 0, refused = 0
        for round in 0..<20_000 {
            var tokens = valid
            if round % 2 == 0 {
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    let position = Int(random.next() % UInt64(tokens.count + 1))
                    let word = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
                    switch random.next() % 3 {
                    case 0 where position < tokens.count: tokens[position] = word
                    case 1 where position < tokens.count: tokens.remove(at: position)
                    default: tokens.insert(word, at: position)
                    }
                }
            } else {
                tokens = (0..<Int(random.next() % 40)).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
            }
            do {
                _ = try WireValue(parsing: Substring(tokens.joined(separator: " ")))
                decoded += 1
            } catch {
                refused += 1
            }
        }
        #expect(decoded > 0 && refused > 0, "decoded \(decoded), refused \(refused)")
    }
}
