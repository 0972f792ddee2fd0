import Answers

/// Returns the binomial coefficient C(n, k) as an `Int`, without intermediate overflow.
/// ```
/// C(n, k) = Π_{i=1}^{k} (n − k + i) / i
/// ```
/// Each partial product is the integer C(n − k + i, i), which never exceeds the result, and
/// each multiplication is done in 128 bits before its exact division, so the function is
/// right whenever the result fits in 64 bits (it stops with a message when it does not).
/// Factorials would overflow from 21! on.
/// - Complexity: O(min(k, n − k)).
public func binomial(_ n: Int, _ k: Int) -> Int {
    precondition(n >= 0, "C(n, k) needs n ≥ 0, not n = \(n)")
    if k < 0 || k > n { return 0 }
    let k = min(k, n - k)
    var c: UInt64 = 1
    for i in stride(from: 1, through: k, by: 1) {
        let wide = c.multipliedFullWidth(by: UInt64(n - k + i))
        let divisor = UInt64(i)
        precondition(wide.high < divisor, "C(\(n), \(k)) does not fit in 64 bits")
        c = divisor.dividingFullWidth(wide).quotient
    }
    precondition(c <= UInt64(Int.max), "C(\(n), \(k)) does not fit in 64 bits")
    return Int(c)
}

/// Returns the number of regions that D hyperplanes in general position cut R^{D_i} into
/// (Zaslavsky 1975), the most linear regions a shallow ReLU network with D_i inputs and D
/// hidden units can have.
/// ```
///          D_i
/// N  =     Σ   C(D, j)          2^{D_i} ≤ N ≤ 2^D   when D ≥ D_i
///         j=0
/// ```
/// 1 unit in 1D: 2; 2 lines in 2D: 4; 3 planes in 3D: 8; 3 lines in 2D: 7. When D ≤ D_i
/// every one of the 2^D activation patterns occurs.
/// - Complexity: O(D_i · min(D_i, D)).
public func zaslavskyCount(hyperplanes: Int, dimensions: Int) -> Int {
    AnswerKeys.answer("ShallowNetworks.zaslavskyCount", [hyperplanes, dimensions]) {
        // answer: exercise4 begin
        precondition(hyperplanes >= 0 && dimensions >= 0, "counts cannot be negative")
        var total = 0
        for j in 0...min(dimensions, hyperplanes) {
            let (sum, overflow) = total.addingReportingOverflow(binomial(hyperplanes, j))
            precondition(!overflow, "the region count for \(hyperplanes) hyperplanes in R^\(dimensions) does not fit in 64 bits")
            total = sum
        }
        return total
        // answer: exercise4 end
    }
}

/// Returns Zaslavsky's region count exactly, however large it is.
///
/// For 100 inputs and 500 hidden units it is a 108-digit number, between 2^100 and 2^500.
/// - Complexity: O(D_i² · digits).
public func exactZaslavskyCount(hyperplanes: Int, dimensions: Int) -> BigUnsigned {
    precondition(hyperplanes >= 0 && dimensions >= 0, "counts cannot be negative")
    var total: BigUnsigned = 0
    for j in 0...min(dimensions, hyperplanes) { total += BigUnsigned.binomial(hyperplanes, j) }
    return total
}
