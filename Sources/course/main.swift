import Foundation
import Grader

signal(SIGPIPE, SIG_IGN)
installInterruptHandler()

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == compileCommand { exit(compileForCache(arguments)) }
if arguments == [prepareCommand] {
    exit((try? Workspace.locate()).flatMap { try? Grader(workspace: $0) } == nil ? 1 : 0)
}
do {
    guard let invocation = try parse(arguments) else {
        print(overview())
        exit(0)
    }
    if invocation.wantsHelp {
        print(help(for: invocation.spec))
        exit(0)
    }
    exit(try dispatch(invocation))
} catch let error as UsageError {
    FileHandle.standardError.write(Data((error.text + "\n").utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
