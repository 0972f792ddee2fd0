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
/// It first writes `ready`. Each request is one line `call <id> <function> <arguments>`; each
/// reply is one line `ok <id> <value>` or `error <id> <message>` on the reply descriptor.
///
/// The grader may send many requests at once. Their replies are then written together, when
/// no request is left to read, before a call of another function, or once the oldest waiting
/// reply is 10 ms old; so a batch costs one round trip, a slow call holds back at most 10 ms
/// of replies, and the replies not yet written when a call never returns are all the same
/// function's.
///
/// It takes no part in its own confinement: the grader's launcher has set up the box
/// (limits, user, namespaces, system-call filter) before this program started.
public func serveSubmission(_ handler: (Call) throws -> WireValue) -> Never {
    var requests = RequestReader()
    var replies = ReplyWriter()
    replies.append("ready\n")
    replies.flush()
    var lastFunction: Substring = ""
    while true {
        guard let line = requests.nextLine(beforeWaiting: { replies.flush() }) else { break }
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count == 4, parts[0] == "call" else {
            replies.append("error 0 \(WireError.malformed("expected 'call <id> <function> <arguments>'"))\n")
            continue
        }
        let id = parts[1]
        if parts[2] != lastFunction { replies.flush() }
        lastFunction = parts[2]
        do {
            guard case .list(let arguments) = try WireValue(parsing: parts[3]) else {
                throw WireError.malformed("the arguments must be a list")
            }
            let result = try handler(Call(function: String(parts[2]), arguments: arguments))
            replies.append("ok \(id) \(result.encoded)\n")
        } catch {
            replies.append("error \(id) \(error)\n")
        }
        if replies.oldestAge >= 10_000_000 { replies.flush() }
    }
    replies.flush()
    // What the student printed is written; then the process ends at once, without running
    // the exit handlers of the JIT's compiler, which take longer than the checks.
    fflush(nil)
    _exit(0)
}

/// Reads the grader's requests from stdin, a line at a time, and tells when reading the next
/// one would wait.
private struct RequestReader {
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Where `read` puts what arrives, kept from one read to the next.
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    /// Returns the next line without its newline, calling `beforeWaiting` first when none is
    /// buffered; nil once stdin ends.
    mutating func nextLine(beforeWaiting: () -> Void) -> Substring? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Substring(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if ended { return nil }
            beforeWaiting()
            buffer.removeFirst(start)
            start = 0
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno != EINTR {
                ended = true
                if start == buffer.count { return nil }
                buffer.append(UInt8(ascii: "\n"))
            }
        }
    }
}

/// The replies not yet written, and since when the oldest has waited.
private struct ReplyWriter {
    private var bytes: [UInt8] = []
    private var since: UInt64 = 0

    /// Nanoseconds the oldest reply not yet written has waited.
    var oldestAge: UInt64 { bytes.isEmpty ? 0 : monotonicNanoseconds() - since }

    mutating func append(_ text: String) {
        if bytes.isEmpty { since = monotonicNanoseconds() }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes every waiting reply; a grader that stopped reading ends the program.
    mutating func flush() {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(replyDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                exit(70)
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
