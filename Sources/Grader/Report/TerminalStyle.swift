import Foundation

/// Colours for terminal output: on only when stdout is a terminal and `NO_COLOR` is unset
/// (https://no-color.org), so logs and pipes get plain text.
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// The style for this process's stdout.
    public static var standardOutput: TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let wanted = isatty(1) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        return TerminalStyle(enabled: wanted)
    }

    public func green(_ s: String) -> String { paint(s, "32") }
    public func red(_ s: String) -> String { paint(s, "31") }
    public func yellow(_ s: String) -> String { paint(s, "33") }
    public func bold(_ s: String) -> String { paint(s, "1") }
    public func dim(_ s: String) -> String { paint(s, "2") }

    private func paint(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// How to spell a command in advice: `swift run course` when running from a SwiftPM build
/// folder, `course` when installed.
public var commandName: String {
    (Bundle.main.executablePath ?? "").contains("/.build/") ? "swift run course" : "course"
}
