import Answers
import Foundation
import CourseKit

/// Grades files: compiles each one with its exercise's driver, runs the checks against it
/// in a child process, and computes every verdict here, from the values the student's code
/// returned.
public struct Grader: Sendable {
    public let workspace: Workspace
    public var limits: RunLimits
    let toolchain: Toolchain
    let library: LibraryBuild
    var sandbox: Sandbox

    /// Whether a file not in the cache is run at once by the compiler's JIT instead of
    /// being compiled and linked first (what a student checking one file waits for least);
    /// `compileInBackground` then hears of it, to fill the cache for the next check.
    public var interpretsChangedFiles = false
    /// Called after a file was graded through the JIT, with its exercise and contents.
    public var compileInBackground: (@Sendable (Exercise, [UInt8]) -> Void)?

    /// Prepares a grader for the workspace, compiling the course library once if needed,
    /// and finds the strongest sandbox the machine offers.
    ///
    /// It makes the process ignore SIGPIPE (a submission that dies while the grader writes
    /// to it must give a verdict, not kill the grader) and undumpable (nothing of the same
    /// user can trace it or read its memory).
    /// `notice` hears, once, why it waits when the course library is being compiled.
    public init(workspace: Workspace, limits: RunLimits = RunLimits(), sandbox policy: SandboxPolicy = .preferred,
                notice: (String) -> Void = { _ in }) throws {
        signal(SIGPIPE, SIG_IGN)
        makeUndumpable()
        self.workspace = workspace
        self.limits = limits
        toolchain = try Toolchain.locate()
        library = try LibraryBuild.prepare(in: workspace, toolchain: toolchain, notice: notice)
        Grader.protectCache(workspace.cacheFolder)
        sandbox = Sandbox(launcher: library.launcher, library: library.folder, runtime: toolchain.runtimeFolder, policy: policy)
        library.prepareModuleCache(workspace: workspace, toolchain: toolchain, sandbox: sandbox)
    }

    /// Whether the course library still has to be compiled, which a command that does not
    /// grade can start in the background (`startPreparing`) so that the first check does not wait.
    public static func needsPreparing(_ workspace: Workspace) -> Bool {
        guard let toolchain = try? Toolchain.locate(), let hash = try? LibraryBuild.contentHash(in: workspace, toolchain: toolchain) else {
            return false
        }
        return !FileManager.default.fileExists(atPath: workspace.cacheFolder.appendingPathComponent("library-\(hash)/complete").path)
    }

    /// Starts `executable arguments` (the course's own command that builds a grader and
    /// exits) detached from this process: it goes on after this command ends, and whatever
    /// command needs the library next waits for it through the library's lock.
    ///
    /// It is spawned directly, in a session of its own with /dev/null for its standard files,
    /// and never waited for: when this command ends, init adopts it.
    public static func startPreparing(executable: URL, arguments: [String]) {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        let newSession: Int32 = 0x80  // POSIX_SPAWN_SETSID, which Swift does not import
        posix_spawnattr_setflags(&attributes, Int16(newSession | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // Under the spawn lock, as every child: no file being written is inherited.
        _ = ChildProcess.withoutSpawning { posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ) }
    }

    /// What the user should know about the sandbox on this machine (none, or a weaker one
    /// than the full box), or nil when every submission runs in a full box.
    public var sandboxWarning: String? { sandbox.warning }

    /// Whether submissions can run at all under this grader's sandbox policy.
    public var canRunSubmissions: Bool { sandbox.mode != nil }

    /// Under root, closes the cache to the sandbox users: they may pass through it to the
    /// course library and their own folder, but not list it nor read other submissions'
    /// compiled programs.
    static func protectCache(_ cache: URL) {
        guard geteuid() == 0 else { return }
        for (folder, mode) in [("", 0o711), ("submissions", 0o700), ("staging", 0o711), ("runs", 0o711)] {
            let url = folder.isEmpty ? cache : cache.appendingPathComponent(folder)
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            chmod(url.path, mode_t(mode))
        }
    }

    /// Grades the file at `url` as the given exercise. A missing file is "not submitted".
    public func grade(_ exercise: Exercise, file url: URL) throws -> ExerciseResult {
        let started = ContinuousClock.now
        let display = Workspace.displayPath(url)
        var result = ExerciseResult(exercise: exercise.id, title: exercise.title, file: display, status: .failed,
                                    score: 0, maxScore: exercise.maxPoints, checks: [], compilerOutput: nil,
                                    printed: nil, tolerance: Tolerance.standard.description, cached: false, seconds: 0)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            result.status = .notSubmitted
            result.checks = exercise.checks.map { unanswered($0, .failed, "Not submitted: there is no file \(display).") }
            return result
        }
        if let reason = Grader.rejection(of: data) {
            return refused(exercise, file: display, reason: reason)
        }
        let build = SubmissionBuild(workspace: workspace, toolchain: toolchain, library: library, sandbox: sandbox)
        let outcome: SubmissionBuild.Outcome
        do {
            outcome = try build.build(source: Array(data), displayPath: display, exercise: exercise, interpret: interpretsChangedFiles)
        } catch let error as SandboxError {
            // Fails closed: without its box, nothing of the submission is compiled or run.
            return refused(exercise, file: display, reason: error.description)
        }
        switch outcome {
        case .diagnostics(let text, let cached):
            result.cached = cached
            compileError(text, into: &result, exercise)
        case .program(let program, let cached):
            result.cached = cached
            try? runChecks(.program(program), exercise, into: &result)
        case .interpreted(let staged):
            defer { staged.remove() }
            do {
                let compiled = try runChecks(.interpreted(staged, build), exercise, into: &result)
                if !compiled { compileInBackground?(exercise, staged.source) }
            } catch let failure as SubmissionRunner.CompileFailure {
                compileError(try build.storeDiagnostics(of: staged, failure.output, status: failure.status), into: &result, exercise)
            }
        }
        result.seconds = (ContinuousClock.now - started).seconds
        return result
    }

    private func compileError(_ text: String, into result: inout ExerciseResult, _ exercise: Exercise) {
        result.status = .compileError
        result.compilerOutput = text
        result.checks = exercise.checks.map { unanswered($0, .failed, "Not run: the file does not compile.") }
    }

    /// Runs every check against the submission in a fresh box, and scores them; returns
    /// whether the runner compiled an interpreted file into the cache on the way. A file the
    /// JIT cannot compile throws before any check runs.
    @discardableResult
    private func runChecks(_ executable: SubmissionRunner.Executable, _ exercise: Exercise, into result: inout ExerciseResult) throws -> Bool {
        let scratch = workspace.cacheFolder.appendingPathComponent("runs/\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let runner = SubmissionRunner(executable, limits: limits, scratch: scratch, sandbox: sandbox,
                                      library: library, runtimeFolder: toolchain.runtimeFolder)
        defer { runner.stop() }
        if case .interpreted = executable {
            do {
                try runner.start()
            } catch let failure as SubmissionRunner.CompileFailure {
                throw failure
            } catch {
                // A failure to start is the first check's to report.
            }
        }
        result.checks = run(exercise, with: runner)
        runner.stop()
        let printed = runner.printed.text
        result.printed = printed.isEmpty ? nil : printed
        result.score = result.checks.map(\.score).reduce(0, +)
        result.status = result.checks.allSatisfy { $0.status == .passed } ? .passed : .failed
        return runner.compiledIntoCache
    }

    /// Compiles the file into the cache of programs, without running it.
    public func compile(_ exercise: Exercise, file url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path), Grader.rejection(of: data) == nil else { return }
        let build = SubmissionBuild(workspace: workspace, toolchain: toolchain, library: library, sandbox: sandbox)
        _ = try build.build(source: Array(data), displayPath: Workspace.displayPath(url), exercise: exercise)
    }

    /// The largest source file the grader compiles.
    public static let maxSourceBytes = 1 << 20

    /// Returns why a file cannot be graded at all, or nil.
    static func rejection(of data: Data) -> String? {
        if data.count > maxSourceBytes {
            return "The file has \(data.count / 1024) KB; a submission may have at most \(maxSourceBytes / 1024) KB."
        }
        if String(data: data, encoding: .utf8) == nil {
            return "The file is not UTF-8 text; save it as UTF-8 (any editor can) and check again."
        }
        return nil
    }

    /// Returns the result of a file that cannot be graded: every check fails with the reason.
    public func refused(_ exercise: Exercise, file: String, reason: String) -> ExerciseResult {
        ExerciseResult(exercise: exercise.id, title: exercise.title, file: file, status: .rejected, score: 0,
                       maxScore: exercise.maxPoints, checks: exercise.checks.map { unanswered($0, .failed, reason) },
                       compilerOutput: nil, printed: nil, tolerance: Tolerance.standard.description, cached: false, seconds: 0)
    }

    private func run(_ exercise: Exercise, with runner: SubmissionRunner) -> [CheckResult] {
        let exerciseDeadline = ContinuousClock.now + limits.exerciseTime
        return exercise.checks.map { check in
            let started = ContinuousClock.now
            guard started < exerciseDeadline else {
                return unanswered(check, .skipped, "Not run: the exercise's time limit of \(limits.exerciseTime.formattedSeconds) was used up.")
            }
            let timeLimit = check.timeLimit ?? limits.checkTime
            let context = CheckContext(runner: runner, deadline: min(started + timeLimit, exerciseDeadline))
            let missesBefore = AnswerKeys.misses
            var result = unanswered(check, .failed, "")
            do {
                try check.body(context)
                if context.expectationCount == 0 {
                    result.messages = ["This check recorded no expectation, so it cannot pass; report it to your instructor."]
                } else if context.failures.isEmpty {
                    result.status = .passed
                    result.score = check.points
                    result.messages = []
                } else {
                    result.messages = context.failures
                    if check.partialCredit {
                        result.score = check.points * Double(context.metCount) / Double(context.expectationCount)
                    }
                }
            } catch SubmissionFailure.timedOut {
                result.status = .error
                result.messages = context.failures + [SubmissionFailure.timedOut(min(timeLimit, exerciseDeadline - started)).description]
            } catch let failure as SubmissionFailure {
                result.status = .error
                result.messages = context.failures + [failure.description]
            } catch {
                result.messages = context.failures + ["\(error)"]
            }
            if result.status != .passed { result.messages += runner.notices }
            runner.notices.removeAll()
            // In the student version, a check that needed an answer nobody recorded (one
            // computed from this submission's own results) cannot tell right from wrong here.
            if AnswerKeys.misses > missesBefore {
                result = unanswered(check, .skipped, "Not graded in this copy of the course: this check needs answers for your own "
                                    + "results, which only your instructor's grader computes.")
            }
            result.seconds = (ContinuousClock.now - started).seconds
            return result
        }
    }

    private func unanswered(_ check: Check, _ status: CheckResult.Status, _ message: String) -> CheckResult {
        CheckResult(name: check.name, status: status, score: 0, maxScore: check.points, visibility: check.visibility,
                    messages: message.isEmpty ? [] : [message], seconds: 0)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
