/// An unsigned integer of any size, for counts that do not fit in 64 bits.
///
/// The number of linear regions of a network with 100 inputs and 500 hidden units has 108
/// digits; `BigUnsigned` holds it exactly. It stores decimal limbs of nine digits each, least
/// significant first, so that printing is a matter of joining the limbs.
/// ```
/// value = Σ_k limbs[k] · (10⁹)^k        0 ≤ limbs[k] < 10⁹
/// ```
public struct BigUnsigned: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    private static let base: UInt64 = 1_000_000_000
    /// The limbs, least significant first, with no leading zero limb (zero is `[]`).
    private var limbs: [UInt64]

    /// Creates the number `value`.
    public init(_ value: UInt64) {
        var limbs: [UInt64] = []
        var rest = value
        while rest > 0 {
            limbs.append(rest % Self.base)
            rest /= Self.base
        }
        self.limbs = limbs
    }

    /// Creates the number `value`, which must not be negative.
    public init(_ value: Int) {
        precondition(value >= 0, "BigUnsigned holds no negative number such as \(value)")
        self.init(UInt64(value))
    }

    /// Creates the number written as an integer literal.
    public init(integerLiteral value: UInt64) { self.init(value) }

    private init(limbs: [UInt64]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
    }

    /// Whether the number is zero.
    public var isZero: Bool { limbs.isEmpty }

    /// The number in decimal, without separators.
    public var description: String {
        guard let top = limbs.last else { return "0" }
        return String(top) + limbs.dropLast().reversed().map { limb in
            let digits = String(limb)
            return String(repeating: "0", count: 9 - digits.count) + digits
        }.joined()
    }

    /// The number of decimal digits (1 for zero).
    public var digitCount: Int { description.count }

    /// The number as a `Double`, rounded (∞ beyond about 1.8 × 10³⁰⁸).
    public var doubleValue: Double {
        limbs.reversed().reduce(0.0) { $0 * Double(Self.base) + Double($1) }
    }

    /// Returns `a + b`.
    /// - Complexity: O(number of limbs).
    public static func + (a: BigUnsigned, b: BigUnsigned) -> BigUnsigned {
        var sum: [UInt64] = []
        var carry: UInt64 = 0
        for k in 0..<max(a.limbs.count, b.limbs.count) {
            let total = (k < a.limbs.count ? a.limbs[k] : 0) + (k < b.limbs.count ? b.limbs[k] : 0) + carry
            sum.append(total % base)
            carry = total / base
        }
        if carry > 0 { sum.append(carry) }
        return BigUnsigned(limbs: sum)
    }

    /// Adds `b` to `a`.
    public static func += (a: inout BigUnsigned, b: BigUnsigned) { a = a + b }

    /// Returns `a · b` (schoolbook multiplication).
    /// - Complexity: O(limbs of a × limbs of b).
    public static func * (a: BigUnsigned, b: BigUnsigned) -> BigUnsigned {
        if a.isZero || b.isZero { return 0 }
        var product = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in a.limbs.indices {
            var carry: UInt64 = 0
            for j in b.limbs.indices {
                // Each term is below 10¹⁸ + 2·10⁹, far from the 1.8·10¹⁹ limit of UInt64.
                let total = product[i + j] + a.limbs[i] * b.limbs[j] + carry
                product[i + j] = total % base
                carry = total / base
            }
            product[i + b.limbs.count] += carry
        }
        return BigUnsigned(limbs: product)
    }

    /// Returns the quotient and remainder of the division by a positive `divisor` below 10⁹.
    /// - Complexity: O(number of limbs).
    public func quotientAndRemainder(dividingBy divisor: Int) -> (quotient: BigUnsigned, remainder: Int) {
        precondition(divisor > 0 && UInt64(divisor) < Self.base, "the divisor must be in 1..<10⁹, not \(divisor)")
        let d = UInt64(divisor)
        var quotient = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for k in limbs.indices.reversed() {
            let current = remainder * Self.base + limbs[k]
            quotient[k] = current / d
            remainder = current % d
        }
        return (BigUnsigned(limbs: quotient), Int(remainder))
    }

    /// Returns `base^exponent` by repeated squaring.
    public static func power(_ base: BigUnsigned, _ exponent: Int) -> BigUnsigned {
        precondition(exponent >= 0, "the exponent cannot be negative")
        var result: BigUnsigned = 1, square = base, rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result = result * square }
            square = square * square
            rest >>= 1
        }
        return result
    }

    /// Returns the binomial coefficient C(n, k), exactly.
    /// ```
    /// C(n, k) = Π_{i=1}^{k} (n − k + i) / i      each partial product is C(n − k + i, i)
    /// ```
    /// - Complexity: O(k · digits).
    public static func binomial(_ n: Int, _ k: Int) -> BigUnsigned {
        precondition(n >= 0, "C(n, k) needs n ≥ 0")
        if k < 0 || k > n { return 0 }
        let k = min(k, n - k)
        var c: BigUnsigned = 1
        for i in stride(from: 1, through: k, by: 1) {
            c = c * BigUnsigned(n - k + i)
            c = c.quotientAndRemainder(dividingBy: i).quotient
        }
        return c
    }

    /// Returns whether `a < b`.
    public static func < (a: BigUnsigned, b: BigUnsigned) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for k in a.limbs.indices.reversed() where a.limbs[k] != b.limbs[k] {
            return a.limbs[k] < b.limbs[k]
        }
        return false
    }
}
