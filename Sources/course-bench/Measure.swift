import Foundation

/// What one run of a command cost.
struct Measurement {
    var seconds: Double
    /// The largest resident size of the command's own process, in kilobytes.
    var peakKilobytes: Int
    var status: Int32
}

/// Runs a command to the end with its output discarded, and measures its wall time and its
/// own peak memory (from `wait4`, which counts the process itself and not its children).
func measure(_ executable: String, _ arguments: [String], in directory: URL,
             environment extra: [String: String] = [:]) throws -> Measurement {
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extra { environment[key] = value }
    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(directory.path)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let start = Date()
    guard posix_spawnp(&pid, executable, &actions, nil, argv, envp) == 0 else {
        throw CocoaError(.executableNotLoadable)
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    return Measurement(seconds: Date().timeIntervalSince(start), peakKilobytes: usage.ru_maxrss,
                       status: (status >> 8) & 0xff)
}

/// The median and the 10th and 90th percentiles of some samples.
struct Spread {
    let median: Double, low: Double, high: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        median = sorted[sorted.count / 2]
        low = sorted[sorted.count / 10]
        high = sorted[(sorted.count * 9) / 10]
    }
}

/// Prints a table row: a name, then the columns, aligned.
func row(_ name: String, _ columns: String...) {
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + columns.joined(separator: "  "))
}

func seconds(_ x: Double) -> String { String(format: "%7.3f s", x) }
