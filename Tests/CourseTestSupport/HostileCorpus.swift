import Foundation

/// Submissions of exercise 1 that attack the grader, each with the verdict it must get.
///
/// Most attacks prove themselves: `sigmoidDerivative` returns the right value only when the
/// attack worked (it read what it should not, saw the grader, started a process…), so
/// the check named "sigmoidDerivative" must fail. Attacks on the machine (writing outside
/// the box, leaving files, killing or stopping the grader) return the right value anyway,
/// so their check must pass, and the marker paths they tried must not exist afterwards.
public struct HostileCase: Sendable {
    public enum Verdict: Sendable {
        /// The attack must have failed: the check that returns the right value only on
        /// success fails.
        case attackFails
        /// The attack is harmless: the grader stays up and every check passes.
        case gradedNormally
        /// The file does not compile (in time).
        case compileError
    }

    public let name: String
    public let source: String
    public let verdict: Verdict
    /// Paths the attack tried to create, which must not exist after the check.
    public let untouched: [String]
}

/// The places an attack aims at, on the machine that grades.
public struct AttackTargets: Sendable {
    /// The course folder (its solutions and its cache are inside).
    public let course: URL
    /// A classmate's submission, readable by the grading user.
    public let classmate: URL
    /// A name no other file has, for the files an attack tries to leave.
    public let marker: String

    public init(course: URL, classmate: URL, marker: String) {
        self.course = course
        self.classmate = classmate
        self.marker = marker
    }
}

public enum HostileCorpus {
    /// The cases, built from exercise 1's solution.
    public static func cases(solution: String, targets: AttackTargets) -> [HostileCase] {
        let right = "let s = sigmoid(x)\nreturn worked ? s * (1 - s) : -1"
        func attack(_ name: String, _ test: String) -> HostileCase {
            HostileCase(name: name, source: replacingBody(of: "sigmoidDerivative", in: solution, with: "\(test)\n\(right)"),
                        verdict: .attackFails, untouched: [])
        }
        func harmless(_ name: String, _ code: String, untouched: [String] = [], extra: String = "") -> HostileCase {
            let body = "\(code)\nlet s = sigmoid(x)\nreturn s * (1 - s)"
            return HostileCase(name: name, source: replacingBody(of: "sigmoidDerivative", in: solution, with: body) + extra,
                               verdict: .gradedNormally, untouched: untouched)
        }
        let course = targets.course.path, marker = targets.marker
        let cache = targets.course.appendingPathComponent(".build/course-cache").path
        return [
            attack("reads the solutions", #"let worked = fopen("\#(course)/solutions/exercise1.swift", "r") != nil"#),
            attack("reads the system's password hashes", #"let worked = fopen("/etc/shadow", "r") != nil || fopen("/etc/passwd", "r") != nil"#),
            attack("lists the cache of compiled programs", #"let worked = opendir("\#(cache)/submissions") != nil || opendir("\#(cache)") != nil"#),
            attack("reads a classmate's file", #"let worked = fopen("\#(targets.classmate.path)", "r") != nil"#),
            attack("runs as root", "let worked = getuid() == 0 || geteuid() == 0"),
            attack("sees processes outside its box", """
                let worked = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [])
                    .filter { $0.allSatisfy(\\.isNumber) }.count > 2
                """),
            attack("opens its parent's memory", #"let worked = open("/proc/\(getppid())/mem", O_RDWR) >= 0 || open("/proc/1/mem", O_RDWR) >= 0"#),
            attack("traces or writes another process", """
                typealias Ptrace = @convention(c) (Int, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int
                typealias WriteOther = @convention(c) (Int32, UnsafeRawPointer?, UInt, UnsafeRawPointer?, UInt, UInt) -> Int
                let library = dlopen(nil, RTLD_NOW)
                let ptrace = unsafeBitCast(dlsym(library, "ptrace"), to: Ptrace.self)
                let writeOther = unsafeBitCast(dlsym(library, "process_vm_writev"), to: WriteOther.self)
                var byte: UInt8 = 0
                var local = iovec(iov_base: &byte, iov_len: 1), remote = iovec(iov_base: &byte, iov_len: 1)
                let worked = ptrace(16, getppid(), nil, nil) == 0 || ptrace(16, 1, nil, nil) == 0
                    || writeOther(1, &local, 1, &remote, 1, 0) == 1 || writeOther(getppid(), &local, 1, &remote, 1, 0) == 1
                """),
            attack("starts a process", """
                let child = fork()
                if child == 0 { _exit(0) }
                let worked = child > 0 || system("true") == 0
                """),
            attack("compiles the solution at run time", #"let worked = system("swiftc \#(course)/solutions/exercise1.swift -o /tmp/s") == 0"#),
            attack("opens a network connection", """
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(53).bigEndian
                address.sin_addr.s_addr = UInt32(0x0101_0101).bigEndian
                let worked = fd >= 0 && withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                } == 0
                """),
            attack("holds more memory than the limit across threads", """
                final class Chunks: @unchecked Sendable { var ok = [Bool](repeating: false, count: 4); let lock = NSLock() }
                let chunks = Chunks()
                DispatchQueue.concurrentPerform(iterations: 4) { i in
                    let size = 700_000_000
                    guard let memory = malloc(size) else { return }
                    memset(memory, 1, size)
                    chunks.lock.lock(); chunks.ok[i] = true; chunks.lock.unlock()
                }
                let worked = chunks.ok.allSatisfy { $0 }
                """),
            attack("fills its temporary folder", """
                var written = 0
                if let file = fopen("/tmp/\(marker)-big", "w") {
                    let block = [UInt8](repeating: 7, count: 1 << 20)
                    for _ in 0..<64 { written += fwrite(block, 1, block.count, file) }
                    fclose(file)
                }
                let worked = written == 64 << 20
                """),
            harmless("writes into the course and the cache", """
                for path in ["\(course)/\(marker)", "\(course)/solutions/\(marker)", "\(cache)/\(marker)", "\(course)/.build/\(marker)"] {
                    if let file = fopen(path, "w") { fputs("pwned", file); fclose(file) }
                }
                """, untouched: ["\(course)/\(marker)", "\(course)/solutions/\(marker)", "\(cache)/\(marker)", "\(course)/.build/\(marker)"]),
            harmless("leaves files in the shared temporary folders", """
                for path in ["/tmp/\(marker)", "/dev/shm/\(marker)", "/var/tmp/\(marker)"] {
                    if let file = fopen(path, "w") { fputs("left", file); fclose(file) }
                }
                """, untouched: ["/tmp/\(marker)", "/dev/shm/\(marker)", "/var/tmp/\(marker)", "/tmp/\(marker)-big"]),
            harmless("kills and stops everything it can", """
                kill(getppid(), SIGKILL)
                kill(-1, SIGSTOP)
                kill(0, SIGSTOP)
                kill(1, SIGKILL)
                """),
            harmless("shadows a C function the runtime calls first", "", untouched: ["\(course)/\(marker)-early"], extra: """

                @_cdecl("setvbuf")
                public func earlySetvbuf(_ stream: OpaquePointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ mode: Int32, _ size: Int) -> Int32 {
                    if let file = fopen("\(course)/\(marker)-early", "w") { fputs("root?", file); fclose(file) }
                    return 0
                }
                """),
            HostileCase(name: "answers with a million nested lists", source: replacingBody(of: "sigmoidDerivative", in: solution, with: """
                var reply = "ok 1 "
                for _ in 0..<1_000_000 { reply += "l 1 " }
                reply += "d 0.25\\n"
                _ = reply.withCString { write(3, $0, strlen($0)) }
                let s = sigmoid(x)
                return s * (1 - s)
                """), verdict: .attackFails, untouched: []),
            HostileCase(name: "explodes the type checker", source: solution + """

                func slow() -> Double {
                    let q = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map { Double($0) }.reduce(0) { $0 + $1 * 2 - 1 / 3 + 4 * 5 - 6 / 7 + 8 * 9 - 10 + 11 * 12 - 13 / 14 + 15 }
                    return q
                }
                """, verdict: .compileError, untouched: []),
        ]
    }
}
