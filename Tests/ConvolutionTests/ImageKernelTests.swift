import CourseTestSupport
import Testing
import CourseKit
import Convolution

@Suite struct ImageKernelTests {
    // On a flat region the blur keeps the value and the edge and outline kernels give 0.
    @Test func flatRegionsHaveNoEdges() {
        let flat = Matrix(rows: 7, columns: 7, repeating: 2)
        #expect(abs(convolve2D(flat, kernel: ImageKernel.blur)[3, 3] - 2) < 1e-12)
        #expect(convolve2D(flat, kernel: ImageKernel.verticalEdges)[3, 3] == 0)
        #expect(convolve2D(flat, kernel: ImageKernel.horizontalEdges)[3, 3] == 0)
        #expect(convolve2D(flat, kernel: ImageKernel.outline)[3, 3] == 0)
    }

    // A vertical step from 0 to 1 gives the Sobel response 1 + 2 + 1 = 4 on both sides of the
    // step, and −4 at the right border, where the zero padding makes a step down; the
    // horizontal-edge kernel sees nothing away from the top and bottom.
    @Test func sobelFindsAVerticalStep() {
        let step = Matrix(rows: 6, columns: 6) { _, c in c >= 3 ? 1 : 0 }
        let vertical = convolve2D(step, kernel: ImageKernel.verticalEdges)
        let horizontal = convolve2D(step, kernel: ImageKernel.horizontalEdges)
        expectClose(vertical.row(2), [0, 0, 4, 4, 0, -4], "vertical edges, row 2")
        expectClose(horizontal.row(2), [0, 0, 0, 0, 0, 0], "horizontal edges, row 2")
    }

    // The 2D convolution agrees with a sum written out directly, for a non-symmetric kernel.
    @Test func matchesTheDefinition() {
        var random = SeededGenerator(seed: 551)
        let image = random.matrix(rows: 5, columns: 6, in: -1...1)
        let k = random.matrix(rows: 3, columns: 3, in: -1...1)
        let z = convolve2D(image, kernel: k)
        func pixel(_ r: Int, _ c: Int) -> Double {
            (0..<5).contains(r) && (0..<6).contains(c) ? image[r, c] : 0
        }
        for r in 0..<5 {
            for c in 0..<6 {
                var expected = 0.0
                for a in 0..<3 { for b in 0..<3 { expected += k[a, b] * pixel(r + a - 1, c + b - 1) } }
                #expect(abs(z[r, c] - expected) < 1e-12, "(\(r), \(c)): expected \(expected), observed \(z[r, c])")
            }
        }
    }

    @Test func picturesRenderTwoCharactersPerPixel() {
        let lines = renderImage(samplePicture())
        #expect(lines.count == 16 && lines.allSatisfy { $0.count == 32 })
        #expect(lines[7].contains("██"))
    }
}
