#if os(Linux)
import Glibc

/// What the grader asks of a box, read from the launcher's arguments:
///
///     course-box --mode namespaces|user|none [--uid N] [--read-only PATH]… [--writable PATH]…
///                [--bind SOURCE TARGET]… [--bind-read-only SOURCE TARGET]… [--directory PATH] [--tmp-size BYTES] [--allow-forks]
///                [--cpu S] [--memory B] [--file-size B] [--open-files N] [--processes N]
///                (--probe | -- PROGRAM ARGUMENT…)
///
/// - `namespaces`: new mount, PID, network, IPC and UTS namespaces (and a user namespace
///   when not root), an empty root file system holding only the paths given, a private
///   `/tmp`, and the user `--uid` when root. Everything in the box dies with it.
/// - `user`: only the user `--uid` (root without namespaces, as in some containers).
/// - `none`: no isolation (a student checking their own code where the kernel offers no
///   user namespaces); refused as root.
/// Every mode applies the limits and the system-call filter, and makes the box die with
/// the grader.
struct BoxConfiguration {
    enum Mode: String { case namespaces, user, none }

    /// The user id the program has inside its user namespace when the grader is not root.
    static let userInside: UInt32 = 1000

    var mode = Mode.namespaces
    var uid: UInt32?
    var readOnly: [String] = []
    var writable: [String] = []
    var moved: [(source: String, target: String, writable: Bool)] = []
    var directory = "/tmp"
    var tmpBytes = 16 << 20
    var allowForks = false
    var limits: [(resource: Int32, value: Int)] = []
    var probe = false
    var command: [String] = []

    init(arguments: [String]) {
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        func number(_ flag: String) -> Int {
            guard let n = Int(value(flag)), n >= 0 else { fail("\(flag) needs a number") }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--mode":
                guard let mode = Mode(rawValue: value(flag)) else { fail("unknown --mode") }
                self.mode = mode
            case "--uid": uid = UInt32(number(flag))
            case "--read-only": readOnly.append(value(flag))
            case "--writable": writable.append(value(flag))
            case "--bind": moved.append((value(flag), value(flag), true))
            case "--bind-read-only": moved.append((value(flag), value(flag), false))
            case "--directory": directory = value(flag)
            case "--tmp-size": tmpBytes = number(flag)
            case "--allow-forks": allowForks = true
            case "--cpu": limits.append((Int32(RLIMIT_CPU.rawValue), number(flag)))
            case "--memory": limits.append((Int32(RLIMIT_AS.rawValue), number(flag)))
            case "--file-size": limits.append((Int32(RLIMIT_FSIZE.rawValue), number(flag)))
            case "--open-files": limits.append((Int32(RLIMIT_NOFILE.rawValue), number(flag)))
            case "--processes": limits.append((Int32(__RLIMIT_NPROC.rawValue), number(flag)))
            case "--probe": probe = true
            case "--":
                command = Array(rest)
                rest = []
            default: fail("unknown option \(flag)")
            }
        }
        guard probe || !command.isEmpty else { fail("no program to run") }
        guard uid != 0 else { fail("a box never runs as root") }
        if geteuid() == 0 {
            guard mode != .none else { fail("as root, a box needs --mode namespaces or user") }
            guard uid != nil else { fail("as root, a box needs --uid") }
        } else if mode == .user {
            fail("--mode user needs root")
        }
    }
}
#endif
