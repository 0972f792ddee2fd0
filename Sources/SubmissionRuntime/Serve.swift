import CourseKit

/// One request from the grader: a function of the submission to call, with its arguments.
public struct Call: Sendable {
    /// The function's name, as the exercise catalogue lists it.
    public let function: String
    /// The arguments in order.
    public let arguments: [WireValue]

    /// Returns argument `index` as the type the student's function expects.
    public func argument<T: WireConvertible>(_ index: Int) throws(WireError) -> T {
        guard arguments.indices.contains(index) else { throw .badArgumentIndex(index) }
        return try T(wire: arguments[index])
    }
}

/// The file descriptor on which replies go back to the grader; the student's own
/// printing goes to stdout and stderr and never mixes with them.
public let replyDescriptor: Int32 = 3

/// Serves the grader's calls until its requests end, then exits.
///
/// Each request is one line `call <id> <function> <arguments>`; each reply is one line
/// `ok <id> <value>` or `error <id> <message>` on the reply descriptor, written as soon as
/// the call returns so that a later crash loses nothing.
///
/// It takes no part in its own confinement: the grader's launcher has set up the box
/// (limits, user, namespaces, system-call filter) before this program started.
public func serveSubmission(_ handler: (Call) throws -> WireValue) -> Never {
    while let line = readLine(strippingNewline: true) {
        let reply: String
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "call" else {
            writeReply("error 0 \(WireError.malformed("expected 'call <id> <function> <arguments>'"))\n")
            continue
        }
        let id = parts[1]
        do {
            guard case .list(let arguments) = try WireValue(parsing: parts[3]) else {
                throw WireError.malformed("the arguments must be a list")
            }
            let result = try handler(Call(function: String(parts[2]), arguments: arguments))
            reply = "ok \(id) \(result.encoded)\n"
        } catch {
            reply = "error \(id) \(error)\n"
        }
        writeReply(reply)
    }
    exit(0)
}

private func writeReply(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { buffer in
            write(replyDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            exit(70)
        }
        offset += written
    }
    bytes.removeAll()
}
