import Testing
import CourseKit

/// Expects two arrays to agree entry by entry within `|o − e| ≤ absolute + relative·|e|`,
/// recording expected versus observed for the first entries that do not.
public func expectClose(_ observed: [Double], _ expected: [Double], relative: Double = 1e-9, absolute: Double = 1e-12,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard observed.count == expected.count else {
        Issue.record("\(what): expected \(expected.count) entries, observed \(observed.count)",
                     sourceLocation: sourceLocation)
        return
    }
    let tolerance = Tolerance(relative: relative, absolute: absolute)
    let bad = observed.indices.filter { !tolerance.accepts(observed[$0], expected[$0]) }
    for i in bad.prefix(3) {
        let error = relativeError(observed[i], expected[i])
        Issue.record("\(what)[\(i)]: expected \(expected[i]), observed \(observed[i]), relative error \(error)",
                     sourceLocation: sourceLocation)
    }
}

/// Expects two matrices to have the same shape and agree entry by entry.
public func expectClose(_ observed: Matrix, _ expected: Matrix, relative: Double = 1e-9, absolute: Double = 1e-12,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard observed.rows == expected.rows && observed.columns == expected.columns else {
        let shapes = "expected \(expected.rows)×\(expected.columns), observed \(observed.rows)×\(observed.columns)"
        Issue.record("\(what): \(shapes)", sourceLocation: sourceLocation)
        return
    }
    expectClose(observed.scalars, expected.scalars, relative: relative, absolute: absolute, what,
                sourceLocation: sourceLocation)
}

/// Expects a gradient check to pass, recording the coordinates that disagree.
public func expectPasses(_ result: GradientCheck.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!result.entries.isEmpty, "\(what): nothing was checked", sourceLocation: sourceLocation)
    for entry in result.failures.prefix(3) {
        let values = "analytic \(entry.analytic), numeric \(entry.numeric), relative error \(entry.relativeError)"
        Issue.record("\(what)[\(entry.index)]: \(values)", sourceLocation: sourceLocation)
    }
}
