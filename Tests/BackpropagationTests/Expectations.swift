import CourseTestSupport
import Testing
import CourseKit
import Backpropagation

/// Expects `observed` to be within `tolerance` of `expected`, and says both on failure.
func expectClose(_ observed: Double, _ expected: Double, tolerance: Tolerance = .standard, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(tolerance.accepts(observed, expected),
            "\(what): expected \(expected), observed \(observed), relative error \(relativeError(observed, expected))",
            sourceLocation: sourceLocation)
}

/// Expects two arrays to agree entry by entry, and names the first entry that does not.
func expectClose(_ observed: [Double], _ expected: [Double], tolerance: Tolerance = .standard, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard observed.count == expected.count else {
        Issue.record("\(what): expected \(expected.count) entries, observed \(observed.count)",
                     sourceLocation: sourceLocation)
        return
    }
    if let i = observed.indices.first(where: { !tolerance.accepts(observed[$0], expected[$0]) }) {
        let message = "\(what)[\(i)]: expected \(expected[i]), observed \(observed[i]); "
            + "expected all \(expected), observed all \(observed)"
        Issue.record("\(message)", sourceLocation: sourceLocation)
    }
}

/// Expects two matrices to have the same shape and agree entry by entry.
func expectClose(_ observed: Matrix, _ expected: Matrix, tolerance: Tolerance = .standard, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard observed.rows == expected.rows, observed.columns == expected.columns else {
        let message = "\(what): expected shape \(expected.rows)×\(expected.columns), "
            + "observed \(observed.rows)×\(observed.columns)"
        Issue.record("\(message)", sourceLocation: sourceLocation)
        return
    }
    expectClose(observed.scalars, expected.scalars, tolerance: tolerance, what, sourceLocation: sourceLocation)
}

/// Expects every parameter's gradient check to pass, and lists the disagreeing entries.
func expectAgree(_ checks: [ParameterCheck], sourceLocation: SourceLocation = #_sourceLocation) {
    for check in checks where !check.result.passed {
        let entries = check.result.failures.map {
            "entry \($0.index): analytic \($0.analytic), numeric \($0.numeric), relative error \($0.relativeError)"
        }
        let message = "gradient of \(check.name) disagrees with central differences: "
            + entries.joined(separator: "; ")
        Issue.record("\(message)", sourceLocation: sourceLocation)
    }
}
