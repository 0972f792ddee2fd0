import Foundation
import CourseKit
import SubmissionRuntime

/// The limits every submission runs under.
public struct RunLimits: Sendable {
    /// Wall time of one check.
    public var checkTime: Duration = .seconds(10)
    /// Wall time of one call of a student's function: the slowest reference solution's call
    /// takes under 0.1 s in the debug build, so 2 s stops only an endless loop (or work far
    /// beyond what the exercise asks), and stops it once.
    public var callTime: Duration = .seconds(2)
    /// Wall time of all the checks of one exercise together.
    public var exerciseTime: Duration = .seconds(60)
    /// Bytes a submission may print on stdout and stderr together before it is stopped.
    public var outputBytes = 1 << 20
    /// The limits the box sets before any student code runs.
    public var resources = BoxLimits(cpuSeconds: 60, memoryBytes: 2 << 30, fileBytes: 1 << 20, openFiles: 64,
                                     processes: 64)
    /// Bytes of the box's private `/tmp`.
    public var temporaryBytes = 16 << 20

    public init() {}
}

/// Why a call into a submission produced no value.
public enum SubmissionFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case notImplemented(String)
    case crashed(signal: String, message: String?)
    case exited(status: Int32, during: String)
    case timedOut(Duration)
    case didNotReturn(function: String, limit: Duration, earlier: Bool)
    case printedTooMuch(Int)
    case badReply(String)
    case noSandbox(String)

    public var description: String {
        switch self {
        case .notImplemented(let function):
            "\(function) is not implemented yet (it still calls notImplemented())."
        case .crashed(let signal, let message?):
            "Your code crashed (\(signal)): \(message)"
        case .crashed(let signal, nil):
            "Your code crashed (\(signal))"
                + (signal == "SIGSEGV" || signal == "SIGBUS" ? ": a stack overflow from endless recursion, or too much memory." : ".")
        case .exited(let status, let function):
            "Your program exited (status \(status)) while the grader waited for \(function) to return; "
                + "a submission must not call exit()."
        case .timedOut(let limit):
            "Stopped after \(limit.formattedSeconds): an endless loop, or far too much work."
        case .didNotReturn(let function, let limit, false):
            "\(function) did not return within \(limit.formattedSeconds): an endless loop, or far too much work. It was stopped, "
                + "and the checks that need it fail without calling it again."
        case .didNotReturn(let function, let limit, true):
            "Not run: \(function) did not return within \(limit.formattedSeconds) in an earlier check."
        case .printedTooMuch(let limit):
            "Stopped: your code printed more than \(limit / 1024) KB."
        case .badReply(let why):
            "The grader could not read what your code returned: \(why)"
        case .noSandbox(let why):
            why
        }
    }
}

/// Calls the functions of a compiled submission, one process at a time: the process starts
/// on the first call and is replaced after it crashes, times out or exits, so that one bad
/// check never takes the others down.
final class SubmissionRunner {
    /// What runs: a compiled program, or a staged file in the compiler's JIT.
    enum Executable {
        case program(URL)
        case interpreted(StagedSubmission, SubmissionBuild)
    }

    /// The JIT could not compile the file: the compiler's output and how it ended.
    struct CompileFailure: Error {
        let output: String
        let status: ChildProcess.Termination
    }

    private(set) var executable: Executable
    /// Whether this runner compiled the interpreted file into the cache itself.
    private(set) var compiledIntoCache = false
    private var processesStarted = 0
    let limits: RunLimits
    let scratch: URL
    private let sandbox: Sandbox
    private let library: LibraryBuild
    private let runtimeFolder: String
    private var lease: BoxLease?
    private var runnable: URL?
    private var child: ChildProcess?
    private var nextID = 1
    /// What the submission printed so far, across its processes.
    private(set) var printed = BoundedBuffer(limit: 8 << 10)

    init(_ executable: Executable, limits: RunLimits, scratch: URL, sandbox: Sandbox, library: LibraryBuild, runtimeFolder: String) {
        self.executable = executable
        self.limits = limits
        self.scratch = scratch
        self.sandbox = sandbox
        self.library = library
        self.runtimeFolder = runtimeFolder
    }

    deinit { stop() }

    /// What happened between calls that the current check should report (a program that
    /// ended on its own), taken by the grader after each check.
    var notices: [String] = []

    /// The functions that did not return in time, which are not called again.
    private var stopped: [String: Duration] = [:]

    /// Calls `function` with the arguments and returns its result, or throws why not. The
    /// call may last until `deadline`, and at most the limit of one call.
    func call(_ function: String, _ arguments: [WireValue], deadline: ContinuousClock.Instant) throws -> WireValue {
        if plan != nil {
            // Planning: an answer of an earlier round is looked at, not taken.
            if let answer = answered[CallKey(function: function, arguments: arguments)]?.first { return try answer.get() }
            plan!.append((function, arguments))
            throw Planned()
        }
        if !answered.isEmpty, let answer = takeAnswer(for: CallKey(function: function, arguments: arguments)) {
            return try answer.get()
        }
        if let limit = stopped[function] { throw SubmissionFailure.didNotReturn(function: function, limit: limit, earlier: true) }
        let process = try running()
        let id = nextID
        nextID += 1
        let started = ContinuousClock.now
        process.send("call \(id) \(function) \(WireValue.list(arguments).encoded)\n")
        let outcome = awaitReply(from: process, since: started, deadline: deadline)
        if case .reply(let reply) = outcome { return try parse(reply, id: id) }
        throw stop(process, after: outcome, calling: function, since: started)
    }

    /// How waiting for a reply ended.
    private enum Wait {
        case reply(String)
        /// The call kept the processor busy past its limit.
        case endlessLoop
        /// The check's time ran out while the call waited.
        case outOfTime
        case printedTooMuch
        /// The process ended, or closed its reply channel.
        case ended
    }

    /// Waits for the next reply of a call made at `started`.
    ///
    /// Time limits count against the submission only while it keeps the processor busy: a
    /// call that does not return after `callTime` and is found working is an endless loop;
    /// one that waits (for the processor on a loaded machine, or the grader's own slow
    /// checking) goes on, until it has used up the check's time (a call that sleeps or
    /// blocks). Whether it works is sampled only when a limit passes, so a call costs nothing
    /// more than its round trip.
    private func awaitReply(from process: ChildProcess, since started: ContinuousClock.Instant,
                            deadline: ContinuousClock.Instant) -> Wait {
        var reply: String?
        let replied = {
            reply = process.takeChannelLine()
            return reply != nil || process.channelClosed
        }
        var waitUntil = started + limits.callTime
        var result: ChildProcess.PumpResult
        while true {
            result = process.pump(until: replied, deadline: waitUntil)
            guard result == .timedOut else { break }
            let sample = Duration.milliseconds(250)
            let before = process.groupProcessorSeconds()
            result = process.pump(until: replied, deadline: .now + sample)
            guard result == .timedOut else { break }
            if process.groupProcessorSeconds() - before >= 0.5 * sample.seconds { return .endlessLoop }
            if ContinuousClock.now >= max(deadline, started + limits.callTime) { return .outOfTime }
            waitUntil = min(ContinuousClock.now + limits.callTime, max(deadline, started + limits.callTime))
        }
        switch result {
        case .satisfied: return reply.map(Wait.reply) ?? .ended
        case .outputLimitExceeded: return .printedTooMuch
        default: return .ended
        }
    }

    /// Ends the process after a call made at `started` got no reply, and returns why. A
    /// function in an endless loop is not called again.
    private func stop(_ process: ChildProcess, after outcome: Wait, calling function: String,
                      since started: ContinuousClock.Instant) -> SubmissionFailure {
        switch outcome {
        case .endlessLoop:
            discard()
            stopped[function] = limits.callTime
            return .didNotReturn(function: function, limit: limits.callTime, earlier: false)
        case .outOfTime:
            discard()
            stopped[function] = ContinuousClock.now - started
            return .timedOut(limits.checkTime)
        case .printedTooMuch:
            discard()
            return .printedTooMuch(limits.outputBytes)
        case .reply, .ended:
            return failureAfterExit(of: process, during: function)
        }
    }

    // MARK: Calls made together

    /// A call that `batch` learned of and did not make.
    struct Planned: Error {}

    /// A function and its arguments, as a key to the answers of a batch.
    /// Two keys are equal when their arguments are bit for bit the same (NaN included).
    private struct CallKey: Hashable {
        let function: String
        let arguments: [WireValue]

        static func == (a: CallKey, b: CallKey) -> Bool {
            a.function == b.function && a.arguments.count == b.arguments.count
                && zip(a.arguments, b.arguments).allSatisfy { $0.isIdentical(to: $1) }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(function)
            for argument in arguments { argument.hashBits(into: &hasher) }
        }
    }

    /// The calls `body` makes while `batch` plans, nil otherwise.
    private var plan: [(String, [WireValue])]?
    /// The answers of a batch not yet taken by a call, in the order they came, by call.
    private var answered: [CallKey: [Result<WireValue, any Error>]] = [:]

    private func takeAnswer(for key: CallKey) -> Result<WireValue, any Error>? {
        guard var answers = answered[key], !answers.isEmpty else { return nil }
        let answer = answers.removeFirst()
        answered[key] = answers.isEmpty ? nil : answers
        return answer
    }

    /// Runs `plan` to learn the calls it makes, sends them to the submission all at once, and
    /// keeps their answers for the same calls that follow: a hundred calls cost one round trip.
    ///
    /// While planning, a call answered in an earlier round returns that answer and any other
    /// call throws, so `plan` must carry on after an error; each round learns the calls that
    /// follow the answers of the last, for at most four rounds.
    ///
    /// Each call keeps its own time limit, counted from the previous answer. A function that
    /// does not return is stopped and its call answered with that; a process that ends
    /// leaves the calls after its last answer to be made again one at a time, so that a crash
    /// is told against the input that caused it.
    func batch(deadline: ContinuousClock.Instant, _ plan: () -> Void) {
        for _ in 0..<4 {
            self.plan = []
            plan()
            // One function's calls together: the submission writes the replies it holds before
            // it calls another function, so a call that never returns is told against the
            // right one.
            var calls: [(String, [WireValue])] = []
            for (function, arguments) in self.plan ?? [] where stopped[function] == nil {
                let last = calls.lastIndex { $0.0 == function }
                calls.insert((function, arguments), at: last.map { $0 + 1 } ?? calls.endIndex)
            }
            self.plan = nil
            guard calls.count > 1, send(calls, deadline: deadline) else { return }
        }
    }

    /// Whether `batch` is learning the calls of its plan.
    var isPlanning: Bool { plan != nil }

    /// Forgets the answers of a batch that no call took.
    func forgetAnswers() {
        answered.removeAll()
    }

    /// Sends the calls at once and keeps their answers; returns whether every call answered.
    private func send(_ calls: [(String, [WireValue])], deadline: ContinuousClock.Instant) -> Bool {
        guard let process = try? running() else { return false }
        let firstID = nextID
        nextID += calls.count
        var request = ""
        for (offset, (function, arguments)) in calls.enumerated() {
            request += "call \(firstID + offset) \(function) \(WireValue.list(arguments).encoded)\n"
        }
        process.send(request)
        var received = 0
        var lastAnswer = ContinuousClock.now
        while received < calls.count {
            let key = CallKey(function: calls[received].0, arguments: calls[received].1)
            let outcome = awaitReply(from: process, since: lastAnswer, deadline: deadline)
            if case .reply(let reply) = outcome {
                answered[key, default: []].append(Result { try parse(reply, id: firstID + received) })
                received += 1
                lastAnswer = .now
                continue
            }
            let failure = stop(process, after: outcome, calling: key.function, since: lastAnswer)
            // A crash is not kept: the calls from here on are made again one at a time, so that
            // it is told against the input that caused it (the replies of its last 10 ms may
            // not have been written).
            if case .crashed = failure {} else { answered[key, default: []].append(.failure(failure)) }
            return false
        }
        return true
    }

    /// Ends the current process, if any, keeping what it printed up to its end, and hands
    /// back the box's user once nothing of it is left.
    func stop() {
        if let child {
            child.closeInputWhenSent()
            _ = child.pump(until: { false }, deadline: .now + .milliseconds(500))
            child.finish()
            collect(child)
        }
        child = nil
        lease = nil
    }

    /// Starts the submission's process, if none runs, and waits until it is ready to serve
    /// calls: at once for a compiled program, after compiling for the JIT. A file that the
    /// JIT cannot compile throws `CompileFailure`.
    func start() throws {
        _ = try running()
    }

    private func running() throws -> ChildProcess {
        if let child {
            guard child.hasExited else { return child }
            // It ended after its last reply (an exit() after a forged reply, say): that is
            // the last call's doing, and the next call gets a fresh process.
            let status = child.finish()
            collect(child)
            self.child = nil
            let how = switch status {
            case .exited(let code): "with status \(code)"
            case .signaled(let number): "on \(signalName(number))"
            }
            notices.append("Your program ended \(how) after a function returned, before the grader's next call; "
                           + "a submission must not call exit(). A new process answers the calls that follow.")
        }
        if sandbox.needsLease && lease == nil {
            lease = sandbox.lease()
            if lease == nil { throw SubmissionFailure.noSandbox("Every sandbox user is busy, so your code was not run; try again.") }
        }
        // A JIT process that ended (a crash, a timeout, an exit) is replaced by the compiled
        // program: compiling once costs less than compiling again in the JIT for every
        // check that follows, and it fills the cache.
        if processesStarted > 0, case .interpreted(let staged, let build) = executable,
           case .program(let program, _)? = try? build.compile(staged) {
            executable = .program(program)
            compiledIntoCache = true
        }
        processesStarted += 1
        let inBox = sandbox.mode == .namespaces
        let folder = inBox ? "/tmp" : scratch.path
        let environment = ["PATH=/usr/bin:/bin", "HOME=\(folder)", "TMPDIR=\(folder)", "LANG=C.UTF-8",
                           "SWIFT_BACKTRACE=enable=no"]
        let tool: String, arguments: [String], profile: BoxProfile
        switch executable {
        case .program(let program):
            var path = try prepareScratch(program).path
            // In a namespace box the program is /box/submission and the library /box/library:
            // nothing of the cache shows.
            profile = BoxProfile(readOnly: [runtimeFolder],
                                 moved: [(path, SubmissionRunner.programInBox, false),
                                         (library.folder.path, LibraryBuild.pathInBox, false)],
                                 tmpBytes: limits.temporaryBytes, allowForks: false, limits: limits.resources,
                                 folder: scratch.path)
            if inBox { path = SubmissionRunner.programInBox }
            (tool, arguments) = (path, [])
        case .interpreted(let staged, let build):
            var jit = build.interpreter(for: staged, user: lease?.uid)
            jit.profile.limits = limits.resources
            (tool, arguments, profile) = jit
        }
        let command: [String]
        do {
            command = try sandbox.command(tool, arguments, profile: profile, lease: lease)
        } catch {
            throw SubmissionFailure.noSandbox("\(error)")
        }
        let process = try ChildProcess(executable: command[0], arguments: Array(command.dropFirst()),
                                       environment: environment, withChannel: true, outputLimit: limits.outputBytes)
        child = process
        try awaitReady(process)
        return process
    }

    /// Waits for the program's first line, `ready`, which it writes before serving calls.
    private func awaitReady(_ process: ChildProcess) throws {
        let interpreted = if case .interpreted = executable { true } else { false }
        var line: String?
        let result = process.pump(until: {
            line = process.takeChannelLine()
            return line != nil || process.channelClosed
        }, deadline: .now + (interpreted ? SubmissionBuild.timeLimit : limits.checkTime))
        if result == .satisfied && line == "ready" { return }
        if interpreted && line == nil {
            let status = result == .timedOut ? process.interrupt() : process.finish(grace: .milliseconds(500))
            child = nil
            var output = process.stderr.text
            if result == .timedOut { output += "\n(the compiler was stopped after \(SubmissionBuild.timeLimit.formattedSeconds))" }
            if result == .timedOut || output.contains("error:") { throw CompileFailure(output: output, status: status) }
        }
        switch result {
        case .timedOut:
            discard()
            throw SubmissionFailure.timedOut(limits.checkTime)
        case .outputLimitExceeded:
            discard()
            throw SubmissionFailure.printedTooMuch(limits.outputBytes)
        case .satisfied where line != nil:
            discard()
            throw SubmissionFailure.badReply("the program did not start as expected ('\(line!.prefix(80))')")
        default:
            throw failureAfterExit(of: process, during: "its start")
        }
    }

    static let programInBox = "/box/submission"

    private func prepareScratch(_ program: URL) throws -> URL {
        if let runnable { return runnable }
        var executable = program
        if sandbox.mode != .namespaces {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            if let uid = lease?.uid {
                executable = scratch.appendingPathComponent("submission")
                try ChildProcess.withoutSpawning { try FileManager.default.copyItem(at: program, to: executable) }
                chmod(executable.path, 0o500)
                chown(executable.path, uid, uid)
                chown(scratch.path, uid, uid)
                chmod(scratch.path, 0o700)
            }
        }
        runnable = executable
        return executable
    }

    private func parse(_ reply: String, id: Int) throws -> WireValue {
        let parts = reply.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1] == Substring(String(id)) else {
            throw SubmissionFailure.badReply("unexpected reply '\(reply.prefix(80))'")
        }
        if parts[0] == "error" { throw SubmissionFailure.badReply(String(parts[2])) }
        guard parts[0] == "ok" else { throw SubmissionFailure.badReply("unexpected reply '\(reply.prefix(80))'") }
        do {
            return try WireValue(parsing: parts[2])
        } catch {
            throw SubmissionFailure.badReply("\(error)")
        }
    }

    private func failureAfterExit(of process: ChildProcess, during function: String) -> SubmissionFailure {
        let termination = process.finish(grace: .milliseconds(500))
        collect(process)
        child = nil
        let stderr = process.stderr.text
        if termination == .exited(125), let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("course-box:") }) {
            Sandbox.forgetProbes(in: library.folder)
            return .noSandbox(SandboxError.setupFailed(String(line)).description)
        }
        if let line = stderr.split(separator: "\n").last(where: { $0.contains("Fatal error:") }) {
            let message = String(line[line.range(of: "Fatal error:")!.upperBound...]).trimmingCharacters(in: .whitespaces)
            if message.hasSuffix(" is not implemented yet") {
                return .notImplemented(String(message.dropLast(" is not implemented yet".count)))
            }
            let location = line[..<line.range(of: "Fatal error:")!.lowerBound]
                .replacingOccurrences(of: "Submission/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: ": "))
            let signal: String
            if case .signaled(let number) = termination { signal = signalName(number) } else { signal = "trap" }
            return .crashed(signal: signal, message: message + (location.isEmpty ? "" : " (at \(location))"))
        }
        switch termination {
        case .signaled(let number) where number == SIGXCPU:
            return .timedOut(.seconds(limits.resources.cpuSeconds))
        case .signaled(let number):
            return .crashed(signal: signalName(number), message: nil)
        case .exited(let status):
            return .exited(status: status, during: function)
        }
    }

    private func discard() {
        if let child {
            _ = child.finish()
            collect(child)
        }
        child = nil
    }

    private func collect(_ process: ChildProcess) {
        guard !process.stdout.bytes.isEmpty || process.stdout.dropped > 0 else { return }
        printed.append(process.stdout.bytes[...])
    }
}

extension Duration {
    /// The duration in seconds for a message: "10 s", "0.25 s".
    var formattedSeconds: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) * 1e-18
        return "\(formatNumber(seconds, digits: 2)) s"
    }
}

extension WireValue {
    /// Whether two values are the same bit for bit: a NaN is identical to the same NaN.
    func isIdentical(to other: WireValue) -> Bool {
        switch (self, other) {
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.doubles(let a), .doubles(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        case (.ints(let a), .ints(let b)): a == b
        case (.matrix(let a), .matrix(let b)):
            a.rows == b.rows && a.columns == b.columns && zip(a.scalars, b.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
        case (.list(let a), .list(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
        default: false
        }
    }

    /// Hashes the value as `isIdentical(to:)` compares it.
    func hashBits(into hasher: inout Hasher) {
        switch self {
        case .double(let x): hasher.combine(0); hasher.combine(x.bitPattern)
        case .int(let n): hasher.combine(1); hasher.combine(n)
        case .bool(let b): hasher.combine(2); hasher.combine(b)
        case .doubles(let xs): hasher.combine(3); hasher.combine(xs.count); for x in xs { hasher.combine(x.bitPattern) }
        case .ints(let ns): hasher.combine(4); hasher.combine(ns)
        case .matrix(let m):
            hasher.combine(5); hasher.combine(m.rows); hasher.combine(m.columns)
            for x in m.scalars { hasher.combine(x.bitPattern) }
        case .list(let items): hasher.combine(6); hasher.combine(items.count); for item in items { item.hashBits(into: &hasher) }
        }
    }
}
