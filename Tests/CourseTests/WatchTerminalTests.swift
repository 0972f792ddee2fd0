// Linux only: the pseudo-terminal is opened through glibc, and the session through util-linux's setsid.
#if os(Linux)
import Foundation
import Glibc
import Testing

/// A pseudo-terminal (pty(7)): the test types into its master side and reads what is shown
/// there; `course watch` gets the other side as its controlling terminal.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let terminal: Int32
    let output = Output()
    private let reading = NSLock()
    private var stopped = false

    init() throws {
        // posix_openpt(3) and its companions are in the C library but not in Swift's Glibc
        // module (they need _XOPEN_SOURCE), so they are looked up by name.
        let library = dlopen(nil, RTLD_NOW)
        func function<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let symbol = dlsym(library, name) else { throw POSIXError(.ENOSYS) }
            return unsafeBitCast(symbol, to: type)
        }
        typealias OnDescriptor = @convention(c) (Int32) -> Int32
        let openpt = try function("posix_openpt", OnDescriptor.self)
        let grantpt = try function("grantpt", OnDescriptor.self)
        let unlockpt = try function("unlockpt", OnDescriptor.self)
        let ptsname = try function("ptsname", (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw POSIXError(.ENOTTY)
        }
        terminal = open(name, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw POSIXError(.ENOTTY) }
        Thread { [self] in readUntilStopped() }.start()
    }

    private func readUntilStopped() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            reading.lock(); let done = stopped; reading.unlock()
            if done { return }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count > 0 { output.append(Data(buffer[0..<count])) } else { usleep(20_000) }
        }
    }

    /// Types `keys` as a person would: no Enter unless it is among them.
    func type(_ keys: String) {
        _ = keys.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Whether the terminal is in line mode with echo, as a shell leaves it.
    var isInLineMode: Bool {
        var settings = termios()
        tcgetattr(terminal, &settings)
        return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ECHO) != 0
    }

    /// The process group in the foreground of the terminal, as a shell's job control sees it.
    var foregroundGroup: pid_t { tcgetpgrp(master) }

    /// Whether Ctrl-C still sends SIGINT.
    var sendsSignals: Bool {
        var settings = termios()
        tcgetattr(terminal, &settings)
        return settings.c_lflag & tcflag_t(ISIG) != 0
    }

    /// Starts `course` with `arguments` in a new session whose controlling terminal is this one.
    func start(_ arguments: [String], state: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: installedProgram("setsid")!)
        process.arguments = ["--ctty", "--wait", try courseExecutable().path] + arguments
        process.currentDirectoryURL = packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1", "COURSE_STATE_DIR": state.path]) { $1 }
        let handle = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func close() {
        reading.lock(); stopped = true; reading.unlock()
        Glibc.close(terminal)
        Glibc.close(master)
    }
}

/// Waits until `condition` holds, up to `seconds`, and returns whether it does.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() && Date() < deadline { usleep(20_000) }
    return condition()
}

/// Waits for `process` to end, up to `seconds`; if it does not, kills it and what runs at
/// the terminal `pty`, and returns nil.
func exitStatus(of process: Process, at pty: PseudoTerminal, within seconds: Double) -> Int32? {
    guard waitUntil(seconds: seconds, { !process.isRunning }) else {
        let group = pty.foregroundGroup
        if group > 0 { kill(-group, SIGKILL) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }
    return process.terminationStatus
}

/// `course watch` at a real terminal: single keypresses act at once, and the terminal gets
/// its line mode and echo back however watch ends.
@Suite(.serialized, .enabled(if: installedProgram("setsid") != nil))
struct WatchTerminalTests {
    let watching = "Watching exercises/exercise1.swift"

    func state() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("course-state-\(UUID().uuidString)")
    }

    @Test func singleKeysActWithoutEnterAndQuitRestoresTheTerminal() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        #expect(pty.isInLineMode)
        let watch = try pty.start(["watch", "exercise1", "--interval", "0.1"], state: state())
        #expect(pty.output.wait(for: watching), "the starter is checked at once: \(pty.output.value.suffix(2000))")
        #expect(!pty.isInLineMode, "watch reads keys one by one, without echo")
        #expect(pty.sendsSignals, "Ctrl-C still interrupts")

        pty.type("h")
        #expect(pty.output.wait(for: "Hint 1 of ", seconds: 10), "h alone shows a hint: \(pty.output.value.suffix(1000))")
        pty.type("c")
        #expect(pty.output.wait(for: watching, times: 2, seconds: 60), "c alone checks again: \(pty.output.value.suffix(1000))")
        pty.type("q")
        #expect(exitStatus(of: watch, at: pty, within: 10) == 0, "q alone quits: \(pty.output.value.suffix(1000))")
        #expect(pty.isInLineMode, "the terminal is back in line mode with echo")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let watch = try pty.start(["watch", "exercise1", "--interval", "0.1"], state: state())
        #expect(pty.output.wait(for: watching), "\(pty.output.value.suffix(2000))")
        #expect(!pty.isInLineMode)
        pty.type("\u{03}")
        #expect(exitStatus(of: watch, at: pty, within: 10) == 128 + SIGINT, "Ctrl-C interrupts: \(pty.output.value.suffix(1000))")
        #expect(pty.isInLineMode, "the terminal is back in line mode with echo")
    }

    @Test func ctrlZGivesTheTerminalBackUntilTheWatchContinues() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let watch = try pty.start(["watch", "exercise1", "--interval", "0.1"], state: state())
        #expect(pty.output.wait(for: watching), "\(pty.output.value.suffix(2000))")
        pty.type("\u{1A}")
        #expect(waitUntil(seconds: 10) { pty.isInLineMode }, "stopped, it leaves the terminal as the shell wants it")
        // What a shell's `fg` does: continue the stopped process group.
        let group = pty.foregroundGroup
        #expect(group > 0)
        if group > 0 { kill(-group, SIGCONT) }
        #expect(waitUntil(seconds: 10) { !pty.isInLineMode }, "continued, it reads single keys again")
        pty.type("q")
        #expect(exitStatus(of: watch, at: pty, within: 10) == 0, "\(pty.output.value.suffix(1000))")
        #expect(pty.isInLineMode)
    }
}
#endif
