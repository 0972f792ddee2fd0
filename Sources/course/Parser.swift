/// A command line parsed against a command's spec.
struct Invocation {
    let spec: CommandSpec
    var positionals: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var wantsHelp = false
}

/// A mistake in the command line: one line saying what is wrong, and the usage to show.
struct UsageError: Error {
    let message: String
    let spec: CommandSpec?

    /// The text printed on stderr, in the layout of swift-argument-parser.
    var text: String {
        var text = "Error: \(message)\n"
        if let spec {
            text += "Usage: \(spec.usage)\n  See 'course help \(spec.name)' for more information."
        } else {
            text += "Usage: course <command> [<arguments>] [<options>]\n  See 'course help' for more information."
        }
        return text
    }
}

/// What a command line asks for.
enum Request {
    /// `course`, `course -h`: the overview.
    case overview
    /// `course --version`.
    case version
    /// `course --generate-completion-script <shell>`.
    case completionScript(Shell)
    /// `course <command> …`.
    case command(Invocation)
}

/// Parses a command line, or throws a usage error.
func parse(_ arguments: [String]) throws(UsageError) -> Request {
    guard let first = arguments.first else { return .overview }
    if first == "-h" || first == "--help" { return .overview }
    if first.hasPrefix("-") && commandSpecs.allSatisfy({ $0.name != first }) {
        return try parseTopLevel(arguments)
    }
    guard let spec = commandSpecs.first(where: { $0.name == first }) else {
        let suggestion = closest(to: first, among: commandSpecs.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
        throw UsageError(message: "Unknown command '\(first)'.\(suggestion)", spec: nil)
    }
    var invocation = Invocation(spec: spec)
    var rest = arguments.dropFirst().makeIterator()
    while let argument = rest.next() {
        if argument == "-h" || argument == "--help" {
            invocation.wantsHelp = true
        } else if argument.hasPrefix("-") && argument.count > 1 {
            let (name, inline) = splitInlineValue(argument)
            guard let option = spec.option(named: name) else {
                let suggestion = closest(to: name, among: spec.options.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
                throw UsageError(message: "Unknown option '\(name)'.\(suggestion)", spec: spec)
            }
            if let valueName = option.value {
                guard let value = inline ?? rest.next(), !value.isEmpty else {
                    throw UsageError(message: "Missing value for '\(name) <\(valueName)>'.", spec: spec)
                }
                invocation.options[name] = value
            } else {
                if inline != nil { throw UsageError(message: "The flag '\(name)' takes no value.", spec: spec) }
                invocation.flags.insert(name)
            }
        } else {
            invocation.positionals.append(argument)
        }
    }
    if invocation.wantsHelp { return .command(invocation) }
    let required = spec.arguments.filter { !$0.optional }.count
    if invocation.positionals.count < required {
        throw UsageError(message: "Missing expected argument '<\(spec.arguments[invocation.positionals.count].name)>'.", spec: spec)
    }
    if invocation.positionals.count > spec.arguments.count {
        throw UsageError(message: "Unexpected argument '\(invocation.positionals[spec.arguments.count])'.", spec: spec)
    }
    return .command(invocation)
}

/// Parses the options of `course` itself: `--version`, `--generate-completion-script <shell>`.
private func parseTopLevel(_ arguments: [String]) throws(UsageError) -> Request {
    let (name, inline) = splitInlineValue(arguments[0])
    var rest = arguments.dropFirst()
    let request: Request
    switch name {
    case "--version":
        if inline != nil { throw UsageError(message: "The flag '--version' takes no value.", spec: nil) }
        request = .version
    case "--generate-completion-script":
        let shells = Shell.allCases.map(\.rawValue)
        guard let value = inline ?? rest.popFirst(), !value.isEmpty else {
            throw UsageError(message: "Missing value for '--generate-completion-script <shell>'. Valid shells: \(shells.joined(separator: ", ")).", spec: nil)
        }
        guard let shell = Shell(rawValue: value) else {
            throw UsageError(message: "The value '\(value)' is invalid for '--generate-completion-script <shell>'. "
                             + "Please provide one of \(shells.map { "'\($0)'" }.joined(separator: ", ")).", spec: nil)
        }
        request = .completionScript(shell)
    default:
        let suggestion = closest(to: name, among: topLevelOptions.map(\.name) + ["--help"]).map { " Did you mean '\($0)'?" } ?? ""
        throw UsageError(message: "Unknown option '\(name)'.\(suggestion)", spec: nil)
    }
    if let extra = rest.first {
        throw UsageError(message: "Unexpected argument '\(extra)'.", spec: nil)
    }
    return request
}

private func splitInlineValue(_ argument: String) -> (String, String?) {
    guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
}

/// Returns the candidate closest to `word` when it is close enough to be a likely typo.
func closest(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
}

/// Returns the Levenshtein distance: the fewest insertions, deletions and substitutions
/// that turn `a` into `b`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
