import CourseTestSupport
import Foundation
import Testing
@testable import Grader

/// Submissions that loop, crash, lie or do not compile get a clear verdict within the time
/// limit, and never a passing one.
@Suite struct HostileSubmissionTests {
    let exercise1 = Catalogue.exercise(named: "exercise1")!
    let solution1 = courseFile("solutions/exercise1.swift")

    @Test func endlessLoopTimesOut() throws {
        let source = replacingBody(of: "tanhDerivative", in: solution1, with: "var i = 0\nwhile true { i &+= 1 }")
        let result = try grade(exercise1, source: source)
        let check = result.check("tanhDerivative")
        #expect(check.status == .error)
        // Stopped after a second of work; on a machine too loaded to give it the processor, at the
        // check's own limit.
        let said = check.messages.joined()
        #expect(said.contains("tanhDerivative did not return within 1 s") || said.contains("Stopped after 5 s"), "\(check.messages)")
        #expect(result.check("sigmoidDerivative").status == .passed, "the checks before the loop keep their result")
        #expect(result.check("leakyRelu").status == .passed, "the checks after the loop run in a new process")
        #expect(result.status == .failed)
    }

    @Test func trapIsReportedWithTheRuntimeMessage() throws {
        let source = replacingBody(of: "elu", in: solution1, with: "let values: [Double] = []\nreturn values[Int(alpha)]")
        let result = try grade(exercise1, source: source)
        let check = result.check("elu and its derivative")
        #expect(check.status == .error)
        #expect(check.messages.joined().contains("crashed"), "\(check.messages)")
        #expect(check.messages.joined().contains("Index out of range"), "\(check.messages)")
        #expect(result.check("softplus and its derivative").status == .passed)
    }

    @Test func forgedSuccessAndExitZeroDoNotPass() throws {
        let source = replacingBody(of: "sigmoidDerivative", in: solution1, with: """
            print("✓ every check passes · Score 12/12")
            let forged = "ok 1 d 0.25\\nok 2 d 0.25\\n"
            _ = forged.withCString { write(3, $0, strlen($0)) }
            exit(0)
            """)
        let result = try grade(exercise1, source: source)
        #expect(result.status == .failed)
        #expect(result.score < exercise1.maxPoints)
        let check = result.check("sigmoidDerivative")
        #expect(check.status != .passed)
        #expect(result.allMessages.contains("must not call exit()"), "\(result.allMessages)")
        #expect(result.printed?.contains("Score 12/12") == true, "what it printed is shown as its output, nothing more")
    }

    @Test func compileErrorShowsTheDiagnosticsWithTheStudentsPath() throws {
        let source = replacingBody(of: "softplus", in: solution1, with: "return undefinedName + x")
        let result = try grade(exercise1, source: source)
        #expect(result.status == .compileError)
        #expect(result.score == 0)
        let output = result.compilerOutput ?? ""
        #expect(output.contains("cannot find 'undefinedName' in scope"), "\(output)")
        #expect(output.contains("exercise1.swift:"), "\(output)")
        #expect(!output.contains("main.swift"), "the driver stays invisible: \(output)")
        #expect(result.checks.allSatisfy { $0.status == .failed })
    }

    @Test func changedSignatureIsExplained() throws {
        let source = solution1.replacingOccurrences(of: "func softplus(_ x: Double) -> Double", with: "func softplus(x: Double) -> Double")
        let result = try grade(exercise1, source: source)
        #expect(result.status == .compileError)
        let output = result.compilerOutput ?? ""
        #expect(output.contains("exactly as the starter declares them"), "\(output)")
        #expect(output.contains("func softplus(_ x: Double) -> Double"), "\(output)")
    }

    @Test func topLevelCodeIsACompileError() throws {
        let result = try grade(exercise1, source: solution1 + "\nprint(\"hello\")\n")
        #expect(result.status == .compileError)
        #expect(result.compilerOutput?.contains("exercise1.swift") == true)
    }

    @Test func floodOfOutputIsStopped() throws {
        let source = replacingBody(of: "softplus", in: solution1, with: """
            let line = String(repeating: "spam ", count: 200)
            while true { print(line) }
            """)
        let result = try grade(exercise1, source: source)
        let check = result.check("softplus and its derivative")
        #expect(check.status == .error)
        #expect(check.messages.joined().contains("printed more than"), "\(check.messages)")
        #expect((result.printed?.utf8.count ?? 0) < 20_000)
    }

    @Test func missingFileIsNotSubmitted() throws {
        let result = try sharedGrader.grade(exercise1, file: URL(fileURLWithPath: "/nonexistent/exercise1.swift"))
        #expect(result.status == .notSubmitted)
        #expect(result.score == 0)
    }
}

/// An endless loop is stopped once: the function is named, and every later check that needs
/// it says so at once instead of waiting again.
@Suite struct EndlessLoopTests {
    @Test func aFunctionThatNeverReturnsIsStoppedOnce() throws {
        let exercise1 = Catalogue.exercise(named: "exercise1")!
        var grader = sharedGrader
        grader.limits = RunLimits()
        let source = replacingBody(of: "softplus", in: courseFile("solutions/exercise1.swift"),
                                   with: "var i = 0\nwhile true { i &+= 1 }")
        let result = try grade(exercise1, source: source, grader: grader)
        let needing = result.checks.filter { $0.messages.joined().contains("softplus") && $0.status != .passed }
        #expect(needing.count >= 2, "\(result.checks.map { ($0.name, $0.messages) })")
        // Named once, after 2 s of work (the benchmark measures what that costs in all).
        #expect(needing.first?.messages.joined().contains("softplus did not return within 2 s") == true
                || needing.first?.messages.joined().contains("Stopped after") == true, "\(needing.first?.messages ?? [])")
        #expect(needing.dropFirst().allSatisfy { $0.messages.joined().contains("Not run: softplus did not return") },
                "\(needing.map(\.messages))")
        #expect(result.check("swish").status == .passed, "the other functions are still graded")
    }
}

/// Checks send many calls at once (`CheckContext.batched`, the differential checks); what
/// goes wrong inside a batch is told as precisely as one call at a time.
@Suite struct BatchedCallTests {
    let exercise1 = Catalogue.exercise(named: "exercise1")!
    let solution1 = courseFile("solutions/exercise1.swift")

    @Test func aCrashInsideABatchIsToldAgainstItsInput() throws {
        // Crashes only far out on the left: the differential check's batch holds 100 inputs,
        // a few of them there; the report must name one of those, not the batch's first.
        let source = replacingBody(of: "softplus", in: solution1, with: """
            let none: [Double] = []
            if x < -700 { return none[0] }
            return max(x, 0) + log1p(exp(-abs(x)))
            """)
        let result = try grade(exercise1, source: source)
        let differential = result.check("every function agrees with the reference")
        let said = differential.messages.joined()
        #expect(differential.status != .passed, "\(differential.messages)")
        #expect(said.contains("softplus(-"), "\(said)")
        #expect(said.contains("crashed"), "\(said)")
        #expect(!said.contains("sigmoidDerivative differs"), "only softplus is wrong: \(said)")
        #expect(result.check("softplus and its derivative on ordinary inputs").status == .passed)
        #expect(result.check("swish and its derivative").status == .passed)
    }

    @Test func aFunctionThatLoopsOnSomeInputsOfABatchIsStoppedOnceAndNamed() throws {
        var grader = sharedGrader
        grader.limits = RunLimits()
        // Loops only far out: the first batch that reaches such an input stops it.
        let source = replacingBody(of: "swish", in: solution1, with: """
            var i = 0
            while x > 200 { i &+= 1 }
            return x * sigmoid(x)
            """)
        let result = try grade(exercise1, source: source, grader: grader)
        #expect(result.check("swish and its derivative").status == .passed, "no input there is far out")
        let needing = result.checks.filter { $0.messages.joined().contains("swish") && $0.status != .passed }
        #expect(needing.first?.messages.joined().contains("swish did not return within 2 s") == true
                || needing.first?.messages.joined().contains("Stopped after") == true, "\(needing.map(\.messages))")
        #expect(needing.dropFirst().allSatisfy { $0.messages.joined().contains("Not run: swish did not return") },
                "\(needing.map(\.messages))")
        // The functions called in the same batch before swish keep their answers.
        let farOut = result.check("every function is finite and right for |x| in the hundreds")
        #expect(!farOut.messages.joined().contains("softplus"), "\(farOut.messages)")
    }
}
