import Foundation

/// Whether the grader must, may or must not run student code in a box.
public enum SandboxPolicy: Sendable {
    /// Grade only in a box; with none available every check fails (`course grade`, Gradescope).
    case required
    /// Use a box when the machine offers one, otherwise run as the grading user and say so
    /// (`course check`: students grading their own code).
    case preferred
    /// Never box (`--no-sandbox`): the submission runs as the grading user, never as root.
    case disabled
}

/// How student code (and the compiler working on it) is isolated on this machine.
///
/// The box is set up by the launcher, `course-box` (Sources/SandboxLauncher), between the
/// grader's spawn and the program's exec: the submission's code never takes part in it.
/// The strongest mode the kernel allows is chosen once per grader, by trying it:
/// - `namespaces`: new mount, PID, network, IPC and UTS namespaces (a user namespace too
///   when the grader is not root); the box sees an empty root with only the system's
///   libraries, the course library and its program, read-only, and a private `/tmp`.
/// - `user`: root in a container that refuses namespaces: a user id of its own per box.
/// - `none`: not root and no user namespaces: the grading user, with the limits and the
///   system-call filter only.
/// In every mode the launcher applies the resource limits and the system-call filter, and
/// the box dies with the grader.
struct Sandbox: Sendable {
    enum Mode: String, Sendable { case namespaces, user, none }

    let launcher: URL
    let mode: Mode?
    let policy: SandboxPolicy

    init(launcher: URL, mode: Mode?, policy: SandboxPolicy) {
        self.launcher = launcher
        self.mode = mode
        self.policy = policy
    }

    /// Decides the mode for this grader by trying each in turn with the launcher.
    init(launcher: URL, library: URL, runtime: String, policy: SandboxPolicy) {
        self.launcher = launcher
        self.policy = policy
        let remembered = Sandbox.rememberedProbe(in: library, policy: policy)
        if let known = (try? String(contentsOf: remembered, encoding: .utf8)).flatMap(Mode.init(rawValue:)),
           !(policy == .required && known == .none) {
            mode = known
        } else {
            mode = Sandbox.probe(launcher: launcher, readOnly: [library.path, runtime], policy: policy)
            // Only the full box is remembered: a weaker outcome may come from a passing
            // moment (a loaded machine), and is tried again by the next grader.
            if mode == .namespaces { try? Data(Mode.namespaces.rawValue.utf8).write(to: remembered, options: .atomic) }
        }
    }

    /// A line for the student when their code runs without a box, or nil.
    var warning: String? {
        switch mode {
        case .none?:
            "Note: this machine offers no sandbox to an ordinary user (no user namespaces), so your code runs as you, with limits only."
        case .user?:
            "Note: the kernel refuses new namespaces here, so each submission runs as a user of its own with limits, but sees the machine's files as that user may."
        case nil:
            policy == .required
                ? "No sandbox can be set up on this machine; nothing is graded without one (use --no-sandbox to grade anyway, as this user)."
                : "No sandbox can be set up and the grader runs as root: student code is never run as root, so every check fails."
        default: nil
        }
    }

    /// The command that runs `program` in a box of `profile`, holding `lease`'s user id.
    func command(_ program: String, _ arguments: [String], profile: BoxProfile, lease: BoxLease?) throws -> [String] {
        guard let mode else { throw SandboxError.unavailable(warning ?? "") }
        #if !os(Linux)
        return [program] + arguments  // the launcher is Linux-only: `none` runs the program as it is
        #endif
        var box = [launcher.path, "--mode", mode.rawValue]
        if let uid = lease?.uid { box += ["--uid", String(uid)] }
        if mode == .namespaces {
            box += profile.readOnly.flatMap { ["--read-only", $0] } + profile.writable.flatMap { ["--writable", $0] }
            box += profile.moved.flatMap { [$0.writable ? "--bind" : "--bind-read-only", $0.source, $0.target] }
            box += ["--tmp-size", String(profile.tmpBytes)]
        }
        box += ["--directory", profile.directory(mode)]
        if profile.allowForks { box.append("--allow-forks") }
        box += profile.limits.arguments(processLimit: geteuid() == 0)
        return box + ["--", program] + arguments
    }

    /// Whether a box needs a user id of its own from the pool (only root switches users).
    var needsLease: Bool { geteuid() == 0 && mode != nil }

    /// A user id of its own for one box, when the box needs one; nil otherwise, or when
    /// every id of the pool is busy (`needsLease` tells the two apart).
    func lease() -> BoxLease? {
        needsLease ? BoxLease.take(sharesFolders: mode != .namespaces) : nil
    }

    private static let probes = ProbeCache()

    /// Where the outcome of the probe is remembered for this user, beside the launcher it
    /// tried, so that later commands skip it (a box that then fails to set up forgets it).
    static func rememberedProbe(in library: URL, policy: SandboxPolicy) -> URL {
        library.appendingPathComponent("probe-\(geteuid())-\(policy)")
    }

    /// Forgets the remembered probes of a library, after a box failed to set up.
    static func forgetProbes(in library: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: library.path)) ?? [] where name.hasPrefix("probe-") {
            try? FileManager.default.removeItem(at: library.appendingPathComponent(name))
        }
    }

    private static func probe(launcher: URL, readOnly: [String], policy: SandboxPolicy) -> Mode? {
        #if !os(Linux)
        return policy == .required || geteuid() == 0 ? nil : .none
        #endif
        return probes.value(for: "\(launcher.path) \(policy)") {
            let isRoot = geteuid() == 0
            let lease = isRoot ? BoxLease.take() : nil
            let candidates: [Mode] = policy == .disabled ? (isRoot ? [.user] : [.none])
                : isRoot ? [.namespaces, .user] : [.namespaces, .none]
            return withExtendedLifetime(lease) {
                for mode in candidates where !(policy == .required && mode == .none) {
                    var arguments = ["--probe", "--mode", mode.rawValue]
                    if let uid = lease?.uid { arguments += ["--uid", String(uid)] }
                    if mode == .namespaces { arguments += readOnly.flatMap { ["--read-only", $0] } }
                    // A box the kernel refuses fails at once with status 125; anything else
                    // (a timeout on a loaded machine) is tried again before settling lower.
                    for _ in 0..<3 {
                        guard let (status, _) = try? runTool(launcher.path, arguments, timeout: .seconds(30)) else { break }
                        if status == .exited(0) { return mode }
                        if status == .exited(125) { break }
                    }
                }
                return nil
            }
        }
    }
}

/// What one kind of box may see and use: the submission's, or the compiler's.
struct BoxProfile {
    var readOnly: [String]
    var writable: [String] = []
    /// Paths seen at another place in a namespace box.
    var moved: [(source: String, target: String, writable: Bool)] = []
    var tmpBytes: Int
    var allowForks: Bool
    var limits: BoxLimits
    /// The working folder outside a namespace box (inside one, the private `/tmp`).
    var folder: String

    func directory(_ mode: Sandbox.Mode) -> String { mode == .namespaces && writable.isEmpty ? "/tmp" : folder }
}

/// The resource limits the launcher sets before the program starts.
public struct BoxLimits: Sendable, Equatable {
    /// CPU seconds.
    public var cpuSeconds: Int
    /// Bytes of address space (the whole box, since a submission cannot start processes).
    public var memoryBytes: Int
    /// Bytes of the largest file it may write.
    public var fileBytes: Int
    /// Open file descriptors.
    public var openFiles: Int
    /// Processes and threads of the box's own user (set only when it has a user of its own).
    public var processes: Int

    public init(cpuSeconds: Int, memoryBytes: Int, fileBytes: Int, openFiles: Int, processes: Int) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.fileBytes = fileBytes
        self.openFiles = openFiles
        self.processes = processes
    }

    func arguments(processLimit: Bool) -> [String] {
        ["--cpu", String(cpuSeconds), "--memory", String(memoryBytes), "--file-size", String(fileBytes),
         "--open-files", String(openFiles)] + (processLimit ? ["--processes", String(processes)] : [])
    }
}

/// A user id of its own for one box, from a pool of 64 (62000–62063), held with a lock
/// file in a folder only root can write, and handed on only when no process of it is left.
final class BoxLease: @unchecked Sendable {
    let uid: UInt32
    private let descriptor: Int32
    /// Whether the box sees the machine's shared temporary folders (no mount namespace), so
    /// that what it left there must be removed.
    private let sharesFolders: Bool

    static let firstUID: UInt32 = 62_000
    static let poolSize: UInt32 = 64
    /// Where the locks live: root's own folder, never the shared `/tmp`.
    static let lockFolder = "/run/course-boxes"

    private init(uid: UInt32, descriptor: Int32, sharesFolders: Bool) {
        self.uid = uid
        self.descriptor = descriptor
        self.sharesFolders = sharesFolders
    }

    /// Takes a free user id, or returns nil when none is free or the lock folder is unsafe.
    static func take(sharesFolders: Bool = false) -> BoxLease? {
        guard geteuid() == 0, prepareLockFolder() else { return nil }
        for _ in 0..<3 {
            for uid in firstUID..<(firstUID + poolSize) {
                let fd = open("\(lockFolder)/\(uid).lock", O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
                if fd < 0 { continue }
                if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                    killProcesses(of: uid)
                    return BoxLease(uid: uid, descriptor: fd, sharesFolders: sharesFolders)
                }
                close(fd)
            }
            usleep(100_000)
        }
        return nil
    }

    deinit {
        BoxLease.killProcesses(of: uid)
        if sharesFolders { BoxLease.removeFiles(of: uid) }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Creates the lock folder as root's, mode 0700, and refuses one that anyone else
    /// could have planted or changed (a symbolic link, another owner, looser modes).
    private static func prepareLockFolder() -> Bool {
        mkdir(lockFolder, 0o700)
        var info = stat()
        guard lstat(lockFolder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == 0 else { return false }
        if info.st_mode & 0o077 != 0 { chmod(lockFolder, 0o700) }
        return true
    }

    /// Kills every process running as `uid` (left by a box that could not be contained in
    /// a PID namespace, or by a grader that died), and waits until none is left.
    static func killProcesses(of uid: UInt32) {
        for _ in 0..<100 {
            let left = processes(of: uid)
            if left.isEmpty { return }
            for pid in left { kill(pid, SIGKILL) }
            usleep(10_000)
        }
    }

    private static func processes(of uid: UInt32) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry) else { return nil }
            var info = stat()
            return stat("/proc/\(entry)", &info) == 0 && info.st_uid == uid ? pid : nil
        }
    }

    /// Removes what `uid` left in the machine's shared temporary folders (only a box
    /// without its own file system can write there).
    static func removeFiles(of uid: UInt32) {
        for folder in ["/tmp", "/dev/shm", "/var/tmp"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                var info = stat()
                let path = "\(folder)/\(name)"
                if lstat(path, &info) == 0 && info.st_uid == uid { try? FileManager.default.removeItem(atPath: path) }
            }
        }
    }
}

/// Why no box could be set up.
enum SandboxError: Error, CustomStringConvertible {
    case unavailable(String)
    case setupFailed(String)

    var description: String {
        switch self {
        case .unavailable(let why): why
        case .setupFailed(let line): "The sandbox could not be set up, so your code was not run (\(line))."
        }
    }
}

/// Results computed once per process and key, from any thread.
final class ProbeCache: @unchecked Sendable {
    private var values: [String: Sandbox.Mode?] = [:]
    private let lock = NSLock()

    func value(for key: String, compute: () -> Sandbox.Mode?) -> Sandbox.Mode? {
        lock.lock()
        defer { lock.unlock() }
        if let known = values[key] { return known }
        let computed = compute()
        values[key] = computed
        return computed
    }
}

/// Makes the grader's own process impossible to trace or to read through `/proc` by
/// processes of the same user (prctl(2), `PR_SET_DUMPABLE` 0).
func makeUndumpable() {
    #if os(Linux)
    typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") else { return }
    _ = unsafeBitCast(symbol, to: Prctl.self)(4, 0, 0, 0, 0)
    #endif
}
