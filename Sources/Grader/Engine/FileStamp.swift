import Foundation

/// Returns a file's size and modification time as text, which changes whenever the file
/// does; cache keys use it where hashing the contents every time would cost too much.
func fileStamp(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "missing" }
    #if canImport(Darwin)
    let modified = info.st_mtimespec
    #else
    let modified = info.st_mtim
    #endif
    return "\(info.st_size) \(modified.tv_sec) \(modified.tv_nsec)"
}

/// Returns a file's inode, size, modification and change times as text. The change time
/// moves with every write, rename or change of mode, and no one but root can set it back.
func changeStamp(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "missing" }
    #if canImport(Darwin)
    let modified = info.st_mtimespec, changed = info.st_ctimespec
    #else
    let modified = info.st_mtim, changed = info.st_ctim
    #endif
    return "\(info.st_ino)-\(info.st_size)-\(modified.tv_sec).\(modified.tv_nsec)-\(changed.tv_sec).\(changed.tv_nsec)"
}
