import CourseKit
import Grader

// `course --generate-completion-script bash|zsh|fish`: completion of commands, exercise and
// lesson names, options, files and folders, written as swift-argument-parser's tools write
// theirs. Install, for example:
//   bash: course --generate-completion-script bash > ~/.local/share/bash-completion/completions/course
//   zsh:  course --generate-completion-script zsh > ~/.zsh/completion/_course  (a folder in $fpath)
//   fish: course --generate-completion-script fish > ~/.config/fish/completions/course.fish

/// A shell that `--generate-completion-script` writes for.
enum Shell: String, CaseIterable {
    case zsh, bash, fish
}

/// What completes a value: fixed words, file names, folder names, or nothing.
enum CompletionValue: Equatable {
    case words([String])
    case files
    case folders
    case none

    /// What completes the command argument called `name`.
    init(argument name: String) {
        switch name {
        case "exercise": self = .words(Catalogue.exercises.map(\.id))
        case "lesson": self = .words(Catalogue.lessons.map { "lesson\($0.number)" })
        case "command": self = .words(commandSpecs.map(\.name))
        case "folder": self = .folders
        default: self = .none
        }
    }

    /// What completes the value of an option whose placeholder is `name`.
    init(option name: String) {
        switch name {
        case "path": self = .files
        case "folder": self = .folders
        default: self = .none
        }
    }
}

/// The options of `course` itself, before any command.
let topLevelOptions = [
    OptionSpec(name: "--version", value: nil, help: "Show the version."),
    OptionSpec(name: "--generate-completion-script", value: "shell", help: "Print a completion script for bash, zsh or fish."),
]

/// Returns the completion script for `shell`.
func completionScript(for shell: Shell) -> String {
    switch shell {
    case .bash: bashScript()
    case .zsh: zshScript()
    case .fish: fishScript()
    }
}

// MARK: bash

private func bashScript() -> String {
    func words(_ list: [String]) -> String { "\"" + list.joined(separator: " ") + "\"" }
    func reply(_ value: CompletionValue, extra: [String] = []) -> String {
        var parts: [String] = []
        var list = extra
        switch value {
        case .words(let values): list = values + extra
        case .files: parts.append("$(compgen -f -- \"$cur\")")
        case .folders: parts.append("$(compgen -d -- \"$cur\")")
        case .none: break
        }
        if !list.isEmpty { parts.append("$(compgen -W \(words(list)) -- \"$cur\")") }
        return parts.isEmpty ? "COMPREPLY=()" : "COMPREPLY=( \(parts.joined(separator: " ")) )"
    }
    var commands: [String] = []
    for spec in commandSpecs {
        commands.append("    \(spec.name))")
        let valued = spec.options.filter { $0.value != nil }
        if !valued.isEmpty {
            commands.append("        case \"$prev\" in")
            for option in valued {
                commands.append("            \(option.name)) \(reply(CompletionValue(option: option.value!))); return ;;")
            }
            commands.append("        esac")
        }
        let argument = spec.arguments.first.map { CompletionValue(argument: $0.name) } ?? .none
        commands.append("        \(reply(argument, extra: spec.options.map(\.name) + ["--help"]))")
        commands.append("        ;;")
    }
    return """
        #!/bin/bash
        # Completion of `course` for bash: course --generate-completion-script bash

        _course() {
            local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
            COMPREPLY=()
            if [[ $COMP_CWORD -eq 1 ]]; then
                COMPREPLY=( $(compgen -W \(words(commandSpecs.map(\.name) + topLevelOptions.map(\.name) + ["--help"])) -- "$cur") )
                return
            fi
            case "${COMP_WORDS[1]}" in
                --generate-completion-script)
                    [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=( $(compgen -W \(words(Shell.allCases.map(\.rawValue))) -- "$cur") )
                    ;;
        \(commands.map { "    " + $0 }.joined(separator: "\n"))
            esac
        }

        complete -o filenames -F _course course

        """
}

// MARK: zsh

/// Escapes a description for `_arguments` and `_describe`, inside single quotes.
private func zshEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "'", with: "'\\''")
        .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
}

private func zshAction(_ value: CompletionValue) -> String {
    switch value {
    case .words(let list): "(\(list.joined(separator: " ")))"
    case .files: "_files"
    case .folders: "_files -/"
    case .none: " "
    }
}

private func zshScript() -> String {
    let subcommands = commandSpecs.map { "            '\($0.name):\(zshEscaped($0.abstract))'" }
    let functions = commandSpecs.map { spec in
        var arguments = spec.arguments.map { argument in
            "        '\(argument.optional ? ":" : ""):\(argument.name):\(zshAction(CompletionValue(argument: argument.name)))'"
        }
        for option in spec.options {
            let value = option.value.map { ":\($0):\(zshAction(CompletionValue(option: $0)))" } ?? ""
            arguments.append("        '\(option.name)[\(zshEscaped(option.help))]\(value)'")
        }
        arguments.append("        '(-h --help)'{-h,--help}'[Show help information.]'")
        return """
            _course_\(spec.name)() {
                integer ret=1
                local -a args
                args+=(
            \(arguments.joined(separator: "\n"))
                )
                _arguments -w -s -S $args[@] && ret=0
                return ret
            }
            """
    }
    let dispatch = commandSpecs.map { "        (\($0.name)) _course_\($0.name) ;;" }
    return """
        #compdef course
        # Completion of `course` for zsh: course --generate-completion-script zsh

        _course() {
            integer ret=1
            local -a args
            args+=(
                '(-)--version[Show the version.]'
                '(-)--generate-completion-script[\(zshEscaped(topLevelOptions[1].help))]:shell:(\(Shell.allCases.map(\.rawValue).joined(separator: " ")))'
                '(-)'{-h,--help}'[Show help information.]'
                '(-): :->command'
                '(-)*:: :->arg'
            )
            _arguments -w -s -S $args[@] && ret=0
            case $state in
            (command)
                local -a subcommands
                subcommands=(
        \(subcommands.joined(separator: "\n"))
                )
                _describe 'command' subcommands && ret=0
                ;;
            (arg)
                case ${words[1]} in
        \(dispatch.joined(separator: "\n"))
                esac
                ;;
            esac
            return ret
        }

        \(functions.joined(separator: "\n\n"))

        _course

        """
}

// MARK: fish

/// Quotes a word for fish, in single quotes.
private func fishQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
}

private func fishValue(_ value: CompletionValue) -> String {
    switch value {
    case .words(let list): " -a \(fishQuoted(list.joined(separator: " ")))"
    case .files: " -F"
    case .folders: " -a '(__fish_complete_directories)'"
    case .none: ""
    }
}

private func fishScript() -> String {
    var lines = [
        "# Completion of `course` for fish: course --generate-completion-script fish",
        "",
        "function __course_needs_command",
        "    test (count (commandline -opc)) -eq 1",
        "end",
        "",
        "function __course_using_command",
        "    set -l tokens (commandline -opc)",
        "    test (count $tokens) -gt 1; and test \"$tokens[2]\" = \"$argv[1]\"",
        "end",
        "",
        "complete -c course -f",
        "complete -c course -n __course_needs_command -l version -d \(fishQuoted(topLevelOptions[0].help))",
        "complete -c course -n __course_needs_command -l generate-completion-script -r -a \(fishQuoted(Shell.allCases.map(\.rawValue).joined(separator: " "))) -d \(fishQuoted(topLevelOptions[1].help))",
        "complete -c course -n __course_needs_command -s h -l help -d 'Show help information.'",
    ]
    for spec in commandSpecs {
        lines.append("complete -c course -n __course_needs_command -a \(spec.name) -d \(fishQuoted(spec.abstract))")
    }
    for spec in commandSpecs {
        let condition = "-n \(fishQuoted("__course_using_command \(spec.name)"))"
        if let argument = spec.arguments.first {
            let value = CompletionValue(argument: argument.name)
            if value != .none { lines.append("complete -c course \(condition)\(fishValue(value)) -d \(fishQuoted(argument.help))") }
        }
        for option in spec.options {
            let value = option.value.map { " -r" + fishValue(CompletionValue(option: $0)) } ?? ""
            lines.append("complete -c course \(condition) -l \(option.name.dropFirst(2))\(value) -d \(fishQuoted(option.help))")
        }
        lines.append("complete -c course \(condition) -s h -l help -d 'Show help information.'")
    }
    return lines.joined(separator: "\n") + "\n"
}
