import CourseKit

/// One request from the grader: a function of the submission to call, with its arguments.
public struct Call: Sendable {
    /// The function's name, as the exercise catalogue lists it.
    public let function: String
    /// The arguments in order.
    public let arguments: [WireValue]

    /// Returns argument `index` as the type the student's function expects.
    public func argument<T: WireConvertible>(_ index: Int) throws(WireError) -> T {
        guard arguments.indices.contains(index) else { throw .badArgumentIndex(index) }
        return try T(wire: arguments[index])
    }
}

/// The resource limits a submission sets on itself before running any student code.
public struct ResourceLimits: Sendable, Equatable {
    /// CPU seconds.
    public var cpuSeconds: Int
    /// Bytes of address space.
    public var memoryBytes: Int
    /// Bytes of the largest file it may write.
    public var fileBytes: Int
    /// Open file descriptors.
    public var openFiles: Int
    /// Processes (and threads) of the submission's user.
    public var processes: Int

    public init(cpuSeconds: Int, memoryBytes: Int, fileBytes: Int, openFiles: Int, processes: Int) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.fileBytes = fileBytes
        self.openFiles = openFiles
        self.processes = processes
    }

    /// The limits as command-line arguments of the submission.
    public var arguments: [String] {
        ["--cpu", String(cpuSeconds), "--memory", String(memoryBytes),
         "--file-size", String(fileBytes), "--open-files", String(openFiles), "--processes", String(processes)]
    }

    /// Reads the limits from command-line arguments; missing ones keep the defaults.
    public init(arguments: [String]) {
        self.init(cpuSeconds: 30, memoryBytes: 2 << 30, fileBytes: 1 << 20, openFiles: 64, processes: 64)
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let raw = iterator.next() else { break }
            guard let value = Int(raw) else { continue }
            switch flag {
            case "--cpu": cpuSeconds = value
            case "--memory": memoryBytes = value
            case "--file-size": fileBytes = value
            case "--open-files": openFiles = value
            case "--processes": processes = value
            default: continue
            }
        }
    }

    /// Lowers this process's soft and hard limits; they cannot be raised again.
    public func apply() {
        setLimit(cpuLimit, cpuSeconds)
        setLimit(memoryLimit, memoryBytes)
        setLimit(fileLimit, fileBytes)
        setLimit(openFilesLimit, openFiles)
        setLimit(processLimit, processes)
    }
}

#if canImport(Glibc)
private let cpuLimit = __rlimit_resource_t(RLIMIT_CPU.rawValue)
private let memoryLimit = __rlimit_resource_t(RLIMIT_AS.rawValue)
private let fileLimit = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
private let openFilesLimit = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
private let processLimit = __rlimit_resource_t(__RLIMIT_NPROC.rawValue)
private func setLimit(_ resource: __rlimit_resource_t, _ value: Int) {
    var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    _ = setrlimit(resource, &limit)
}
#else
private let cpuLimit = RLIMIT_CPU
private let memoryLimit = RLIMIT_AS
private let fileLimit = RLIMIT_FSIZE
private let openFilesLimit = RLIMIT_NOFILE
private let processLimit = RLIMIT_NPROC
private func setLimit(_ resource: Int32, _ value: Int) {
    var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    _ = setrlimit(resource, &limit)
}
#endif

/// The file descriptor on which replies go back to the grader; the student's own
/// printing goes to stdout and stderr and never mixes with them.
public let replyDescriptor: Int32 = 3

/// Serves the grader's calls until its requests end, then exits.
///
/// Each request is one line `call <id> <function> <arguments>`; each reply is one line
/// `ok <id> <value>` or `error <id> <message>` on the reply descriptor, written as soon as
/// the call returns so that a later crash loses nothing.
public func serveSubmission(_ handler: (Call) throws -> WireValue) -> Never {
    dieWithParent()
    let arguments = Array(CommandLine.arguments.dropFirst())
    func value(_ flag: String) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let identity = value("--uid").flatMap { UInt32($0) }
    if arguments.contains("--reap") {
        if let identity { reapProcesses(of: identity) }
        exit(0)
    }
    if let directory = value("--directory") {
        guard chdir(directory) == 0 else { exit(71) }
    }
    ResourceLimits(arguments: arguments).apply()
    if let identity { become(identity) }
    while let line = readLine(strippingNewline: true) {
        let reply: String
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "call" else {
            writeReply("error 0 \(WireError.malformed("expected 'call <id> <function> <arguments>'"))\n")
            continue
        }
        let id = parts[1]
        do {
            guard case .list(let arguments) = try WireValue(parsing: parts[3]) else {
                throw WireError.malformed("the arguments must be a list")
            }
            let result = try handler(Call(function: String(parts[2]), arguments: arguments))
            reply = "ok \(id) \(result.encoded)\n"
        } catch {
            reply = "error \(id) \(error)\n"
        }
        writeReply(reply)
    }
    exit(0)
}

private func writeReply(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { buffer in
            write(replyDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            exit(70)
        }
        offset += written
    }
    bytes.removeAll()
}

/// Asks Linux to kill this process when its parent, the grader, dies, so that a submission
/// never runs on as an orphan (`prctl(PR_SET_PDEATHSIG, SIGKILL)`, looked up at run time
/// because the Glibc module does not export it).
private func dieWithParent() {
    #if os(Linux)
    typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    let setParentDeathSignal: Int32 = 1
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") else { return }
    _ = unsafeBitCast(symbol, to: Prctl.self)(setParentDeathSignal, UInt(SIGKILL), 0, 0, 0)
    #endif
}

/// Switches this process to the sandbox user `uid` for good (a root grader asks for it), or
/// exits before any student code runs if that fails.
private func become(_ uid: UInt32) {
    guard geteuid() == 0 else { return }
    guard setgroups(0, nil) == 0, setgid(uid) == 0, setuid(uid) == 0, getuid() == uid, geteuid() == uid else { exit(72) }
}

/// Kills every process of the sandbox user `uid`, the submission's leftovers included.
private func reapProcesses(of uid: UInt32) {
    guard geteuid() == 0, setgid(uid) == 0, setuid(uid) == 0 else { return }
    kill(-1, SIGKILL)
}
