/// The outcome of one check.
public struct CheckResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case passed, failed
        /// The submission could not answer: a crash, a timeout, a missing function.
        case error
        /// Not run, because the exercise's time was used up.
        case skipped
    }

    public var name: String
    public var status: Status
    public var score: Double
    public var maxScore: Double
    public var visibility: Visibility
    /// What went wrong, most useful first; empty when the check passed.
    public var messages: [String]
    public var seconds: Double
}

/// The outcome of grading one file of one exercise.
public struct ExerciseResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case passed, failed
        case compileError = "compile-error"
        case notSubmitted = "not-submitted"
        /// Present but not gradable: too large, not UTF-8 text, or a link.
        case rejected
    }

    public var exercise: String
    public var title: String
    public var file: String
    public var status: Status
    public var score: Double
    public var maxScore: Double
    public var checks: [CheckResult]
    /// The compiler's diagnostics when the file did not compile.
    public var compilerOutput: String?
    /// The start of what the submission printed on stdout, if anything.
    public var printed: String?
    /// The rule numbers are compared with, as reports state it.
    public var tolerance: String
    /// Whether the compiled program came from the cache (the file was unchanged).
    public var cached: Bool
    public var seconds: Double

    /// Returns the result as a student may see it: hidden checks keep their points and
    /// status but lose their names and messages, and what the program printed is left out
    /// when hidden checks ran, since it could show their inputs.
    public func redactingHidden() -> ExerciseResult {
        var copy = self
        if checks.contains(where: { $0.visibility == .hidden }) && printed != nil {
            copy.printed = "(not shown: hidden checks ran, and what your code printed could reveal their inputs)"
        }
        var hiddenNumber = 0
        copy.checks = checks.map { check in
            guard check.visibility == .hidden else { return check }
            hiddenNumber += 1
            var redacted = check
            redacted.name = "hidden check \(hiddenNumber)"
            redacted.messages = check.status == .passed ? [] : ["hidden check failed"]
            return redacted
        }
        return copy
    }
}
