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
    /// What failed, in order, each with its explanation still to be tested on every case.
    private var findings: [Finding] = []
    /// The ratio observed / expected of every comparison, with what was compared; its
    /// quantity is worked out only when a diagnosis asks, so a comparison that passes costs
    /// no text.
    private var ratios: [(what: () -> String, ratio: Double?, entries: Int)] = []

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
        do {
            return try decode(runner.call(function, arguments.map(\.wireValue), deadline: deadline), as: type, "\(function)'s result")
        } catch let planned as SubmissionRunner.Planned {
            guard let placeholder = (T.self as? any Placeholder.Type)?.placeholder as? T else { throw planned }
            return placeholder
        }
    }

    /// Calls a student's function that returns a tuple, and returns its parts.
    public func tuple(_ function: String, count: Int, _ arguments: any WireConvertible...) throws -> [WireValue] {
        let value: WireValue
        do {
            value = try runner.call(function, arguments.map(\.wireValue), deadline: deadline)
        } catch is SubmissionRunner.Planned {
            return Array(repeating: .double(0), count: count)
        }
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

    /// Runs `body`, whose calls do not depend on one another's results, after making all
    /// its calls at once: a loop of a hundred calls costs one round trip instead of a hundred.
    ///
    /// To learn the calls, `body` first runs with every call answered by a stand-in (0, an
    /// empty list) and what it expects forgotten; so the arguments of a call in `body` must
    /// not come from another call's result. A call that fails is made again when `body`
    /// runs, where its failure is reported as usual.
    public func batched(_ body: () throws -> Void) throws {
        // While planning nothing is recorded (see `record`, `compare`), so the plan is the body.
        try prefetching({ try? body() }, then: body)
    }

    /// Makes at once the calls that `plan` makes, then runs `body`, whose same calls take
    /// those answers. Inside another batch's plan, `body` just runs: the outer plan learns
    /// its calls; answers left over are forgotten when the outermost batch ends.
    func prefetching<T>(_ plan: () -> Void, then body: () throws -> T) throws -> T {
        if runner.isPlanning { return try body() }
        batchDepth += 1
        defer {
            batchDepth -= 1
            if batchDepth == 0 { runner.forgetAnswers() }
        }
        runner.batch(deadline: deadline, plan)
        return try body()
    }
    private var batchDepth = 0

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
    public func expect(_ observed: [Int], equals expected: [Int], _ what: String, mistakes: [(String, [Int])] = []) {
        guard observed != expected else { return record(nil) }
        if let known = mistakes.first(where: { $0.1 == observed }) {
            return record("\(what): expected \(expected), got \(observed). \(known.0)")
        }
        if observed.count != expected.count {
            return record("\(what): expected \(expected.count) values \(expected), got \(observed.count): \(observed).")
        }
        let first = zip(observed, expected).enumerated().first { $0.element.0 != $0.element.1 }!.offset
        record("\(what): expected \(expected), got \(observed) (first difference at [\(first)]).")
    }

    /// Expects a number to be right within the tolerance.
    public func expect(_ observed: Double, equals expected: Double, _ what: @autoclosure @escaping () -> String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what(), tolerance ?? self.tolerance, mistakes)
    }

    /// Expects an array to be right, entry by entry, within the tolerance.
    public func expect(_ observed: [Double], equals expected: [Double], _ what: @autoclosure @escaping () -> String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what(), tolerance ?? self.tolerance, mistakes)
    }

    /// Expects a matrix to have the right shape and entries within the tolerance.
    public func expect(_ observed: Matrix, equals expected: Matrix, _ what: @autoclosure @escaping () -> String,
                       tolerance: Tolerance? = nil, mistakes: [Mistake] = []) {
        compare(Numbers(observed), Numbers(expected), what(), tolerance ?? self.tolerance, mistakes)
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
        let findingsBefore = findings.count
        compare(Numbers(analytic), Numbers(reference), name, tolerance, mistakes)
        let matchesReference = findings.count == findingsBefore
        guard analytic.rows == point.rows, analytic.columns == point.columns else { return }
        let probes = (0..<point.count).map { checker.probePoints(around: point.scalars, index: $0) }
            .map { (Matrix(rows: point.rows, columns: point.columns, scalars: $0.plus),
                    Matrix(rows: point.rows, columns: point.columns, scalars: $0.minus)) }
        try prefetching({
            _ = try? loss(point)
            for (plus, minus) in probes { _ = try? loss(plus); _ = try? loss(minus) }
        }) { try compareWithCentralDifferences(name, analytic: analytic, reference: reference, at: point, probes: probes,
                                               lossName: lossName, loss: loss, matchesReference: matchesReference, checker: checker) }
    }

    private func compareWithCentralDifferences(_ name: String, analytic: Matrix, reference: Matrix, at point: Matrix,
                                               probes: [(Matrix, Matrix)], lossName: String, loss: (Matrix) throws -> Double,
                                               matchesReference: Bool, checker: GradientCheck) throws {
        let center = try loss(point)
        var entries: [GradientCheck.Entry] = []
        for (i, (plus, minus)) in probes.enumerated() {
            let probe = GradientCheck.Probe(center: center, plus: try loss(plus), minus: try loss(minus))
            entries.append(checker.compare(index: i, analytic: analytic.scalars[i], probe: probe))
        }
        let failed = entries.filter { $0.status == .disagrees }
        let numericMatchesReference = zip(entries, reference.scalars).allSatisfy {
            $0.status != .disagrees || checker.agree($1, $0.numeric)
        }
        recordCentralDifferences(name, index: { Numbers(analytic).indexText($0) }, failed: failed, count: entries.count,
                                 lossName: lossName, limit: checker.relativeTolerance,
                                 matchesReference: matchesReference, numericMatchesReference: numericMatchesReference)
    }

    /// Records the comparison of an analytic derivative with central differences, saying
    /// which side is wrong when the reference tells: a gradient equal to the reference that
    /// disagrees with the student's own function means the function is wrong; central
    /// differences equal to the reference mean the function is right and the gradient is not,
    /// which the comparison with the reference already reported.
    private func recordCentralDifferences(_ name: String, index: (Int) -> String, failed: [GradientCheck.Entry], count: Int,
                                          lossName: String, limit: Double, matchesReference: Bool, numericMatchesReference: Bool) {
        guard let first = failed.first else { return record(finding: nil) }
        if !matchesReference && numericMatchesReference {
            amendLastFinding("The central differences of \(lossName) agree with the reference, so the function is right and its derivative is not.")
            return record(finding: Finding(quantity: name + " (central differences)", text: "", explanation: nil))
        }
        var message = "\(name)\(index(first.index)): yours is \(formatNumber(first.analytic, digits: 6)), "
            + "the central difference of \(lossName) is \(formatNumber(first.numeric, digits: 6)) "
            + "(relative error \(formatError(first.relativeError)), limit \(formatNumber(limit)))"
            + (count > 1 ? "; \(failed.count) of \(count) entries disagree." : ".")
        if matchesReference {
            message += " Your derivative equals the reference one, so it is \(lossName) (the function or forward pass) that is wrong: compare its values with the formula."
        }
        record(finding: Finding(quantity: name + " (central differences)", text: message, explanation: nil))
    }

    private func compare(_ observed: Numbers, _ expected: Numbers, _ what: @autoclosure @escaping () -> String,
                         _ tolerance: Tolerance, _ mistakes: [Mistake]) {
        // While a batch learns its calls, the results are stand-ins: nothing to compare.
        guard !runner.isPlanning else { return }
        let explanation = { Diagnosis.explanation(observed: observed, expected: expected, tolerance: tolerance, mistakes: mistakes) }
        guard observed.sameShape(as: expected) else {
            let what = what()
            return record(finding: Finding(quantity: Finding.quantity(of: what),
                                           text: "\(what): expected \(expected.shapeDescription), got \(observed.shapeDescription).",
                                           explanation: explanation()))
        }
        let wrong = observed.scalars.indices.filter { !tolerance.accepts(observed.scalars[$0], expected.scalars[$0]) }
        let entries = expected.scalars.count { abs($0) > 100 * tolerance.absolute }
        if entries > 0 {
            ratios.append((what, wrong.isEmpty ? 1 : Diagnosis.ratio(observed: observed, expected: expected, tolerance: tolerance), entries))
        }
        guard let first = wrong.first else { return record(finding: nil) }
        let what = what()
        let o = observed.scalars[first], e = expected.scalars[first]
        var message = "\(what)\(observed.indexText(first)): expected \(formatNumber(e, digits: 6)), got \(formatNumber(o, digits: 6))"
        if o.isFinite && e.isFinite { message += " (relative error \(formatError(relativeError(o, e))))" }
        message += "."
        if observed.scalars.count > 1 { message += " \(wrong.count) of \(observed.scalars.count) entries are wrong." }
        record(finding: Finding(quantity: Finding.quantity(of: what), text: message, explanation: explanation()))
    }

    /// The messages of the failed expectations, each explanation kept only where every case
    /// of its quantity bears it out, and each finding once.
    var failures: [String] {
        var messages: [String] = []
        var lastExplanation: String?
        for finding in findings {
            var message = finding.text
            if let explanation = finding.explanation, holds(explanation, for: finding.quantity) {
                message += explanation.text == lastExplanation ? " The same mistake as above." : " " + explanation.text
                lastExplanation = explanation.text
            }
            if !message.isEmpty && !messages.contains(message) { messages.append(message) }
        }
        if messages.isEmpty && metCount < expectationCount { messages.append("An expectation failed.") }
        return messages
    }

    /// Whether an explanation accounts for every case of its quantity in this check: a
    /// factor only when every comparison of the quantity shows that same ratio, in two or
    /// more entries or cases together; a known mistake only when no other failure of the
    /// quantity is left unexplained by the known mistakes.
    private func holds(_ explanation: Explanation, for quantity: String) -> Bool {
        switch explanation.claim {
        case .fact:
            return true
        case .known:
            return !findings.contains { $0.quantity == quantity && $0.explanation?.claim != .known }
        case .factor(let c):
            let seen = ratios.filter { Finding.quantity(of: $0.what()) == quantity }
            return seen.allSatisfy { $0.ratio.map { abs($0 - c) <= 1e-5 * abs(c) } ?? false }
                && seen.map(\.entries).reduce(0, +) > 1
        }
    }

    private func record(finding: Finding?) {
        // While a batch learns its calls, results are stand-ins: nothing is expected of them.
        guard !runner.isPlanning else { return }
        expectationCount += 1
        if let finding { findings.append(finding) } else { metCount += 1 }
    }

    private func record(_ failure: String?) {
        record(finding: failure.map { Finding(quantity: Finding.quantity(of: $0), text: $0, explanation: nil) })
    }

    /// Appends a sentence to the last finding, which a later expectation adds evidence to.
    private func amendLastFinding(_ sentence: String) {
        guard !findings.isEmpty, !runner.isPlanning else { return }
        findings[findings.count - 1].text += " " + sentence
    }
}

/// A failed expectation: where and what, and the explanation the diagnosis offers for it.
struct Finding {
    /// The quantity compared, as its message names it without index or arguments:
    /// `softplus` for `softplus(800.0)`, `∂L/∂W` for `∂L/∂W[1, 2]`.
    var quantity: String
    var text: String
    var explanation: Explanation?

    /// Returns the quantity a comparison or message is about: without its arguments and
    /// index, and without the case it was tried on (`at …`, `on …`, `for …`, `with …`, or a
    /// lead-in before the last comma), but with the part after a colon:
    /// `trainPerceptron: the final bias` for `trainPerceptron on 24 points (η = 1): the final
    /// bias`, `∂J/∂Ω₀` for `For the 3-4-2 network (N = 4), ∂J/∂Ω₀[1, 2]`.
    static func quantity(of what: String) -> String {
        var text = what
        for marker in [": expected ", ": yours is "] {
            if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        var plain = ""
        var depth = 0
        for character in text {
            if "([".contains(character) { depth += 1 } else if ")]".contains(character) { depth = max(depth - 1, 0) } else if depth == 0 { plain.append(character) }
        }
        let parts = plain.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        var head = parts.first ?? ""
        // "For the 3-4-2 network, ∂J/∂Ω₀" and "With D = 3, N = 4, ∂L/∂X" name the case first.
        if let comma = head.range(of: ", ", options: .backwards) { head = String(head[comma.upperBound...]) }
        for stop in [" at ", " on ", " for ", " with "] {
            if let range = head.range(of: stop) { head = String(head[..<range.lowerBound]) }
        }
        return parts.count > 1 ? head + ": " + parts[1] : head
    }
}

/// Formats a relative error with enough digits that a wrong entry never shows 0.
func formatError(_ e: Double) -> String {
    guard e.isFinite, e > 0 else { return formatNumber(e) }
    return e >= 0.01 ? formatNumber(e, digits: 3) : formatNumber(e, digits: Int(-floor(log10(e))) + 2)
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
        let findingsBefore = findings.count
        if let reference { expect(analytic, equals: reference, place, mistakes: mistakes) }
        let matchesReference = reference != nil && findings.count == findingsBefore
        let (plus, minus) = checker.probePoints(around: [value], index: 0)
        let probe = try prefetching({ for x in [value, plus[0], minus[0]] { _ = try? function(x) } }) {
            GradientCheck.Probe(center: try function(value), plus: try function(plus[0]), minus: try function(minus[0]))
        }
        let entry = checker.compare(index: 0, analytic: analytic, probe: probe)
        let numericMatchesReference = reference.map { checker.agree($0, entry.numeric) } ?? false
        recordCentralDifferences(place, index: { _ in "" }, failed: entry.status == .disagrees ? [entry] : [], count: 1,
                                 lossName: functionName, limit: checker.relativeTolerance,
                                 matchesReference: matchesReference, numericMatchesReference: numericMatchesReference)
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

extension GradientCheck {
    /// Whether two derivatives agree by this checker's tolerances.
    func agree(_ a: Double, _ b: Double) -> Bool {
        a.isFinite && b.isFinite && (abs(a - b) <= absoluteTolerance || relativeError(a, b) <= relativeTolerance)
    }
}

/// A value a call returns while `CheckContext.batched` learns the calls of its body.
protocol Placeholder {
    static var placeholder: Self { get }
}

extension Double: Placeholder { static var placeholder: Double { 0 } }
extension Int: Placeholder { static var placeholder: Int { 0 } }
extension Array: Placeholder { static var placeholder: [Element] { [] } }
extension Matrix: Placeholder { static var placeholder: Matrix { Matrix(rows: 0, columns: 0) } }
