import Foundation

/// Single keypresses on standard input, without Enter, for `course watch`.
///
/// On a terminal it clears `ICANON` and `ECHO` (termios(3)): each key is read as it is
/// typed and not shown. `ISIG` stays on, so Ctrl-C still interrupts and Ctrl-Z still stops.
/// The terminal's own settings come back on every way out: a return from the command or
/// `exit()` (an `atexit(3)` handler), the interrupt handler's exit after Ctrl-C, and a stop
/// with Ctrl-Z (the keys mode is set again on `fg`). On a pipe or a file, each byte is a key
/// and the end of input reads as `q`.
struct Keyboard {
    /// Whether standard input is a terminal.
    let isTerminal = isatty(0) == 1

    /// Puts the terminal in single-key mode until the process exits.
    func start() {
        guard isTerminal, !terminalSaved, tcgetattr(0, &savedTerminal) == 0 else { return }
        terminalSaved = true
        atexit { restoreTerminal() }
        signal(SIGTSTP, stopHandler)
        signal(SIGCONT, continueHandler)
        // A parent may have left them blocked (a blocked signal mask is inherited across exec).
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTSTP)
        sigaddset(&stopSignals, SIGCONT)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        enterKeyMode()
    }

    /// Returns the keys typed within `seconds`, as soon as there are any; "q" when the input
    /// has ended. An escape sequence (an arrow key, a function key) counts as no key.
    func keys(waiting seconds: Double) -> [Character] {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(0, &buffer, buffer.count)
        if count == 0 { return isTerminal ? [] : ["q"] }
        guard count > 0, buffer[0] != 0x1B else {
            if count < 0 && errno != EINTR && errno != EAGAIN { return ["q"] }
            return []
        }
        return buffer[0..<count].map { $0 == 0x04 ? "q" : Character(Unicode.Scalar($0)) }
    }
}

nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var terminalSaved = false

/// Turns off line editing and echo, keeping signals; reads return what is there at once.
private func enterKeyMode() {
    var settings = savedTerminal
    settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &settings.c_cc) { cc in
        cc[Int(VMIN)] = 1
        cc[Int(VTIME)] = 0
    }
    tcsetattr(0, TCSANOW, &settings)
}

/// Gives the terminal back its settings as they were before `start()`.
private func restoreTerminal() {
    guard terminalSaved else { return }
    tcsetattr(0, TCSANOW, &savedTerminal)
}

/// Ctrl-Z: restores the terminal for the shell, then stops as the default action would.
private let stopHandler: @convention(c) (Int32) -> Void = { _ in
    restoreTerminal()
    signal(SIGTSTP, SIG_DFL)
    raise(SIGTSTP)
}

/// `fg` after Ctrl-Z: back to single keys, ready for the next stop.
private let continueHandler: @convention(c) (Int32) -> Void = { _ in
    signal(SIGTSTP, stopHandler)
    if terminalSaved { enterKeyMode() }
}
