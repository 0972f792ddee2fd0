// The launcher of a box: everything between the grader's spawn and the submission's exec,
// as isolate (IOI, CMS), nsjail and bubblewrap do. The grader starts it; it sets up the
// namespaces, the file system, the limits, the user and the system-call filter, then
// executes the program. Nothing of the submission runs before all of that is in place, and
// any step that fails stops the box with exit status 125 and a line on stderr starting with
// "course-box:" (it fails closed).
#if os(Linux)
import Glibc

let configuration = BoxConfiguration(arguments: Array(CommandLine.arguments.dropFirst()))
dieWithParent()
switch configuration.mode {
case .namespaces: runInNamespaces()
case .user, .none: enterBox()
}

/// Asks the kernel to kill this process when its parent dies (prctl(2),
/// `PR_SET_PARENT_DEATHSIG`); it is cleared by a change of user, so it is set again after
/// one. A parent that died before the request is caught by the pipe or parent check.
func dieWithParent() {
    check(Kernel.prctl(Kernel.setParentDeathSignal, UInt(SIGKILL)), "prctl(PR_SET_PDEATHSIG)")
}

/// Creates the namespaces, then a first child that is the box's init (PID 1) and builds its
/// file system, then a second that becomes the program. When init ends, the kernel kills
/// every process left in the PID namespace: nothing of the box outlives it.
func runInNamespaces() -> Never {
    let outsideUID = getuid(), outsideGID = getgid(), unprivileged = geteuid() != 0
    var flags = Kernel.newNamespace | Kernel.newPID | Kernel.newNetwork | Kernel.newIPC | Kernel.newUTS
    if unprivileged { flags |= Kernel.newUser }
    check(Kernel.unshare(flags), "unshare (the kernel refuses new namespaces)")
    if unprivileged {
        // user_namespaces(7): one user and one group of the box stand for the caller.
        writeFile("/proc/self/setgroups", "deny")
        writeFile("/proc/self/uid_map", "\(BoxConfiguration.userInside) \(outsideUID) 1\n")
        writeFile("/proc/self/gid_map", "\(BoxConfiguration.userInside) \(outsideGID) 1\n")
    }
    // Neither the program nor anything it runs may trace or read the launcher or the box's
    // init (after the maps above: an undumpable process cannot write its own).
    Kernel.prctl(Kernel.setDumpable, 0)
    var status: [Int32] = [0, 0]
    check(pipe(&status), "pipe")
    // Above the descriptors the program inherits, which both processes close.
    status = status.map { fd in defer { close(fd) }; return fcntl(fd, F_DUPFD_CLOEXEC, 10) }
    let initPID = fork()
    check(initPID, "fork")
    if initPID == 0 {
        close(status[0])
        runInit(reportingTo: status[1])
    }
    close(status[1])
    for fd: Int32 in 0...3 { close(fd) }
    var waited: Int32 = 0
    while waitpid(initPID, &waited, 0) < 0 && errno == EINTR {}
    var programStatus: Int32 = 0
    let count = withUnsafeMutableBytes(of: &programStatus) { read(status[0], $0.baseAddress, 4) }
    endLike(count == 4 ? programStatus : waited)
}

/// The box's PID 1: builds the file system, starts the program, and reports how it ended.
func runInit(reportingTo statusFD: Int32) -> Never {
    dieWithParent()
    // The launcher may have died before the request above: then its end of the pipe is gone.
    var probe = pollfd(fd: statusFD, events: Int16(POLLOUT), revents: 0)
    if poll(&probe, 1, 0) > 0 && probe.revents & Int16(POLLERR) != 0 { _exit(125) }
    FileSystemView(readOnly: configuration.readOnly, writable: configuration.writable, moved: configuration.moved,
                   tmpBytes: configuration.tmpBytes).enter()
    let programPID = fork()
    check(programPID, "fork")
    if programPID == 0 {
        close(statusFD)
        enterBox()
    }
    for fd: Int32 in 0...3 { close(fd) }
    var waited: Int32 = 0
    while true {
        let pid = waitpid(-1, &waited, 0)
        if pid == programPID { break }
        if pid < 0 && errno != EINTR { _exit(125) }
    }
    _ = withUnsafeBytes(of: &waited) { write(statusFD, $0.baseAddress, 4) }
    _exit(0)
}

/// Ends this process the way the program ended: the same exit status, or the same signal.
func endLike(_ status: Int32) -> Never {
    let signal = status & 0x7F
    if signal == 0 { _exit((status >> 8) & 0xFF) }
    var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
    setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
    Glibc.signal(signal, SIG_DFL)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    sigaddset(&unblocked, signal)
    sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    kill(getpid(), signal)
    _exit(128 + signal)
}

/// The last steps, in this order: limits, user, death signal, folder, filter, descriptors,
/// then the program itself (or, for a probe, a successful exit).
func enterBox() -> Never {
    var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
    check(setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore), "setrlimit core")
    for (resource, value) in configuration.limits {
        var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
        check(setrlimit(__rlimit_resource_t(UInt32(resource)), &limit), "setrlimit \(resource)")
    }
    if geteuid() == 0, let uid = configuration.uid {
        check(setgroups(0, nil), "setgroups")
        check(Kernel.setresgid(uid), "setresgid \(uid)")
        check(Kernel.setresuid(uid), "setresuid \(uid)")
        guard getuid() == uid, geteuid() == uid, getgid() == uid else { fail("the user did not change") }
    }
    guard geteuid() != 0 else { fail("refusing to run a program as root") }
    dieWithParent()
    check(chdir(configuration.directory), "chdir \(configuration.directory)")
    SystemCallFilter(forbidForks: !configuration.allowForks, ownPID: getpid()).install()
    closeDescriptors(above: 3)
    if configuration.probe { _exit(0) }
    let arguments = configuration.command.map { strdup($0) } + [nil]
    execv(configuration.command[0], arguments)
    fail("cannot run \(configuration.command[0]): \(String(cString: strerror(errno)))")
}

/// Closes every descriptor above `last`, so the program inherits only the grader's pipes.
func closeDescriptors(above last: Int32) {
    #if arch(x86_64) || arch(arm64)
    let closeRange = 436
    if Kernel.syscall(closeRange, Int(last) + 1, Int(UInt32.max), 0) == 0 { return }
    #endif
    for fd in (last + 1)..<1024 { close(fd) }
}
#else
print("course-box: boxes need Linux")
exit(125)
#endif
