import CourseTestSupport
import Testing
import CourseKit

/// Expects `observed` to be within `tolerance` of `expected`, and prints both when it is not.
func expectClose(_ observed: Double, _ expected: Double, _ what: String,
                 tolerance: Tolerance = .standard, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(tolerance.accepts(observed, expected),
            "\(what): expected \(expected), observed \(observed), relative error \(relativeError(observed, expected))",
            sourceLocation: sourceLocation)
}

/// Expects two arrays to agree entry by entry within `tolerance`.
func expectClose(_ observed: [Double], _ expected: [Double], _ what: String,
                 tolerance: Tolerance = .standard, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(observed.count == expected.count,
            "\(what): expected \(expected.count) entries, observed \(observed.count)", sourceLocation: sourceLocation)
    for (i, (o, e)) in zip(observed, expected).enumerated() {
        expectClose(o, e, "\(what)[\(i)]", tolerance: tolerance, sourceLocation: sourceLocation)
    }
}

/// Expects a gradient check to pass, and names the failing entries when it does not.
func expectPasses(_ result: GradientCheck.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let failures = result.failures.map { "entry \($0.index): analytic \($0.analytic), numeric \($0.numeric)" }
    #expect(result.passed, "\(what) disagrees with central differences: \(failures)", sourceLocation: sourceLocation)
    #expect(result.maxRelativeError < 1e-6,
            "\(what): max relative error \(result.maxRelativeError)", sourceLocation: sourceLocation)
}
