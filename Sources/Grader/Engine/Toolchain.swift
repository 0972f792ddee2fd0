import Foundation

/// The Swift compiler the grader uses for submissions, and a fingerprint of it for caches.
struct Toolchain: Sendable {
    let swiftc: String
    let fingerprint: String

    /// The toolchain's `usr` folder (`…/usr/bin/swiftc` → `…/usr`), which a compiler's box sees.
    var usrFolder: String {
        URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The folder of the Swift runtime libraries that every compiled program loads.
    var runtimeFolder: String {
        #if os(macOS)
        usrFolder + "/lib/swift/macosx"
        #else
        usrFolder + "/lib/swift/linux"
        #endif
    }

    /// Finds `swiftc`: `$SWIFTC`, otherwise the first on `$PATH`, otherwise next to the
    /// toolchain that built the running program.
    static func locate() throws -> Toolchain {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["SWIFTC"], !explicit.isEmpty { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(folder)/swiftc") }
        candidates += ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc", "/usr/local/bin/swiftc"]
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            return Toolchain(swiftc: path, fingerprint: "\(resolved) \(fileStamp(resolved))")
        }
        throw BuildError.toolchainMissing
    }

    #if os(macOS)
    static let libraryPrefix = "lib", librarySuffix = ".dylib"
    #else
    static let libraryPrefix = "lib", librarySuffix = ".so"
    #endif
}

/// A failure of the grader's own build steps (not of a student's code).
public enum BuildError: Error, CustomStringConvertible {
    case toolchainMissing
    case libraryFailed(String)
    case io(String)

    public var description: String {
        switch self {
        case .toolchainMissing:
            "Cannot find swiftc. Install the Swift toolchain, put it on PATH, or set SWIFTC to the compiler's path."
        case .libraryFailed(let output):
            "Could not compile the course library that submissions link against:\n\(output)"
        case .io(let why):
            "Could not prepare the build folder: \(why)"
        }
    }
}

/// Runs a command to completion, returning its status and what it printed (stdout and
/// stderr together).
func runTool(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(300),
             environment: [String] = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }) throws
    -> (status: ChildProcess.Termination, output: String)
{
    let child = try ChildProcess(executable: executable, arguments: arguments, environment: environment,
                                 withChannel: false, outputLimit: 64 << 20)
    child.closeInputWhenSent()
    let result = child.pump(until: { false }, deadline: .now + timeout)
    let status = result == .ended ? child.finish(grace: timeout) : child.interrupt()
    var output = child.stdout.text + child.stderr.text
    if result == .timedOut { output += "\n(stopped after \(timeout))" }
    return (status, output)
}
