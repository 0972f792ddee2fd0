import Testing
@testable import ShallowNetworks

@Suite struct BigUnsignedTests {
    // Decimal printing, carries across 10⁹ limbs, and powers: 2^100 has 31 digits.
    @Test func printsAndCarriesLikeDecimalArithmetic() {
        #expect(BigUnsigned(0).description == "0")
        #expect((BigUnsigned(999_999_999) + 1).description == "1000000000")
        #expect((BigUnsigned(1_000_000_000_000_000_000) + 1).description == "1000000000000000001")
        #expect(BigUnsigned.power(2, 100).description == "1267650600228229401496703205376")
        #expect(BigUnsigned.power(2, 64).description == "18446744073709551616")
    }

    // Products agree with UInt64 arithmetic where it does not overflow, and 30! is exact.
    @Test func multipliesExactly() {
        for (a, b) in [(123_456_789_012 as UInt64, 98_765 as UInt64), (4_294_967_295, 4_294_967_297), (0, 77)] {
            #expect((BigUnsigned(a) * BigUnsigned(b)).description == String(a * b), "\(a) × \(b)")
        }
        let factorial = (1...30).reduce(BigUnsigned(1)) { $0 * BigUnsigned($1) }
        #expect(factorial.description == "265252859812191058636308480000000")
    }

    // Division by a small number: 2^100 = 7 · 181092942889747057356671886482 + 2.
    @Test func dividesBySmallNumbers() {
        let (quotient, remainder) = BigUnsigned.power(2, 100).quotientAndRemainder(dividingBy: 7)
        #expect(quotient.description == "181092942889747057356671886482" && remainder == 2)
    }

    // C(100, 50) = 100891344545564193334812497256, and C(n, k) = 0 outside 0 ≤ k ≤ n.
    @Test func binomialIsExact() {
        #expect(BigUnsigned.binomial(100, 50).description == "100891344545564193334812497256")
        #expect(BigUnsigned.binomial(10, 11).isZero && BigUnsigned.binomial(10, 0).description == "1")
    }

    // Numbers compare by value, not by their number of limbs alone.
    @Test func comparesByValue() {
        #expect(BigUnsigned(5) < BigUnsigned(1_000_000_000))
        #expect(!(BigUnsigned(2_000_000_001) < BigUnsigned(2_000_000_000)))
        #expect(BigUnsigned.power(10, 30) < BigUnsigned.power(2, 100))
        #expect(abs(BigUnsigned.power(2, 100).doubleValue - 1.2676506002282294e30) < 1e16)
    }
}
