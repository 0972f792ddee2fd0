import CourseKit

/// One parameter's gradient compared with central differences, entry by entry.
public struct ParameterCheck: Sendable {
    /// The parameter's name, as the lesson writes it (`Ω₂`, `β₀`, `w₁`).
    public let name: String
    /// The parameter's shape.
    public let rows, columns: Int
    /// The checker's verdict for every entry.
    public let result: GradientCheck.Result

    /// The number of entries skipped because they lie within a step of a ReLU kink.
    public var nearKinkCount: Int { result.entries.filter { $0.status == .nearKink }.count }
}

/// Checks the analytic gradients of a loss with respect to several matrix parameters.
///
/// Entry by entry, each parameter is moved a step h either way with the others held fixed:
/// ```
/// nᵢ = (L(θ + h eᵢ) − L(θ − h eᵢ)) / 2h        error = |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|)
/// ```
/// - Parameters:
///   - parameters: the parameters' current values, with their names.
///   - analytic: the gradient to check, one matrix per parameter, in the same order.
///   - loss: the loss as a function of all the parameters.
/// - Complexity: two evaluations of the loss per entry.
public func checkGradients(of parameters: [(name: String, value: Matrix)], analytic: [Matrix],
                           checker: GradientCheck = GradientCheck(),
                           loss: ([Matrix]) -> Double) -> [ParameterCheck] {
    precondition(parameters.count == analytic.count, "one analytic gradient per parameter")
    let values = parameters.map(\.value)
    return parameters.indices.map { k in
        let result = checker.check(analytic: analytic[k], of: { moved in
            var all = values
            all[k] = moved
            return loss(all)
        }, at: values[k])
        return ParameterCheck(name: parameters[k].name, rows: values[k].rows, columns: values[k].columns,
                              result: result)
    }
}

/// Returns a table of gradient checks: one row per parameter with its shape, the entries
/// compared, those skipped near a kink, the largest relative error and the verdict.
public func gradientCheckTable(_ checks: [ParameterCheck]) -> TextTable {
    var table = TextTable(header: ["parameter", "shape", "entries", "near kink", "max rel. error", "verdict"])
    for check in checks {
        table.append([check.name, "\(check.rows)×\(check.columns)", "\(check.result.entries.count)",
                      "\(check.nearKinkCount)", formatNumber(check.result.maxRelativeError, digits: 2),
                      check.result.passed ? "agrees" : "DISAGREES"])
    }
    return table
}

/// How the error of a finite difference depends on the step h, for a function whose
/// derivative is known exactly.
/// ```
/// forward difference   (f(x + h) − f(x)) / h             error ≈ |f″| h / 2       + rounding ε/h
/// central difference   (f(x + h) − f(x − h)) / 2h        error ≈ |f‴| h² / 6      + rounding ε/h
/// ```
/// The truncation error falls as h shrinks, the rounding error grows, so each formula has a
/// best step: about √ε ≈ 1e−8 for the forward difference, ∛ε ≈ 1e−5 for the central one.
public struct FiniteDifferenceStudy: Sendable {
    /// One step size and the absolute errors of both formulas.
    public struct Row: Sendable {
        /// The step h.
        public let step: Double
        /// |forward difference − exact derivative|.
        public let forwardError: Double
        /// |central difference − exact derivative|.
        public let centralError: Double
    }

    /// The rows for steps 10⁻¹, 10⁻², …, 10⁻¹², for f = tanh at x.
    public let rows: [Row]

    /// Runs the study for f = tanh at `x`, whose derivative is 1 − tanh²(x).
    public init(x: Double) {
        let exact = 1 - tanh(x) * tanh(x)
        rows = (1...12).map { e in
            let h = pow(10, -Double(e))
            let forward = (tanh(x + h) - tanh(x)) / h
            let central = (tanh(x + h) - tanh(x - h)) / (2 * h)
            return Row(step: h, forwardError: abs(forward - exact), centralError: abs(central - exact))
        }
    }

    /// The step with the smallest central-difference error.
    public var bestCentralStep: Double { rows.min { $0.centralError < $1.centralError }!.step }

    /// The step with the smallest forward-difference error.
    public var bestForwardStep: Double { rows.min { $0.forwardError < $1.forwardError }!.step }
}
