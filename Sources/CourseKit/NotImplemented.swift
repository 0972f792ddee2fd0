/// Stops the program with a message saying that `function` still has to be written.
///
/// Every exercise starter calls it where the student's code goes, so that the starter
/// compiles and the grader can say precisely what is missing:
///
///     func softplus(_ x: Double) -> Double {
///         notImplemented()      // TODO: replace with your code
///     }
public func notImplemented(_ function: String = #function,
                           file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError("\(function) is not implemented yet", file: file, line: line)
}

/// Stops the program with `message` when `condition` is false, in every build mode (unlike
/// `precondition`, whose message optimised builds leave out), so that a student's program
/// that multiplies mismatched matrices says which shapes it used.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
