#if os(Linux)
import Glibc

/// The file system a box sees: a new, empty root holding read-only views of the system's
/// libraries and of the paths the grader names, a private `/tmp` of a fixed size, its own
/// `/proc` and a minimal `/dev`; nothing else of the machine exists for it.
///
/// It follows mount_namespaces(7) and pivot_root(2), as bubblewrap does: a tmpfs becomes
/// the root with the old root under `/old`, the box is assembled in `/new` from paths under
/// `/old`, then `/new` becomes the root and the old one is detached.
struct FileSystemView {
    let readOnly: [String]
    let writable: [String]
    /// Paths of the machine seen at another path in the box.
    let moved: [(source: String, target: String, writable: Bool)]
    let tmpBytes: Int

    /// The folders of the system that hold programs' shared libraries.
    static let systemFolders = ["/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin"]
    static let systemFiles = ["/etc/ld.so.cache"]
    static let devices = ["null", "zero", "random", "urandom"]

    private static let bind = UInt(MS_BIND), recursive = UInt(MS_REC), privateMount = UInt(MS_PRIVATE)
    private static let remount = UInt(MS_REMOUNT), readOnlyFlag = UInt(MS_RDONLY)
    private static let noSetUID = UInt(MS_NOSUID), noDevices = UInt(MS_NODEV), noExecution = UInt(MS_NOEXEC)

    /// Builds the view and makes it this process's root. Needs a new mount namespace.
    func enter() {
        // Every path is resolved while the machine's root is still the root: a symbolic
        // link on the way (an absolute one especially) would point elsewhere under /old.
        let readOnly = readOnly.map { (resolved($0), $0) }, writable = writable.map { (resolved($0), $0) }
        let moved = moved.map { (resolved($0.source), $0.target, $0.writable) }
        mountCall(nil, "/", nil, Self.recursive | Self.privateMount, "make every mount private")
        mountCall("tmpfs", "/tmp", "tmpfs", Self.noSetUID | Self.noDevices, "mount the staging tmpfs", data: "size=1m,mode=0755")
        check(chdir("/tmp"), "chdir /tmp")
        check(mkdir("new", 0o755), "mkdir new")
        check(mkdir("old", 0o755), "mkdir old")
        mountCall("tmpfs", "new", "tmpfs", Self.noSetUID | Self.noDevices, "mount the root tmpfs", data: "size=1m,mode=0755")
        check(Kernel.syscall(Self.pivotRoot, address("/tmp"), address("/tmp/old")), "pivot_root to the staging tmpfs")
        check(chdir("/"), "chdir /")

        mountCall("tmpfs", "/new/tmp", "tmpfs", Self.noSetUID | Self.noDevices, "mount /tmp",
                  data: "size=\(tmpBytes),mode=1777", creating: true)
        for folder in Self.systemFolders { mirror(folder) }
        for file in Self.systemFiles where access("/old" + file, F_OK) == 0 { bindPath(file, writable: false) }
        for (source, path) in readOnly { bindPath(source, writable: false, at: path) }
        for (source, path) in writable { bindPath(source, writable: true, at: path) }
        for (source, target, writable) in moved { bindPath(source, writable: writable, at: target) }
        mountDevices()
        makeFolders("/new/proc")
        mountCall("proc", "/new/proc", "proc", Self.noSetUID | Self.noDevices | Self.noExecution, "mount /proc")

        check(umount2("/old", Int32(MNT_DETACH)), "detach the old root")
        check(chdir("/new"), "chdir /new")
        check(Kernel.syscall(Self.pivotRoot, address("."), address(".")), "pivot_root into the box")
        check(umount2(".", Int32(MNT_DETACH)), "detach the staging tmpfs")
        check(chdir("/"), "chdir /")
        mountCall(nil, "/", nil, Self.remount | Self.bind | Self.readOnlyFlag | Self.noSetUID | Self.noDevices,
                  "make the root read-only")
    }

    #if arch(x86_64)
    private static let pivotRoot = 155
    #elseif arch(arm64)
    private static let pivotRoot = 41
    #endif

    /// A system folder is bound read-only, a symbolic link (`/lib` → `usr/lib`) copied.
    private func mirror(_ folder: String) {
        var info = stat()
        guard lstat("/old" + folder, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK {
            var target = [CChar](repeating: 0, count: 4096)
            let length = readlink("/old" + folder, &target, target.count - 1)
            check(length, "readlink \(folder)")
            check(symlink(target, "/new" + folder), "symlink \(folder)")
        } else if info.st_mode & S_IFMT == S_IFDIR {
            bindPath(folder, writable: false)
        }
    }

    /// Makes `path` of the machine visible at the same path in the box.
    private func bindPath(_ path: String, writable: Bool, at place: String? = nil) {
        var info = stat()
        check(stat("/old" + path, &info), "stat \(path)")
        let target = "/new" + (place ?? path)
        if info.st_mode & S_IFMT == S_IFDIR {
            makeFolders(target)
        } else {
            makeFolders(parent(of: target))
            let fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            if fd < 0 && errno != EEXIST { check(fd, "create \(path)") }
            if fd >= 0 { close(fd) }
        }
        mountCall("/old" + path, target, nil, Self.bind | Self.recursive, "bind \(path)")
        var flags = Self.remount | Self.bind | Self.noSetUID | Self.noDevices | lockedFlags(of: target)
        if !writable { flags |= Self.readOnlyFlag }
        mountCall(nil, target, nil, flags, "make \(path) \(writable ? "writable" : "read-only")")
    }

    /// The flags of the mount at `path` that a remount inside a user namespace must keep.
    private func lockedFlags(of path: String) -> UInt {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        let pairs: [(UInt, UInt)] = [(1, Self.readOnlyFlag), (8, Self.noExecution),
                                     (1024, UInt(MS_NOATIME)), (2048, UInt(MS_NODIRATIME)), (4096, UInt(MS_RELATIME))]
        return pairs.reduce(0) { info.f_flag & $1.0 != 0 ? $0 | $1.1 : $0 }
    }

    private func mountDevices() {
        mountCall("tmpfs", "/new/dev", "tmpfs", Self.noSetUID | Self.noExecution, "mount /dev",
                  data: "size=64k,mode=0755", creating: true)
        for device in Self.devices where access("/old/dev/" + device, F_OK) == 0 {
            let target = "/new/dev/" + device
            let fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0o666)
            check(fd, "create /dev/\(device)")
            close(fd)
            mountCall("/old/dev/" + device, target, nil, Self.bind, "bind /dev/\(device)")
        }
        for (name, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                               ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")] {
            check(symlink(target, "/new/dev/" + name), "symlink /dev/\(name)")
        }
    }

    private func mountCall(_ source: String?, _ target: String, _ type: String?, _ flags: UInt, _ what: String,
                           data: String? = nil, creating: Bool = false) {
        if creating { makeFolders(target) }
        let result = data.map { text in text.withCString { mount(source, target, type, flags, $0) } }
            ?? mount(source, target, type, flags, nil)
        check(result, what)
    }

    /// The path with every symbolic link resolved (realpath(3)); a path that does not exist
    /// is kept, and fails where it is bound.
    private func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private func makeFolders(_ path: String) {
        var built = ""
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o755) != 0 && errno != EEXIST { check(-1, "mkdir \(built)") }
        }
    }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// The address of a C string that lives as long as the process (the launcher is short-lived).
    private func address(_ text: String) -> Int { Int(bitPattern: strdup(text)) }
}
#endif
