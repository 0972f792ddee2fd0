import Testing
import CourseKit
import Convolution

@Suite struct ReceptiveFieldTests {
    /// The receptive field found without any arithmetic rule or perturbation: propagate, layer
    /// by layer, the set of inputs each unit reads (valid convolutions), and measure the span
    /// of the first unit of the last layer.
    static func spanBySets(kernelSizes: [Int], strides: [Int], dilations: [Int]) -> Int {
        var units: [Set<Int>] = (0..<1000).map { [$0] }
        for l in kernelSizes.indices {
            var next: [Set<Int>] = []
            var i = 0
            while i * strides[l] + dilations[l] * (kernelSizes[l] - 1) < units.count {
                next.append((0..<kernelSizes[l]).reduce(into: Set<Int>()) {
                    $0.formUnion(units[i * strides[l] + dilations[l] * $1])
                })
                i += 1
            }
            units = next
        }
        return units[0].max()! - units[0].min()! + 1
    }

    // Three-wide kernels: receptive fields 3, then 5, then 7.
    @Test func threeWideKernelsGive3Then5Then7() {
        for (layers, expected) in [(1, 3), (2, 5), (3, 7)] {
            let K = Array(repeating: 3, count: layers), ones = Array(repeating: 1, count: layers)
            #expect(receptiveField(kernelSizes: K, strides: ones, dilations: ones) == expected)
            #expect(bruteForceReceptiveField(kernelSizes: K, strides: ones, dilations: ones) == expected)
        }
    }

    // The rule r_l = r_{l−1} + d_l(K_l − 1)·s₁⋯s_{l−1} agrees with brute force (perturbing
    // inputs) and with set propagation on 80 seeded random stacks.
    @Test func ruleMatchesBruteForceOnRandomStacks() {
        var random = SeededGenerator(seed: 531)
        for _ in 0..<80 {
            let n = random.integer(in: 1...4)
            let K = (0..<n).map { _ in random.integer(in: 1...5) }
            let s = (0..<n).map { _ in random.integer(in: 1...3) }
            let d = (0..<n).map { _ in random.integer(in: 1...3) }
            let rule = receptiveField(kernelSizes: K, strides: s, dilations: d)
            let perturbed = bruteForceReceptiveField(kernelSizes: K, strides: s, dilations: d)
            let sets = Self.spanBySets(kernelSizes: K, strides: s, dilations: d)
            #expect(rule == perturbed && rule == sets,
                    "K=\(K) s=\(s) d=\(d): rule \(rule), perturbation \(perturbed), sets \(sets)")
        }
    }

    // Perturbing an input moves exactly the outputs whose windows contain it.
    @Test func perturbationFindsTheWindowOfOneLayer() {
        let moved = influence(kernelSizes: [3], strides: [1], dilations: [2], inputLength: 9, output: 1)
        #expect(moved == [false, true, false, true, false, true, false, false, false])
    }

    // The values that solutions/exercise10.swift computes.
    @Test func agreesWithTheSolutionOfExercise10() {
        let stacks: [([Int], [Int], [Int], Int)] = [
            ([3], [1], [1], 3), ([3, 3], [1, 1], [1, 1], 5), ([3, 3, 3], [1, 1, 1], [1, 1, 1], 7),
            ([3, 3, 3], [2, 2, 1], [1, 1, 1], 15), ([3, 3, 3], [1, 1, 1], [1, 2, 4], 15), ([5, 3], [2, 1], [1, 1], 9),
            ([3, 3], [1, 3], [2, 2], 9), ([3, 3, 3, 3], [2, 2, 2, 2], [1, 1, 1, 1], 31),
            ([2, 4, 3], [3, 1, 2], [2, 1, 3], 30), ([], [], [], 1), ([7, 1, 3], [2, 2, 1], [1, 1, 2], 23),
        ]
        for (K, s, d, expected) in stacks {
            let observed = receptiveField(kernelSizes: K, strides: s, dilations: d)
            #expect(observed == expected, "K=\(K) s=\(s) d=\(d): expected \(expected), observed \(observed)")
        }
        #expect(outputLength(inputLength: 100, kernelSize: 7, stride: 4, dilation: 3, padding: 5) == 23)
        #expect(outputLength(inputLength: 4, kernelSize: 3, stride: 1, dilation: 3, padding: 0) == 0)
        #expect(outputLength(inputLength: 5, kernelSize: 3, stride: 2, dilation: 2, padding: 0) == 1)
    }

    // The lesson's table of stacks: rule and brute force agree on each.
    @Test func lessonStacksAgree() {
        for stack in Lesson5.stacks {
            #expect(receptiveField(kernelSizes: stack.kernelSizes, strides: stack.strides, dilations: stack.dilations)
                    == bruteForceReceptiveField(kernelSizes: stack.kernelSizes, strides: stack.strides, dilations: stack.dilations))
        }
    }
}
