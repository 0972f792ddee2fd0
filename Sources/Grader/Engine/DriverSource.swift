/// The small program compiled with each submission: it calls the student's functions on
/// the arguments the grader sends and sends back what they return. It decides nothing; every
/// verdict is computed in the grader's own process.
enum DriverSource {
    /// Stands for the student's file in cached diagnostics, replaced when they are shown.
    static let pathPlaceholder = "<submission>"

    /// Returns `main.swift` for the exercise: one `case` per function of the catalogue.
    static func generate(for exercise: Exercise) -> String {
        var lines = [
            "import CourseKit",
            "import SubmissionRuntime",
            "",
            "// Line by line, so that what the student prints is not lost if the program crashes.",
            "setvbuf(stdout, nil, _IOLBF, 0)",
            "serveSubmission { call in",
            "    switch call.function {",
        ]
        for signature in exercise.functions {
            lines.append("    case \"\(signature.name)\": return try wire(\(signature.callExpression))")
        }
        lines += [
            "    default: throw WireError.unknownFunction(call.function)",
            "    }",
            "}",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Rewrites the compiler's output for a student: paths of the student's copy become a
    /// placeholder for the student's own path, and errors in the driver, which mean that a
    /// function's name or signature no longer matches the starter, are explained.
    static func explain(_ output: String, studentCopy: String, driver: String, exercise: Exercise) -> String {
        var text = output.replacingOccurrences(of: studentCopy, with: pathPlaceholder)
        let driverLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.contains(driver) && $0.contains("error:") }
        if !driverLines.isEmpty {
            let named = exercise.functions.filter { signature in
                driverLines.contains { $0.contains("'\(signature.name)'") || $0.contains(signature.name + "(") }
            }
            let listed = (named.isEmpty ? exercise.functions : named).map { "    " + $0.declaration }
            text = removingDriverDiagnostics(text, driver: driver)
            text += (text.isEmpty || text.hasSuffix("\n") ? "" : "\n")
                + "The grader calls your functions exactly as the starter declares them. Keep these declarations"
                + " (names, argument labels, parameter and result types) as they are:\n"
                + listed.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Drops the blocks of compiler output that point into the driver, which a student never
    /// sees and cannot change.
    private static func removingDriverDiagnostics(_ text: String, driver: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(driver) || line.hasPrefix("/") && line.contains("main.swift:") {
                skipping = true
                continue
            }
            if line.hasPrefix(pathPlaceholder) || line.hasPrefix("error:") { skipping = false }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n").trimmingTrailingNewlines()
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") || s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
