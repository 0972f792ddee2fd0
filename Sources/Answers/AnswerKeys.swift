import CourseKit
import Foundation
import Synchronization

/// The answers of the exercises, in the student version of the course, where the code that
/// computes them is left out.
///
/// In the instructor's course a function an exercise asks for keeps its code, wrapped:
///
///     public func outputLength(inputLength: Int, …) -> Int {
///         AnswerKeys.answer("Convolution.outputLength", [inputLength, …]) {
///             // answer: exercise10 begin
///             …
///             // answer: exercise10 end
///         }
///     }
///
/// and computes as before. `course export` records every answer the lessons and the visible
/// checks ask for, leaves out the code between the markers, and ships the answers in
/// `Sources/Answers/answer-keys.txt`; there `answer` reads them instead. An answer that
/// was not recorded is a stand-in (0, an empty list), counted in `misses`, so that the
/// grader can tell that it does not know the right answer rather than state a wrong one.
public enum AnswerKeys {
    /// Returns the answer of `function` for `arguments`: computed, or read from the keys.
    public static func answer<T: AnswerValue>(_ function: String, _ arguments: @autoclosure () -> [any AnswerValue],
                                              compute: () -> T) -> T {
        let book = Book.shared
        guard book.isActive else { return compute() }
        if let recorded = book.recorded {
            if let text = recorded[AnswerKeys.key(function, arguments())], let value = T(answerText: text) { return value }
            book.miss()
            return T.standIn
        }
        // Recording. An answer computed inside another is not recorded: the student version
        // answers the outer one from its key and never gets here.
        let depth = Thread.current.threadDictionary
        let outer = (depth[Book.depthKey] as? Int) ?? 0
        depth[Book.depthKey] = outer + 1
        let value = compute()
        depth[Book.depthKey] = outer
        if outer == 0 { book.record(AnswerKeys.key(function, arguments()), value.answerText) }
        return value
    }

    /// The key of an answer in the key file: the function's name and a 128-bit digest of its
    /// arguments (written in full, the arguments of a lesson's training runs would fill
    /// megabytes).
    public static func key(_ function: String, _ arguments: [any AnswerValue]) -> String {
        var tokens: [String] = []
        for (i, argument) in arguments.enumerated() {
            if i > 0 { tokens.append(";") }
            argument.writeAnswer(to: &tokens)
        }
        return function + " " + digest(tokens.joined(separator: " "))
    }

    /// A 128-bit digest in hex: two FNV-1a lanes over the bytes, each finished by a 64-bit
    /// mixer so that nearby texts spread over the whole range.
    static func digest(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x9e37_79b9_7f4a_7c15
            b ^= b >> 29
        }
        func mixed(_ value: UInt64, _ length: Int) -> UInt64 {
            var z = value ^ UInt64(length) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        let count = text.utf8.count
        func hex(_ v: UInt64) -> String {
            let digits = String(v, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(mixed(a, count)) + hex(mixed(b, count &+ 1))
    }

    /// Returns an answer made of two values (a tuple), computed or read from the keys.
    public static func answer<A: AnswerValue, B: AnswerValue>(_ function: String, _ arguments: @autoclosure () -> [any AnswerValue],
                                    compute: () -> (A, B)) -> (A, B) {
        let pair = answer(function, arguments()) { () -> AnswerPair<A, B> in let (a, b) = compute(); return AnswerPair(a, b) }
        return (pair.first, pair.second)
    }

    /// Returns an answer made of three values (a tuple), computed or read from the keys.
    public static func answer<A: AnswerValue, B: AnswerValue, C: AnswerValue>(_ function: String, _ arguments: @autoclosure () -> [any AnswerValue],
                                       compute: () -> (A, B, C)) -> (A, B, C) {
        let pair = answer(function, arguments()) { () -> AnswerPair<A, AnswerPair<B, C>> in
            let (a, b, c) = compute()
            return AnswerPair(a, AnswerPair(b, c))
        }
        return (pair.first, pair.second.first, pair.second.second)
    }

    /// Returns an answer made of four values (a tuple), computed or read from the keys.
    public static func answer<A: AnswerValue, B: AnswerValue, C: AnswerValue, D: AnswerValue>(_ function: String, _ arguments: @autoclosure () -> [any AnswerValue],
                                          compute: () -> (A, B, C, D)) -> (A, B, C, D) {
        let pair = answer(function, arguments()) { () -> AnswerPair<AnswerPair<A, B>, AnswerPair<C, D>> in
            let (a, b, c, d) = compute()
            return AnswerPair(AnswerPair(a, b), AnswerPair(c, d))
        }
        return (pair.first.first, pair.first.second, pair.second.first, pair.second.second)
    }

    /// Stands for the code the student version leaves out. It is never called there (the
    /// keys answer instead); should it be, it answers like a key that was not recorded.
    public static func unrecorded<T: AnswerValue>() -> T {
        Book.shared.miss()
        return T.standIn
    }

    /// `unrecorded()` for an answer made of two values.
    public static func unrecorded<A: AnswerValue, B: AnswerValue>() -> (A, B) { (unrecorded(), B.standIn) }

    /// `unrecorded()` for an answer made of three values.
    public static func unrecorded<A: AnswerValue, B: AnswerValue, C: AnswerValue>() -> (A, B, C) {
        (unrecorded(), B.standIn, C.standIn)
    }

    /// `unrecorded()` for an answer made of four values.
    public static func unrecorded<A: AnswerValue, B: AnswerValue, C: AnswerValue, D: AnswerValue>() -> (A, B, C, D) {
        (unrecorded(), B.standIn, C.standIn, D.standIn)
    }

    /// Makes the first answer that is not in the keys end the program with `message` and exit
    /// status 1, rather than go on with a stand-in (a lesson's run, whose later steps could
    /// trip over a stand-in's shape).
    public static func stopAtFirstMiss(_ message: String) {
        let book = Book.shared
        book.lock.lock()
        book.stopMessage = message
        book.lock.unlock()
    }

    /// How many answers were asked for and not found in the keys, since the program started.
    public static var misses: Int { Book.shared.missCount }

    /// Whether this copy of the course answers from recorded keys.
    public static var fromKeys: Bool { Book.shared.recorded != nil }

    /// Starts recording every answer computed, for `course export`.
    public static func startRecording() { Book.shared.startRecording() }

    /// Stops recording and returns the answers recorded, as the lines of a key file.
    public static func stopRecording() -> [String] { Book.shared.stopRecording() }

    /// The file of recorded answers, beside this source file.
    public static let fileName = "answer-keys.txt"

    /// Reads the lines of a key file: `key<TAB>answer`.
    static func parse(_ text: String) -> [String: String] {
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
        }
        return table
    }

    private final class Book: @unchecked Sendable {
        static let shared = Book()
        /// Where each thread keeps how many answers it is computing, while recording.
        static let depthKey = "AnswerKeys.depth"

        /// The recorded answers, in the student version.
        let recorded: [String: String]?
        let lock = NSLock()
        private var recording: [String: String]?
        private(set) var missCount = 0

        init() {
            // COURSE_ANSWER_KEYS names another key file: a test's, or one being tried out.
            let path = ProcessInfo.processInfo.environment["COURSE_ANSWER_KEYS"]
                ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(AnswerKeys.fileName).path
            recorded = (try? String(contentsOfFile: path, encoding: .utf8)).map(AnswerKeys.parse)
        }

        /// Whether answers are read or written at all: otherwise `answer` only computes, at the
        /// cost of one atomic load (lesson runs call some answers millions of times).
        var isActive: Bool { recorded != nil || recordingOn.load(ordering: .relaxed) }
        private let recordingOn = Atomic<Bool>(false)

        /// When set, the first miss prints this and ends the program (exit status 1).
        var stopMessage: String?

        func miss() {
            lock.lock()
            missCount += 1
            let stop = stopMessage
            lock.unlock()
            if let stop {
                fflush(nil)
                FileHandle.standardError.write(Data((stop + "\n").utf8))
                exit(1)
            }
        }

        func record(_ key: String, _ value: String) {
            lock.lock()
            recording?[key] = value
            lock.unlock()
        }

        func startRecording() {
            lock.lock()
            recording = [:]
            recordingOn.store(true, ordering: .relaxed)
            lock.unlock()
        }

        func stopRecording() -> [String] {
            lock.lock()
            defer { recording = nil; recordingOn.store(false, ordering: .relaxed); lock.unlock() }
            return (recording ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }
        }
    }
}
