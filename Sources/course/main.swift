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
    switch try parse(arguments) {
    case .overview:
        print(overview())
    case .version:
        print(courseVersion)
    case .completionScript(let shell):
        print(completionScript(for: shell), terminator: "")
    case .command(let invocation):
        if invocation.wantsHelp {
            print(help(for: invocation.spec))
            exit(0)
        }
        exit(try dispatch(invocation))
    }
    exit(0)
} catch let error as UsageError {
    FileHandle.standardError.write(Data((error.text + "\n").utf8))
    exit(64)
} catch let error as MissingCourse {
    FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
    exit(MissingCourse.exitStatus)
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
