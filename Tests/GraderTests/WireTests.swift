import CourseKit
import SubmissionRuntime
import Testing
@testable import Grader

/// Values cross the wire exactly, including NaN, infinities and nested lists; malformed
/// text is rejected with a reason.
@Suite struct WireTests {
    @Test func roundTripsEveryKindExactly() throws {
        let value = WireValue.list([
            .double(0.1), .double(-.infinity), .double(.infinity), .int(-7), .bool(true),
            .doubles([1e-300, 1.0 / 3, -2.5e10]), .ints([3, -4]),
            .matrix(Matrix([[1, 2, 3], [4, 5, 6.000000000000001]])),
            .list([.list([]), .doubles([])]),
        ])
        #expect(try WireValue(parsing: Substring(value.encoded)) == value)
        guard case .double(let x) = try WireValue(parsing: "d nan") else { Issue.record("not a double"); return }
        #expect(x.isNaN)
    }

    @Test func rejectsMalformedText() {
        #expect(throws: WireError.self) { try WireValue(parsing: "m 2 2 1 2 3") }
        #expect(throws: WireError.self) { try WireValue(parsing: "q 1") }
        #expect(throws: WireError.self) { try WireValue(parsing: "d 1 extra") }
        #expect(throws: WireError.self) { try WireValue(parsing: "v -1") }
        #expect(throws: WireError.self) { try WireValue(parsing: "m 99999999 99999999") }
    }

    @Test func decodesTuplesAndReportsTypeMismatches() throws {
        let pair: [Matrix] = try [Matrix](wire: .list([.matrix(Matrix([[1]])), .matrix(Matrix([[2]]))]))
        #expect(pair.count == 2)
        #expect(throws: WireError.typeMismatch(expected: "a matrix", found: "a number")) { try Matrix(wire: .double(1)) }
    }

    @Test func parsesSignaturesIntoCalls() {
        let signature = FunctionSignature("func perceptronStep(weights: [Double], bias: Double, x: [Double], label: Int, learningRate: Double) -> (weights: [Double], bias: Double)")
        #expect(signature.name == "perceptronStep")
        #expect(signature.labels == ["weights", "bias", "x", "label", "learningRate"])
        let unlabelled = FunctionSignature("func leakyRelu(_ x: Double, slope s: Double) -> Double")
        #expect(unlabelled.callExpression == "leakyRelu(call.argument(0), slope: call.argument(1))")
        #expect(FunctionSignature("func count() -> Int").labels.isEmpty)
    }

    // FIPS 180-4 test vectors.
    @Test func sha256MatchesTheStandard() {
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // Lengths at the edges of the padding: the length fits in the last block or needs one more.
        let expected = [55: "eb2c86e932179f4ba13fe8715a26124b77d6bad290b9b4c1cc140cf633300c19",
                        56: "a5fc6e203a4c2b657d0d153885932414b2ffc6a93f0f8bf8b3183315e5a7212c",
                        64: "a0fab1377f49a759b57f63318262ebe89fabfc990e8e93ceac2984561482b9d4",
                        119: "68297a9eb141ce16bbc0847da1c0c48e2858704feaa13993bde29f87a198a6e1"]
        for (count, digest) in expected {
            #expect(sha256Hex(Array(String(repeating: "b", count: count).utf8)) == digest, "\(count) bytes")
        }
    }
}

/// An empty array keeps its element type on the wire, so it reaches an `[Int]` parameter.
@Suite struct EmptyArrayWireTests {
    @Test func emptyIntegerArraysStayIntegers() throws {
        #expect([Int]().wireValue == .ints([]))
        #expect([Double]().wireValue == .doubles([]))
        #expect(try [Int](wire: [Int]().wireValue) == [])
    }
}
