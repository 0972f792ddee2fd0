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
