import CourseKit
import Testing
@testable import Grader

/// The diagnosis recognises each usual mistake from the numbers alone.
@Suite struct DiagnosisTests {
    let expected = Numbers(Matrix([[0.5, -1.25, 2], [3.5, 0.75, -0.5]]))
    let tolerance = Tolerance.standard

    func explain(_ observed: Numbers, mistakes: [Mistake] = []) -> String {
        Diagnosis.explain(observed: observed, expected: expected, tolerance: tolerance, mistakes: mistakes) ?? "(none)"
    }

    @Test func signFlip() {
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: expected.scalars.map { -$0 }))).contains("opposite sign"))
    }

    @Test func constantFactors() {
        let m = { (c: Double) in Numbers(Matrix(rows: 2, columns: 3, scalars: self.expected.scalars.map { $0 * c })) }
        #expect(explain(m(2)).contains("twice"))
        #expect(explain(m(0.5)).contains("half"))
        #expect(explain(m(4)).contains("4 times"))
        #expect(explain(m(0.25)).contains("mean 1/N"))
    }

    @Test func transposeByShapeAndBySquareValues() {
        #expect(explain(expected.transposed).contains("transpose of the expected matrix"))
        let square = Numbers(Matrix([[1, 2], [3, 4]]))
        let text = Diagnosis.explain(observed: square.transposed, expected: square, tolerance: tolerance, mistakes: [])
        #expect(text?.contains("transpose") == true)
    }

    @Test func rowForColumn() {
        let column = Numbers(Matrix(column: [1, 2, 3]))
        let text = Diagnosis.explain(observed: column.transposed, expected: column, tolerance: tolerance, mistakes: [])
        #expect(text?.contains("column vector (3×1)") == true, "\(text ?? "")")
    }

    @Test func zerosAndNonFinite() {
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3))).contains("Every entry is 0"))
        var scalars = expected.scalars
        scalars[4] = .nan
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))).contains("Entry [1, 1] is NaN"))
        scalars[4] = -.infinity
        #expect(explain(Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))).contains("an infinity"))
    }

    @Test func knownMistakeWinsAndPartialMatchesAreCounted() {
        var scalars = expected.scalars
        scalars[0] = 9
        let observed = Numbers(Matrix(rows: 2, columns: 3, scalars: scalars))
        #expect(explain(observed, mistakes: [Mistake("the known one", observed)]) == "the known one")
        #expect(explain(observed).contains("5 of 6 entries are right"))
    }
}
