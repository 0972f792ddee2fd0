import Testing
import CourseKit
import ShallowNetworks

/// The reference API that grades exercises 3 and 4 gives the numbers that
/// `solutions/exercise3.swift` and `solutions/exercise4.swift` print on the same inputs.
@Suite struct ExerciseReferenceTests {
    static func close(_ observed: [Double], _ expected: [Double], tolerance: Double = 1e-9) -> Bool {
        observed.count == expected.count
            && zip(observed, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    // Exercise 3, one input: the lesson's network and one with |x| in the hundreds.
    @Test func oneInputForwardPassAgreesWithTheSolution() {
        let lesson = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0].map {
            shallowNetwork1D(x: $0, theta0: [0.6, -0.5, -1.4], theta1: [-2, 1, 2], phi0: 0.1, phi: [1, 2, -3])
        }
        #expect(Self.close(lesson, [0.7, 0.3, 0.1, 0.3, 0.1, -0.7]), "observed \(lesson)")
        let large = [-250.0, -3.2, 0.1, 1.7, 420].map {
            shallowNetwork1D(x: $0, theta0: [1.5, -2.25, 0.75, 3.1, -0.4], theta1: [0.8, -1.3, 2.2, -0.05, 1.7],
                             phi0: -0.35, phi: [0.9, -1.1, 0.45, 2.3, -0.6])
        }
        #expect(Self.close(large, [-319.495, 5.047, 8.627, 9.685, 291.3775]), "observed \(large)")
    }

    // Exercise 3, many inputs and outputs: 3 inputs, 4 hidden units, 2 outputs, 5 columns.
    @Test func generalForwardPassAgreesWithTheSolution() {
        let x = Matrix([[0.3, -1.2, 2.5, 0.0, -310], [1.1, 0.4, -0.7, 0.9, 120], [-0.6, 2.0, 0.2, -1.5, 45]])
        let y = shallowNetwork(x: x, theta0: Matrix(column: [0.1, -0.6, 0.3, 0.05]),
                               theta: Matrix([[0.7, -1.1, 0.4], [-0.3, 0.9, 1.6], [1.2, 0.25, -0.8], [-0.5, -0.45, 0.35]]),
                               phi0: Matrix(column: [0.25, -0.15]), phi: Matrix([[1.3, -0.7, 0.5, 2.1], [-0.4, 1.8, -1.2, 0.6]]))
        #expect(y.rows == 2 && y.columns == 5)
        #expect(Self.close(y.scalars, [0.9575, 0.383, 5.2425, 1.1125, 54.85, -1.848, 6.528, -4.788, -2.22, 560.25]),
                "observed \(y.scalars)")
    }

    // Exercise 3, joints and parameter counts.
    @Test func jointsAndCountsAgreeWithTheSolution() {
        #expect(joints(theta0: [0.6, -0.5, -1.4], theta1: [-2, 1, 2]) == [0.3, 0.5, 0.7])
        #expect(joints(theta0: [3, 2, -1, -4, 0.5], theta1: [-2, 4, 0, 0.5, -1]) == [-0.5, 0.5, 1.5, 8])
        let counts = [(1, 3, 1), (2, 3, 1), (100, 500, 1), (3, 4, 2), (5, 11, 4), (7, 0, 3)].map {
            parameterCount(inputs: $0.0, hidden: $0.1, outputs: $0.2)
        }
        #expect(counts == [10, 13, 51_001, 26, 114, 3], "observed \(counts)")
    }

    // Exercise 4, Zaslavsky counts up to the edge of 64 bits.
    @Test func zaslavskyCountsAgreeWithTheSolution() {
        let cases = [(1, 1), (2, 2), (3, 3), (3, 2), (10, 3), (0, 2), (2, 5), (60, 30), (62, 20), (64, 10), (61, 62), (62, 31), (63, 31)]
        let observed = cases.map { zaslavskyCount(hyperplanes: $0.0, dimensions: $0.1) }
        let expected = [2, 4, 8, 7, 176, 1, 4, 635_593_043_085_854_200, 16_483_857_933_928_471, 184_144_458_889,
                        2_305_843_009_213_693_952, 2_538_557_185_841_324_496, 4_611_686_018_427_387_904]
        #expect(observed == expected, "expected \(expected), observed \(observed)")
    }

    // Exercise 4, grid counts, including the strip 0 < x₁ < ½ that no grid point falls inside:
    // its two edge columns have z = 0 for one unit, which counts as inactive, so 2 patterns.
    @Test func gridRegionCountsAgreeWithTheSolution() {
        #expect(regionCount(theta0: Matrix(column: [0.1, -0.2]), theta: Matrix([[1, 0], [0, 1]]), radius: 1, gridSize: 20) == 4)
        #expect(regionCount(theta0: Matrix(column: [0.1, -0.2, -0.5]), theta: Matrix([[1, 0], [0, 1], [1, 1]]),
                            radius: 1, gridSize: 20) == 7)
        #expect(regionCount(theta0: Matrix(column: [0, 0.5]), theta: Matrix([[1, 0], [-1, 0]]), radius: 1, gridSize: 5) == 2)
        let five = regionCount(theta0: Matrix(column: [0.5, -1, 0.25, 1.5, -0.75]),
                               theta: Matrix([[1, -2], [0.5, 1], [-1.5, -0.25], [2, 0.75], [-0.5, 1.25]]), radius: 2, gridSize: 33)
        #expect(five == 14, "five lines: expected 14, observed \(five)")
        #expect(regionCount(theta0: Matrix(rows: 0, columns: 1), theta: Matrix(rows: 0, columns: 2), radius: 1, gridSize: 3) == 1)
        #expect(regionCount(theta0: Matrix(column: [0.3]), theta: Matrix([[-1, 2]]), radius: 3, gridSize: 7) == 2)
    }
}
