import CourseTestSupport
import Foundation
import Testing
@testable import Grader

/// Every attack of the hostile corpus, graded by this process (as root in CI: the grading
/// server's case), gets its required verdict, leaves nothing behind, and the grader stays
/// up. `SandboxAsUserTests` runs the same corpus as an ordinary user.
@Suite struct SandboxCorpusTests {
    let exercise1 = Catalogue.exercise(named: "exercise1")!

    @Test(arguments: 0..<HostileCorpus.cases(solution: "func sigmoidDerivative(_ x: Double) -> Double { 0 }",
                                              targets: placeholderTargets).count)
    func attackGetsItsVerdict(index: Int) throws {
        let marker = "attack-\(UUID().uuidString)"
        let classmate = FileManager.default.temporaryDirectory.appendingPathComponent("classmate-\(marker).swift")
        try Data("// a classmate's work\n".utf8).write(to: classmate)
        defer { try? FileManager.default.removeItem(at: classmate) }
        let targets = AttackTargets(course: workspace.root, classmate: classmate, marker: marker)
        let attack = HostileCorpus.cases(solution: courseFile("solutions/exercise1.swift"), targets: targets)[index]
        let result = try grade(exercise1, source: attack.source)
        switch attack.verdict {
        case .attackFails:
            #expect(result.check("sigmoidDerivative").status != .passed, "\(attack.name): the attack worked")
            #expect(result.status != .passed, "\(attack.name)")
        case .gradedNormally:
            #expect(result.status == .passed, "\(attack.name): \(result.allMessages)")
        case .compileError:
            #expect(result.status == .compileError, "\(attack.name): \(result.status)")
            #expect(result.seconds < 30, "\(attack.name) took \(result.seconds) s")
        }
        for path in attack.untouched {
            #expect(!FileManager.default.fileExists(atPath: path), "\(attack.name) left \(path)")
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func whatASubmissionPrintsCannotDriveTheTerminal() throws {
        let source = replacingBody(of: "softplus", in: courseFile("solutions/exercise1.swift"), with: """
            print("\\u{1B}[2J\\u{1B}[H\\u{1B}[32m✓ every check passes\\u{7}\\u{202E}")
            return max(x, 0) + log1p(exp(-abs(x)))
            """)
        let result = try grade(exercise1, source: source)
        let shown = TerminalReport(style: TerminalStyle(enabled: false)).render(result, exercise: exercise1, origin: .check(next: nil))
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(shown)")
        #expect(shown.contains("\\e[2J"), "the escape is shown as text: \(shown)")
    }
}

/// Targets used only to count the cases.
let placeholderTargets = AttackTargets(course: URL(fileURLWithPath: "/nonexistent"),
                                       classmate: URL(fileURLWithPath: "/nonexistent"), marker: "x")
