import CourseKit
import SubmissionRuntime

/// What a check's code works with: calls into the student's submission, and expectations
/// that record what is right and what is not.
///
/// Calls throw when the submission cannot answer (a crash, a timeout, a function not yet
/// written, a result of the wrong type); expectations never throw, so one check can report
/// several wrong entries at once.
public final class CheckContext {
    let runner: SubmissionRunner
    let deadline: ContinuousClock.Instant
    /// The tolerance used when an expectation names none.
    public let tolerance = Tolerance.standard
    private(set) var expectationCount = 0
    private(set) var metCount = 0
    private(set) var failures: [String] = []
    /// The last explanation recorded, so that the same one is not repeated entry after entry.
    private var lastExplanation: String?

    init(runner: SubmissionRunner, deadline: ContinuousClock.Instant) {
        self.runner = runner
        self.deadline = deadline
    }

    // MARK: Calling the submission

    /// Calls a student's function and returns its raw result.
    public func call(_ function: String, _ arguments: any WireConvertible...) throws -> WireValue {
        try runner.call(function, arguments.map(\.wireValue), deadline: deadline)
    }

    /// Calls a student's function that returns a `Double`.
    public func number(_ function: String, _ arguments: any WireConvertible...) throws -> Double {
        try result(of: function, arguments, as: Double.self)
    }

    /// Calls a student's function that returns an `Int`.
    public func integer(_ function: String, _ arguments: any WireConvertible...) throws -> Int {
        try result(of: function, arguments, as: Int.self)
    }

    /// Calls a student's function that returns a `Matrix`.
    public func matrix(_ function: String, _ arguments: any WireConvertible...) throws -> Matrix {
        try result(of: function, arguments, as: Matrix.self)
    }

    /// Calls a student's function that returns a `[Double]`.
    public func array(_ function: String, _ arguments: any WireConvertible...) throws -> [Double] {
        try result(of: function, arguments, as: [Double].self)
    }

    /// Calls a student's function and reads its result as `type`.
    private func result<T: WireConvertible>(of function: String, _ arguments: [any WireConvertible], as type: T.Type) throws -> T {
        try decode(runner.call(function, arguments.map(\.wireValue), deadline: deadline), as: type, "\(function)'s result")
    }

    /// Calls a student's function that returns a tuple, and returns its parts.
    public func tuple(_ function: String, count: Int, _ arguments: any WireConvertible...) throws -> [WireValue] {
        let value = try runner.call(function, arguments.map(\.wireValue), deadline: deadline)
        guard case .list(let parts) = value, parts.count == count else {
            throw CheckAbort("\(function) returned \(value.kindDescription), expected a tuple of \(count) values.")
        }
        return parts
    }

    /// Reads a value as the type a check expects, or stops the check saying what came back.
    public func decode<T: WireConvertible>(_ value: WireValue, as type: T.Type, _ what: String) throws -> T {
        do {
            return try T(wire: value)
        } catch {
            throw CheckAbort("\(what) is \(value.kindDescription), expected \(T.wireTypeName).")
        }
    }

    // MARK: Expectations

    /// Records a condition that must hold, with the message to show when it does not.
    public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        record(condition ? nil : message())
    }

    /// Expects an integer result to be exactly right.
    public func expect(_ observed: Int, equals expected: Int, _ what: String, mistakes: [(String, Int)] = []) {
        guard observed != expected else { return record(nil) }
        let known = mistakes.first { $0.1 == observed }.map { " " + $0.0 } ?? ""
        record("\(what): expected \(expected), got \(observed).\(known)")
    }

    /// Expects a list of integers to be exactly right.
    public func expect(_ observed: [Int], equals expected: [Int], _ what: String) {
        guard observed != expected else { return record(nil) }
        if observed.count != expected.count {
            return record("\(what): expected \(expected.count) values \(expected), got \(observed.count): \(observed).")
        }
        let first = zip(observed, expected).enumerated().first { $0.element.0 != $0.element.1 }!.offset
        record("\(what): expected \(expected), got \(observed) (first difference at [\(first)]).")
    }

    /// Expects a number to be right within the tolerance.
    public func expect(_ observed: Double, equals expected: Double, _ what: String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what, tolerance ?? self.tolerance, mistakes)
    }

    /// Expects an array to be right, entry by entry, within the tolerance.
    public func expect(_ observed: [Double], equals expected: [Double], _ what: String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what, tolerance ?? self.tolerance, mistakes)
    }

    /// Expects a matrix to have the right shape and entries within the tolerance.
    public func expect(_ observed: Matrix, equals expected: Matrix, _ what: String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what, tolerance ?? self.tolerance, mistakes)
    }

    /// Expects the student's analytic gradient to agree with central differences of the
    /// student's own loss function, and with the reference gradient.
    ///
    /// - Parameters:
    ///   - name: how to name the gradient, for example `∂L/∂weights`.
    ///   - analytic: the student's gradient.
    ///   - reference: the reference implementation's gradient.
    ///   - point: the parameter value the gradient is taken at.
    ///   - lossName: the function the central differences are taken of, as messages name it:
    ///     "your sigmoidLayerLoss", "the reference forward pass".
    ///   - loss: evaluates the student's loss at a perturbed parameter value.
    public func expectGradient(_ name: String, analytic: Matrix, reference: Matrix, at point: Matrix,
                               lossName: String, loss: (Matrix) throws -> Double,
                               mistakes: [Mistake] = [], checker: GradientCheck = GradientCheck()) throws {
        // The comparison with the reference comes first: its named mistakes say most.
        compare(Numbers(analytic), Numbers(reference), name, tolerance, mistakes)
        guard analytic.rows == point.rows, analytic.columns == point.columns else { return }
        let center = try loss(point)
        var entries: [GradientCheck.Entry] = []
        for i in 0..<point.count {
            let (plus, minus) = checker.probePoints(around: point.scalars, index: i)
            let probe = GradientCheck.Probe(
                center: center,
                plus: try loss(Matrix(rows: point.rows, columns: point.columns, scalars: plus)),
                minus: try loss(Matrix(rows: point.rows, columns: point.columns, scalars: minus)))
            entries.append(checker.compare(index: i, analytic: analytic.scalars[i], probe: probe))
        }
        let failed = entries.filter { $0.status == .disagrees }
        if failed.isEmpty {
            record(nil)
        } else {
            let observed = Numbers(analytic)
            let numeric = Numbers(Matrix(rows: point.rows, columns: point.columns, scalars: entries.map(\.numeric)))
            let first = failed[0]
            var message = "\(name)\(observed.indexText(first.index)): yours is \(formatNumber(first.analytic, digits: 6)), "
                + "the central difference of \(lossName) is \(formatNumber(first.numeric, digits: 6)) "
                + "(relative error \(formatNumber(first.relativeError, digits: 3)), limit \(formatNumber(checker.relativeTolerance))); "
                + "\(failed.count) of \(entries.count) entries disagree."
            if let why = Diagnosis.explain(observed: observed, expected: numeric, tolerance: Tolerance(relative: 1e-4, absolute: 1e-6), mistakes: []) {
                message += " " + why
            }
            record(message)
        }
    }

    private func compare(_ observed: Numbers, _ expected: Numbers, _ what: String, _ tolerance: Tolerance, _ mistakes: [Mistake]) {
        let diagnosis = { Diagnosis.explain(observed: observed, expected: expected, tolerance: tolerance, mistakes: mistakes) }
        guard observed.sameShape(as: expected) else {
            var message = "\(what): expected \(expected.shapeDescription), got \(observed.shapeDescription)."
            if let why = diagnosis() { message += explaining(why) }
            return record(message)
        }
        let wrong = observed.scalars.indices.filter { !tolerance.accepts(observed.scalars[$0], expected.scalars[$0]) }
        guard let first = wrong.first else { return record(nil) }
        let o = observed.scalars[first], e = expected.scalars[first]
        var message = "\(what)\(observed.indexText(first)): expected \(formatNumber(e, digits: 6)), got \(formatNumber(o, digits: 6))"
        if o.isFinite && e.isFinite { message += " (relative error \(formatNumber(relativeError(o, e), digits: 3)))" }
        message += "."
        if observed.scalars.count > 1 { message += " \(wrong.count) of \(observed.scalars.count) entries are wrong." }
        if let why = diagnosis() { message += explaining(why) }
        record(message)
    }

    /// Returns the explanation to append to a message, or a short reminder when it is the
    /// same as the previous message's.
    private func explaining(_ why: String) -> String {
        defer { lastExplanation = why }
        return why == lastExplanation ? " The same mistake as above." : " " + why
    }

    private func record(_ failure: String?) {
        expectationCount += 1
        if let failure { failures.append(failure) } else { metCount += 1 }
    }
}

/// Stops a check with a message, when going on makes no sense (a result of the wrong type).
public struct CheckAbort: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension CheckContext {
    /// Expects a derivative with respect to one number to agree with the central difference
    /// of a function at that number, and, when given, with the reference derivative.
    ///
    /// - Parameters:
    ///   - name: the derivative, as messages name it: `softplusDerivative`, `∂L/∂b₂`.
    ///   - parameter: the number it is taken with respect to, as messages name it.
    ///   - functionName: the function, as messages name it: "your softplus", "tanh".
    public func expectDerivative(_ name: String, analytic: Double, reference: Double?, at value: Double,
                                 parameter: String = "x", functionName: String, function: (Double) throws -> Double,
                                 mistakes: [Mistake] = [], checker: GradientCheck = GradientCheck()) throws {
        let place = "\(name) at \(parameter) = \(formatNumber(value, digits: 6))"
        if let reference { expect(analytic, equals: reference, place, mistakes: mistakes) }
        let (plus, minus) = checker.probePoints(around: [value], index: 0)
        let probe = GradientCheck.Probe(center: try function(value), plus: try function(plus[0]), minus: try function(minus[0]))
        let entry = checker.compare(index: 0, analytic: analytic, probe: probe)
        guard entry.status == .disagrees else { return expect(true, "") }
        var message = "\(place): yours is \(formatNumber(analytic, digits: 6)), "
            + "the central difference of \(functionName) is \(formatNumber(entry.numeric, digits: 6)) "
            + "(relative error \(formatNumber(entry.relativeError, digits: 3)), limit \(formatNumber(checker.relativeTolerance)))."
        if let why = Diagnosis.explain(observed: Numbers(analytic), expected: Numbers(entry.numeric),
                                       tolerance: Tolerance(relative: 1e-4, absolute: 1e-6), mistakes: []) {
            message += " " + why
        }
        expect(false, message)
    }
}

extension CheckContext {
    /// Calls `body`; if the student's code crashes there, records the crash together with
    /// advice on its likely cause and returns nil, so that the check goes on.
    ///
    ///     guard let y = try t.whenCrashing("shallowNetwork on 3 inputs", advise: { _ in "Θ is D×Dᵢ." },
    ///                                      { try t.matrix("shallowNetwork", x, theta) }) else { return }
    ///
    /// - Parameter advise: the advice, given the crash's own message (nil when it had none).
    public func whenCrashing<T>(_ what: String, advise: (String?) -> String, _ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch SubmissionFailure.crashed(let signal, let message) {
            expect(false, "\(what) crashed (\(signal))\(message.map { ": " + $0 } ?? ""). \(advise(message))")
            return nil
        }
    }
}
