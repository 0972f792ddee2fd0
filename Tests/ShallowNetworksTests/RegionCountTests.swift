import Testing
import CourseKit
@testable import ShallowNetworks

@Suite struct RegionCountTests {
    // Zaslavsky's count reproduces the documents: 2, 4, 8 and 7 regions.
    @Test func zaslavskyReproducesTheDocumentedCounts() {
        for (hyperplanes, dimensions, expected) in [(1, 1, 2), (2, 2, 4), (3, 3, 8), (3, 2, 7)] {
            let observed = zaslavskyCount(hyperplanes: hyperplanes, dimensions: dimensions)
            #expect(observed == expected, "\(hyperplanes) in R^\(dimensions): expected \(expected), observed \(observed)")
        }
    }

    // Real networks placed as in the documents have as many activation patterns on a grid.
    @Test func gridCountsMatchZaslavskyOnTheDocumentedNetworks() {
        for (name, theta0, theta) in Lesson2.documentedCases {
            let counted = regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 20)
            let expected = zaslavskyCount(hyperplanes: theta.rows, dimensions: theta.columns)
            #expect(counted == expected, "\(name): Zaslavsky \(expected), counted \(counted)")
        }
    }

    // The binomial is exact up to the edge of 64 bits, where factorials or Doubles fail.
    @Test func binomialIsExactNearTheTopOf64Bits() {
        #expect(binomial(60, 30) == 118_264_581_564_861_424)
        #expect(binomial(62, 31) == 465_428_353_255_261_088)
        #expect(binomial(66, 33) == 7_219_428_434_016_265_740)
        #expect(binomial(5, 7) == 0 && binomial(5, -1) == 0 && binomial(0, 0) == 1)
    }

    // For D ≥ D_i the count lies between 2^{D_i} and 2^D; for D ≤ D_i it is exactly 2^D.
    @Test func zaslavskyLiesBetweenPowersOfTwo() {
        for hidden in 1...30 {
            for inputs in 1...hidden {
                let n = zaslavskyCount(hyperplanes: hidden, dimensions: inputs)
                #expect((1 << inputs) <= n && n <= (1 << hidden), "D = \(hidden), D_i = \(inputs): \(n)")
            }
            #expect(zaslavskyCount(hyperplanes: hidden, dimensions: hidden + 3) == 1 << hidden)
        }
    }

    // The big-integer count agrees with the 64-bit one wherever the latter fits.
    @Test func exactCountAgreesWithTheIntCount() {
        for hidden in stride(from: 0, through: 63, by: 7) {
            for inputs in [0, 1, 2, 5, 20, 31] {
                let exact = exactZaslavskyCount(hyperplanes: hidden, dimensions: inputs).description
                let small = String(zaslavskyCount(hyperplanes: hidden, dimensions: inputs))
                #expect(exact == small, "D = \(hidden), D_i = \(inputs): big \(exact), Int \(small)")
            }
        }
    }

    // 100 inputs and 500 hidden units: Σ_{j=0}^{100} C(500, j), a 108-digit number between
    // 2^100 and 2^500.
    @Test func countsTheRegionsOfTheLargeNetworkExactly() {
        let regions = exactZaslavskyCount(hyperplanes: 500, dimensions: 100)
        let expected = "271630776838210893287509750960520816050001137234383737297282021984241409655173629268278251589009652797252196"
        #expect(regions.description == expected, "observed \(regions)")
        #expect(regions.digitCount == 108)
        #expect(BigUnsigned.power(2, 100) < regions && regions < BigUnsigned.power(2, 500))
    }

    // Lines in general position cut the plane into 1 + D + C(D, 2) regions: the exact count
    // around the crossings finds them all, and a bounded grid never finds more.
    @Test func arrangementCountMatchesZaslavskyForRandomLines() {
        var random = SeededGenerator(seed: 7)
        for hidden in 1...8 {
            let (theta0, theta) = Lesson2.randomLines(count: hidden, using: &random)
            let exact = arrangementRegionCount(theta0: theta0, theta: theta)
            #expect(exact == zaslavskyCount(hyperplanes: hidden, dimensions: 2), "D = \(hidden): \(exact)")
            #expect(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 41) <= exact)
        }
    }

    // A unit whose pre-activation is exactly 0 counts as inactive: on the grid {−1, −½, 0, ½, 1}
    // the strip 0 < x₁ < ½ of the units x₁ and ½ − x₁ holds no point, so 2 patterns, not 3.
    @Test func pointsOnALineCountTheirUnitAsInactive() {
        let theta0 = Matrix(column: [0, 0.5]), theta = Matrix([[1, 0], [-1, 0]])
        #expect(activationPattern(at: [0, 0], theta0: theta0, theta: theta) == [false, true])
        #expect(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 5) == 2)
        #expect(regionCount(theta0: theta0, theta: theta, radius: 1, gridSize: 6) == 3)
    }

    // The grid includes both ends of [−radius, radius].
    @Test func gridCoordinatesIncludeBothEnds() {
        #expect(gridCoordinates(radius: 2, gridSize: 5) == [-2, -1, 0, 1, 2])
    }
}
