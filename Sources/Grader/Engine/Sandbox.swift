import Foundation

/// An identity for running one submission apart from everything else.
///
/// When the grader runs as root (as on a grading server, in CI or on Gradescope), each
/// submission runs under a user id of its own from a small pool, held with a lock file so
/// that parallel graders never share one. Under that id it cannot write the course or the
/// class folder, cannot read other submissions' compiled programs, its process count is
/// limited, and when it is done every process left under that id is killed, even one that
/// left the process group. Without root, the process group, the resource limits and the
/// parent-death signal still apply.
final class SandboxIdentity: @unchecked Sendable {
    /// The user id, or nil when the grader cannot switch users.
    private(set) var uid: UInt32?
    private var lockDescriptor: Int32

    /// Set when a submission could not switch to its sandbox user (a container without the
    /// capability, or a user namespace without those ids): from then on, none tries.
    private static let unavailable = Flag()

    static let firstUID: UInt32 = 61_000
    static let poolSize: UInt32 = 64

    /// Takes a free user id from the pool when running as root and when the sandbox user can
    /// reach `library` (the course library the submission loads).
    init(library: URL) {
        guard geteuid() == 0, !SandboxIdentity.unavailable.isSet, SandboxIdentity.othersCanReach(library) else {
            uid = nil
            lockDescriptor = -1
            return
        }
        for candidate in SandboxIdentity.firstUID..<(SandboxIdentity.firstUID + SandboxIdentity.poolSize) {
            let path = "/tmp/course-sandbox-\(candidate).lock"
            let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            if fd < 0 { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                uid = candidate
                lockDescriptor = fd
                return
            }
            close(fd)
        }
        uid = nil
        lockDescriptor = -1
    }

    deinit { release() }

    /// Gives up switching users, for this submission and every later one of this grader.
    func disable() {
        SandboxIdentity.unavailable.set()
        uid = nil
        release()
    }

    private func release() {
        if lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    /// The exit statuses of a submission that stopped before any student code ran because
    /// it could not enter its folder (71) or switch to its user (72).
    static let setupFailures: Set<Int32> = [71, 72]

    /// Returns whether users other than the owner may pass through every folder down to
    /// `folder` and read it; a restrictive umask can forbid that, and then no sandbox user
    /// could load the course library.
    static func othersCanReach(_ folder: URL) -> Bool {
        var path = folder.standardizedFileURL.path
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o005 == 0o005 else { return false }
        while path != "/" && !path.isEmpty {
            path = (path as NSString).deletingLastPathComponent
            guard stat(path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
        }
        return true
    }

    /// Gives `folder` to the sandbox user, readable by it alone.
    func own(_ folder: URL) {
        guard let uid else { return }
        chown(folder.path, uid, uid)
        chmod(folder.path, 0o700)
    }

    /// The arguments that tell a submission to switch to this identity.
    var arguments: [String] {
        uid.map { ["--uid", String($0)] } ?? []
    }

    /// Kills every process still running under this identity, using the submission program
    /// itself: started with `--reap`, it switches to the identity and signals them all.
    func reap(with program: URL) {
        guard uid != nil,
              let child = try? ChildProcess(executable: program.path, arguments: ["--reap"] + arguments,
                                            environment: [], withChannel: false) else { return }
        child.closeInputWhenSent()
        _ = child.pump(until: { false }, deadline: .now + .seconds(2))
        child.finish(grace: .seconds(1))
    }

    /// The number of processes that the grader's own user ran when the grader started, for a
    /// process limit that leaves the user's other programs alone. It is counted once: reading
    /// /proc for every submission would cost more than the submission's own start.
    static let processesOfThisUser = processCountOfThisUser()

    private static func processCountOfThisUser() -> Int {
        let me = getuid()
        var count = 0
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.allSatisfy(\.isNumber) {
            var info = stat()
            if stat("/proc/\(entry)", &info) == 0 && info.st_uid == me { count += 1 }
        }
        return count
    }
}

/// A flag that is set once, readable from any thread.
final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
