import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct EquivarianceTests {
    // f[t[x]] = t[f[x]] for a convolutional layer f and a shift t, as long as the content stays
    // away from the edges (zero padding makes the edges special).
    @Test func convolutionCommutesWithShifts() {
        var random = SeededGenerator(seed: 541)
        for _ in 0..<20 {
            let content = random.array(count: 6, in: -2...2)
            let x = Array(repeating: 0.0, count: 4) + content + Array(repeating: 0.0, count: 8)
            let w = random.array(count: 3, in: -1...1)
            let f = { (x: [Double]) in convolutionalLayer(x, kernel: w, bias: 0, padding: 1) }
            for offset in 1...3 {
                expectClose(f(shifted(x, by: offset)), shifted(f(x), by: offset), "shift by \(offset)")
            }
        }
    }

    // A global maximum is invariant to shifts; max-pooling by 2 with stride 2 turns a shift by
    // 2 of its input into a shift by 1 of its output.
    @Test func poolingIsInvariantOrCoarselyEquivariant() {
        let x: [Double] = [0, 0, 1, 3, 2, 0, 0, 0, 0, 0, 0, 0]
        let f = { (x: [Double]) in convolutionalLayer(x, kernel: Lesson5.kernel, bias: 0, padding: 1) }
        for offset in 0...4 {
            #expect(globalMaxPool(f(shifted(x, by: offset))) == 7, "shift by \(offset)")
        }
        expectClose(maxPool(f(x), width: 2, stride: 2), [1, 7, 1, 0, 0, 0], "pooled")
        expectClose(maxPool(f(shifted(x, by: 2)), width: 2, stride: 2),
                    shifted(maxPool(f(x), width: 2, stride: 2), by: 1), "pooled after a shift by 2")
    }

    @Test func shiftFillsWithZeros() {
        expectClose(shifted([1, 2, 3, 4], by: 1), [0, 1, 2, 3], "right")
        expectClose(shifted([1, 2, 3, 4], by: -2), [3, 4, 0, 0], "left")
    }
}
