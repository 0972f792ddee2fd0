import Testing
import CourseKit

@Suite struct ConsoleTests {
    // Prose is broken between words, continuation lines keep the indentation, and nothing
    // passes the width.
    @Test func wrapsProseBetweenWords() {
        let observed = wrapped("  one two three four", width: 12)
        #expect(observed == ["  one two", "  three four"], "observed \(observed)")
        #expect(wrapped("short", width: 80) == ["short"])
        let long = String(repeating: "word ", count: 40)
        for line in wrapped(long, width: 50) {
            #expect(line.count <= 50, "\(line.count) columns: \(line)")
        }
    }

    // A number too long for a line is cut after a comma, so each piece reads as groups.
    @Test func cutsLongNumbersAfterAComma() {
        let digits = groupDigits(String(repeating: "123", count: 30))
        let lines = wrapped("  " + digits, width: 40)
        #expect(lines.count > 1 && lines.map { $0.dropFirst(2) }.joined() == digits, "observed \(lines)")
        for line in lines {
            #expect(line.count <= 40 && line.hasPrefix("  1"), "observed \(line)")
        }
        for line in lines.dropLast() {
            #expect(line.hasSuffix(","), "observed \(line)")
        }
    }

    // The console wraps text but writes blocks as they are; the title line is the same shape
    // for every lesson.
    @Test func consoleWrapsTextOnly() {
        var lines: [String] = []
        let console = LessonConsole(width: 40) { lines.append($0) }
        console.text(String(repeating: "abc ", count: 20))
        #expect(lines.count == 2 && lines.allSatisfy { $0.count <= 40 }, "observed \(lines)")
        lines = []
        console.block(String(repeating: "x", count: 60))
        #expect(lines == ["  " + String(repeating: "x", count: 60)])
    }

    // Counts are written with a comma between groups of three digits.
    @Test func groupsThousands() {
        let cases: [(Int, String)] = [(0, "0"), (999, "999"), (1000, "1,000"), (51001, "51,001"),
                                      (12922880000, "12,922,880,000"), (-4096, "−4,096")]
        for (n, expected) in cases {
            #expect(formatCount(n) == expected, "\(n): expected \(expected), observed \(formatCount(n))")
        }
    }
}

@Suite struct ScientificFormatTests {
    // Small steps and errors keep their digits instead of rounding to 0: 0.01 is 1e−2, an
    // error of 0.0036 is 3.6e−3; the mantissa rounds up to the next power when it must.
    @Test func writesSmallNumbersWithTheirDigits() {
        let cases: [(Double, Int, String)] = [(0.01, 2, "1e−2"), (0.0036, 2, "3.6e−3"), (9.4e-4, 2, "9.4e−4"),
                                              (0.0689, 3, "6.89e−2"), (0.999, 2, "1e0"), (-2.5e-9, 2, "−2.5e−9"),
                                              (123456, 2, "1.2e5"), (0, 2, "0")]
        for (x, digits, expected) in cases {
            let observed = formatScientific(x, significantDigits: digits)
            #expect(observed == expected, "\(x): expected \(expected), observed \(observed)")
        }
    }
}
