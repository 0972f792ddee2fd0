import Testing
@testable import CourseKit

@Suite struct MatrixTests {
    // (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ, checked on a non-square product so that a transposition would show.
    @Test func multipliesNonSquareMatrices() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(a * b == Matrix([[58, 64], [139, 154]]))
        #expect((a * b).rows == 2 && (a * b).columns == 2)
    }

    @Test func transposeSwapsIndices() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(a.transposed.transposed == a)
    }

    @Test func entrywiseOperationsKeepShape() {
        let a = Matrix([[1, -2], [3, 4]])
        let b = Matrix([[5, 6], [7, 8]])
        #expect(a + b == Matrix([[6, 4], [10, 12]]))
        #expect(b - a == Matrix([[4, 8], [4, 4]]))
        #expect(a .* b == Matrix([[5, -12], [21, 32]]))
        #expect(2 * a == Matrix([[2, -4], [6, 8]]))
        #expect(a / 2 == Matrix([[0.5, -1], [1.5, 2]]))
        #expect(-a == Matrix([[-1, 2], [-3, -4]]))
    }

    @Test func addsAColumnVectorToEveryColumn() {
        let h = Matrix([[1, 2, 3], [4, 5, 6]])
        let beta = Matrix(column: [10, 20])
        #expect(h.addingToEachColumn(beta) == Matrix([[11, 12, 13], [24, 25, 26]]))
    }

    @Test func rowsColumnsAndSums() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.row(1) == [4, 5, 6])
        #expect(a.column(2) == [3, 6])
        #expect(a.sum() == 21)
        #expect(a.rowSums() == Matrix(column: [6, 15]))
        #expect(a.columnSums() == Matrix(row: [5, 7, 9]))
        #expect(Matrix.identity(3) * a.transposed == a.transposed)
        #expect(dot([1, 2, 3], [4, 5, 6]) == 32)
    }

    @Test func printsAlignedRows() {
        let text = Matrix([[0, -1], [10, 0.5]]).description
        #expect(text == "⎡  0   −1 ⎤\n⎣ 10  0.5 ⎦")
    }

    @Test func formatsNumbersCompactly() {
        #expect(formatNumber(2) == "2")
        #expect(formatNumber(-3) == "−3")
        #expect(formatNumber(0.25) == "0.25")
        #expect(formatNumber(1.0 / 3) == "0.3333")
        #expect(formatNumber(-2.5e-9) == "−2.5e−9")
        #expect(formatNumber(6.02e23) == "6.02e23")
        #expect(formatNumber(.nan) == "nan")
        #expect(formatNumber(-.infinity) == "−∞")
        #expect(formatNumber(-0.0) == "0")
    }
}
