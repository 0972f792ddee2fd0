import CourseKit
import Dispatch
import Foundation

/// A child process in its own process group, with its stdin, stdout, stderr and an optional
/// reply channel (descriptor 3) connected to pipes that the parent drains concurrently with
/// `poll`, so that no full pipe can stall either side.
final class ChildProcess {
    /// How a child ended.
    enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Why `pump` returned.
    enum PumpResult: Equatable {
        case satisfied, ended, timedOut, outputLimitExceeded
    }

    let pid: pid_t
    private static let spawnLock = NSLock()

    /// Runs `body` while no child can be started, so that a file it has open for writing is
    /// never inherited by a child (which would make executing that file fail with ETXTBSY).
    static func withoutSpawning<T>(_ body: () throws -> T) rethrows -> T {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        return try body()
    }
    private var stdinFD: Int32
    private var outputFDs: [Int32]          // stdout, stderr, then the channel if any
    private var pendingInput: [UInt8] = []
    private(set) var stdout = BoundedBuffer(limit: 64 << 10)
    private(set) var stderr = BoundedBuffer(limit: 64 << 10)
    private(set) var channel: [UInt8] = []
    private(set) var channelClosed = false
    /// The bytes printed on stdout and stderr together.
    private(set) var printedBytes = 0
    private(set) var termination: Termination?
    let outputLimit: Int
    let channelLimit: Int

    /// Starts `executable` with the arguments and environment given, in `directory`.
    init(executable: String, arguments: [String], environment: [String],
         withChannel: Bool, outputLimit: Int = 1 << 20, channelLimit: Int = 16 << 20) throws {
        self.outputLimit = outputLimit
        self.channelLimit = channelLimit
        // Pipes are created and the child spawned under one lock, so that no other thread's
        // child inherits these descriptors before they are marked close-on-exec.
        ChildProcess.spawnLock.lock()
        defer { ChildProcess.spawnLock.unlock() }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        let count = withChannel ? 4 : 3
        for index in 0..<count {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw ProcessError.spawnFailed("pipe: \(errnoText())") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            // Index 0 is stdin: the child reads, the parent writes. The others go the other way.
            let (childEnd, parentEnd) = index == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
            // Move the child's end above the standard descriptors so dup2 cannot clobber it.
            let high = fcntl(childEnd, F_DUPFD_CLOEXEC, 10)
            close(childEnd)
            childEnds.append(high)
            parentEnds.append(parentEnd)
        }
        defer { for fd in childEnds { close(fd) } }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, fd) in childEnds.enumerated() { posix_spawn_file_actions_adddup2(&actions, fd, Int32(target)) }

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGXFSZ] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            parentEnds.forEach { close($0) }
            throw ProcessError.spawnFailed("\(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        LiveChildren.shared.insert(pid)
        stdinFD = parentEnds[0]
        outputFDs = Array(parentEnds.dropFirst())
        for fd in parentEnds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        finish()
    }

    /// Queues bytes for the child's stdin; `pump` writes them as the child reads.
    func send(_ text: String) {
        pendingInput.append(contentsOf: Array(text.utf8))
    }

    /// Closes the child's stdin once the queued bytes are written.
    func closeInputWhenSent() {
        closeInputAfterSending = true
        if pendingInput.isEmpty { closeInput() }
    }
    private var closeInputAfterSending = false

    private func closeInput() {
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }

    /// Removes and returns the first complete line of the reply channel, if there is one.
    func takeChannelLine() -> String? {
        guard let newline = channel.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: channel[..<newline], as: UTF8.self)
        channel.removeSubrange(...newline)
        return line
    }

    /// Moves bytes between the pipes until `done()` holds, every output pipe is closed, the
    /// deadline passes or the child prints more than the output limit.
    func pump(until done: () -> Bool, deadline: ContinuousClock.Instant) -> PumpResult {
        while true {
            if done() { return .satisfied }
            if printedBytes > outputLimit || channel.count > channelLimit { return .outputLimitExceeded }
            if outputFDs.allSatisfy({ $0 < 0 }) { return .ended }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return .timedOut }
            var fds = outputFDs.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if stdinFD >= 0 && !pendingInput.isEmpty { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1, 1000))
            let ready = poll(&fds, nfds_t(fds.count), milliseconds)
            if ready < 0 && errno != EINTR { return .ended }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinFD {
                    writePendingInput()
                } else {
                    drain(entry.fd)
                }
            }
        }
    }

    private func writePendingInput() {
        let written = pendingInput.withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
        if written > 0 {
            pendingInput.removeFirst(written)
            if pendingInput.isEmpty && closeInputAfterSending { closeInput() }
        } else if written < 0 && errno != EAGAIN && errno != EINTR {
            pendingInput.removeAll()
            closeInput()
        }
    }

    /// Where `drain` reads, kept from one read to the next.
    private var readBuffer = [UInt8](repeating: 0, count: 1 << 16)

    private func drain(_ fd: Int32) {
        let count = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard let slot = outputFDs.firstIndex(of: fd) else { return }
        if count > 0 {
            let bytes = readBuffer[0..<count]
            switch slot {
            case 0: stdout.append(bytes); printedBytes += count
            case 1: stderr.append(bytes); printedBytes += count
            default: channel.append(contentsOf: bytes)
            }
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            close(fd)
            outputFDs[slot] = -1
            if slot == 2 { channelClosed = true }
        }
    }

    /// Waits up to `grace` for the child to exit on its own, then kills its whole process
    /// group and reaps it. Returns how it ended.
    @discardableResult
    func finish(grace: Duration = .zero) -> Termination {
        if let termination { return termination }
        closeInput()
        let end = ContinuousClock.now + grace
        while !hasExited && ContinuousClock.now < end { usleep(2_000) }
        // The group is killed while the child is still unreaped: its id cannot have been
        // handed to another process yet, so the signal reaches this group and no other.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        for fd in outputFDs where fd >= 0 { close(fd) }
        outputFDs = outputFDs.map { _ in -1 }
        LiveChildren.shared.remove(pid)
        let result: Termination = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        termination = result
        return result
    }

    /// The processor time, in seconds, used so far by the processes of the child's group
    /// (the box's launcher, its init and the program), read from `/proc/<pid>/stat`.
    func groupProcessorSeconds() -> Double {
        #if os(Linux)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After the command name: state, ppid, pgrp, …, utime (12th), stime (13th).
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, pid_t(fields[2]) == pid, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
            total += (user + system) / ticks
        }
        return total
        #else
        return ProcessInfo.processInfo.systemUptime  // counted as busy all the time
        #endif
    }

    /// Whether the child has ended, without reaping it (waitid(2) with `WNOWAIT`).
    var hasExited: Bool {
        guard termination == nil else { return true }
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_signo == SIGCHLD
    }

    /// Interrupts the whole process group, waits `grace`, then kills it.
    func interrupt(grace: Duration = .milliseconds(200)) -> Termination {
        kill(-pid, SIGINT)
        return finish(grace: grace)
    }
}

/// A byte buffer that keeps the first `limit` bytes and counts the rest.
struct BoundedBuffer: Sendable {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var dropped = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ more: ArraySlice<UInt8>) {
        let room = max(limit - bytes.count, 0)
        bytes.append(contentsOf: more.prefix(room))
        dropped += max(more.count - room, 0)
    }

    /// The kept bytes as text (invalid UTF-8 replaced), with a note of what was cut.
    var text: String {
        let kept = String(decoding: bytes, as: UTF8.self)
        return dropped > 0 ? kept + "\n… (\(dropped) more bytes not shown)" : kept
    }
}

/// A failure to start a process.
enum ProcessError: Error, CustomStringConvertible {
    case spawnFailed(String)
    var description: String {
        switch self {
        case .spawnFailed(let why): "could not start a process: \(why)"
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// Returns the conventional name of a signal, such as `SIGSEGV`.
func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [
        SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
        SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM", SIGINT: "SIGINT",
        SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT", SIGSYS: "SIGSYS",
    ]
    return names[signal] ?? "signal \(signal)"
}

/// The process groups of the children still running, so that an interrupted grader can
/// take them down with it.
final class LiveChildren: @unchecked Sendable {
    static let shared = LiveChildren()
    private var groups: Set<pid_t> = []
    private let lock = NSLock()

    func insert(_ pid: pid_t) { lock.lock(); groups.insert(pid); lock.unlock() }
    func remove(_ pid: pid_t) { lock.lock(); groups.remove(pid); lock.unlock() }

    func killAll() {
        lock.lock()
        for group in groups { kill(-group, SIGKILL) }
        lock.unlock()
    }
}

nonisolated(unsafe) private var interruptSources: [DispatchSourceSignal] = []

/// Makes SIGINT, SIGTERM and SIGHUP kill every running submission's process group before
/// the grader exits, so that nothing a student wrote outlives an interrupted grading.
public func installInterruptHandler() {
    for number in [SIGINT, SIGTERM, SIGHUP] {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            LiveChildren.shared.killAll()
            exit(128 + number)
        }
        source.resume()
        interruptSources.append(source)
    }
}
