import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct Convolution1DTests {
    /// The convolution written the slow, obvious way: pad with zeros, then slide.
    static func naiveConvolution(_ x: [Double], _ w: [Double], stride s: Int, dilation d: Int, padding p: Int) -> [Double] {
        let paddedSignal = Array(repeating: 0.0, count: p) + x + Array(repeating: 0.0, count: p)
        var z: [Double] = []
        var start = 0
        while start + d * (w.count - 1) < paddedSignal.count {
            var sum = 0.0
            for j in 0..<w.count { sum += w[j] * paddedSignal[start + d * j] }
            z.append(sum)
            start += s
        }
        return z
    }

    // The worked example: x = [1, 3, 2, 0, −1, 4], w = [−1, 2, 1] in four modes.
    @Test func reproducesTheWorkedExample() {
        let x = Lesson5.signal, w = Lesson5.kernel
        expectClose(convolve(x, kernel: w, padding: 1), [5, 7, 1, -3, 2, 9], "zero padding")
        expectClose(convolve(x, kernel: w, padding: 0), [7, 1, -3, 2], "valid")
        expectClose(convolve(x, kernel: w, stride: 2, padding: 1), [5, 1, 2], "stride 2")
        expectClose(convolve(x, kernel: w, dilation: 2, padding: 2), [4, 6, 2, 1, -4, 8], "dilation 2")
    }

    // With stride 1 and ⌊K/2⌋ zeros of padding, zᵢ = Σⱼ wⱼ x_{i+j−⌊K/2⌋} (the lesson's formula).
    @Test func zeroPaddingIsTheLessonFormula() {
        var random = SeededGenerator(seed: 501)
        for K in [1, 3, 5, 7] {
            let x = random.array(count: 9, in: -2...2), w = random.array(count: K, in: -1...1)
            let expected = x.indices.map { i in
                (0..<K).reduce(0.0) { sum, j in
                    let t = i + j - K / 2
                    return sum + w[j] * (x.indices.contains(t) ? x[t] : 0)
                }
            }
            expectClose(convolve(x, kernel: w, padding: samePadding(kernelSize: K)), expected, "K = \(K)")
        }
    }

    // The reference agrees with a naive padded sum for strides, dilations and paddings of 0 to 3.
    @Test func matchesANaiveSumWithStridesDilationsAndPadding() {
        var random = SeededGenerator(seed: 502)
        var compared = 0
        for _ in 0..<60 {
            let L = random.integer(in: 1...12), K = random.integer(in: 1...5)
            let s = random.integer(in: 1...3), d = random.integer(in: 1...3), p = random.integer(in: 0...3)
            let x = random.array(count: L, in: -3...3), w = random.array(count: K, in: -2...2)
            let expected = Self.naiveConvolution(x, w, stride: s, dilation: d, padding: p)
            expectClose(convolve(x, kernel: w, stride: s, dilation: d, padding: p), expected,
                        "L=\(L) K=\(K) s=\(s) d=\(d) p=\(p)")
            if s > 1 && d > 1 && p > 0 && !expected.isEmpty { compared += 1 }
        }
        #expect(compared >= 5, "only \(compared) cases had stride, dilation and padding all active")
    }

    // L_out = ⌊(L + 2p − d(K − 1) − 1)/s⌋ + 1, and 0 when the kernel does not fit: checked
    // against the documented cases and by counting the naive sum's outputs.
    @Test func outputLengthFollowsTheRule() {
        let cases: [(L: Int, K: Int, s: Int, d: Int, p: Int, expected: Int)] = [
            (6, 3, 1, 1, 1, 6), (6, 3, 1, 1, 0, 4), (6, 3, 2, 1, 1, 3), (7, 3, 2, 1, 1, 4), (6, 3, 1, 2, 2, 6),
            (10, 5, 3, 1, 0, 2), (4, 3, 1, 3, 0, 0), (5, 3, 2, 2, 0, 1), (3, 5, 1, 1, 0, 0), (9, 3, 3, 2, 1, 3),
            (100, 7, 4, 3, 5, 23), (1, 1, 1, 1, 0, 1), (8, 2, 2, 1, 0, 4),
        ]
        for c in cases {
            let observed = outputLength(inputLength: c.L, kernelSize: c.K, stride: c.s, dilation: c.d, padding: c.p)
            #expect(observed == c.expected, "L=\(c.L) K=\(c.K) s=\(c.s) d=\(c.d) p=\(c.p): expected \(c.expected), observed \(observed)")
            let counted = Self.naiveConvolution(Array(repeating: 1, count: c.L), Array(repeating: 1, count: c.K),
                                                stride: c.s, dilation: c.d, padding: c.p).count
            #expect(observed == counted, "the naive sum made \(counted) outputs, the rule says \(observed)")
        }
    }

    // Output i reads the inputs s·i + d·j − p.
    @Test func listsTheInputPositionsAnOutputReads() {
        #expect(inputPositions(ofOutput: 0, kernelSize: 3, padding: 1) == [-1, 0, 1])
        #expect(inputPositions(ofOutput: 2, kernelSize: 3, stride: 2, dilation: 3, padding: 1) == [3, 6, 9])
    }
}
