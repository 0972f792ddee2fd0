import CourseTestSupport
import Foundation

/// Generates a synthetic class in a folder, for the class-grading tests: every kind of
/// submission a real class hands in, under awkward folder names, with the score each must get.
///
/// - correct: the reference solutions, full marks everywhere;
/// - partial: a mutant of each exercise that has one;
/// - starter: the untouched starters, 0 everywhere;
/// - missing: no files at all (one student has only some);
/// - not compiling: a syntax error in every file;
/// - crashing, looping, forging: exercise 1 traps in one function, loops in another, or prints
///   a fake success and calls exit(0); their other exercises are correct;
/// - links: a student folder that is a link out of the class, and a submission that is a link.
struct ClassFixture {
    enum Kind: CaseIterable { case correct, partial, starter, missing, notCompiling, crashing, looping, forging, someMissing }

    let root: URL
    let course: URL
    let exerciseIDs: [String]
    private(set) var students: [(name: String, kind: Kind)] = []

    static let awkwardNames = ["Ada Lovelace", "Émile Zola", "李雷", "..dots", "O'Brien, Jr", "tab\there", "x y z", "ümlaut-ß"]

    init(root: URL, course: URL, exerciseIDs: [String], count: Int) throws {
        self.root = root
        self.course = course
        self.exerciseIDs = exerciseIDs
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let kinds = Kind.allCases
        for index in 0..<count {
            let kind = kinds[index % kinds.count]
            let base = index < ClassFixture.awkwardNames.count ? ClassFixture.awkwardNames[index] : "student\(index)"
            let name = "\(base) \(index)"
            try write(name, kind)
            students.append((name, kind))
        }
        // A link out of the class must not be graded as a student, nor followed.
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape"),
                                                   withDestinationURL: course.appendingPathComponent("solutions"))
        // A submission that is a link is refused.
        let linked = root.appendingPathComponent("linked 99")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent("exercise1.swift"),
                                                   withDestinationURL: course.appendingPathComponent("solutions/exercise1.swift"))
        students.append(("linked 99", .missing))
    }

    private func text(_ path: String) throws -> String {
        try String(contentsOf: course.appendingPathComponent(path), encoding: .utf8)
    }

    private func write(_ student: String, _ kind: Kind) throws {
        let folder = root.appendingPathComponent(student)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (position, id) in exerciseIDs.enumerated() {
            let solution = try text("solutions/\(id).swift")
            var source: String?
            switch kind {
            case .correct: source = solution
            case .partial: source = try firstMutant(id) ?? solution
            case .starter: source = try text("exercises/\(id).swift")
            case .missing: source = nil
            case .someMissing: source = position % 2 == 0 ? solution : nil
            case .notCompiling: source = solution + "\nthis is not Swift\n"
            case .crashing, .looping, .forging:
                source = id == "exercise1" ? ClassFixture.hostileExercise1(kind, solution: solution) : solution
            }
            if let source { try Data(source.utf8).write(to: folder.appendingPathComponent("\(id).swift")) }
        }
    }

    private func firstMutant(_ id: String) throws -> String? {
        firstMutantSource(of: id, in: course)
    }

    /// The function of exercise 1 that each hostile kind breaks.
    static func brokenFunction(_ kind: Kind) -> String {
        switch kind {
        case .crashing: "elu"
        case .looping: "tanhDerivative"
        default: "sigmoidDerivative"
        }
    }

    /// Exercise 1 with one function that crashes, loops, or forges a success and exits: the
    /// checks that call it must score 0, the others keep their points, as if the function
    /// were not written at all.
    static func hostileExercise1(_ kind: Kind, solution: String) -> String {
        switch kind {
        case .crashing:
            return replacingBody(of: "elu", in: solution, with: "let values: [Double] = []\nreturn values[Int(alpha)]")
        case .looping:
            return replacingBody(of: "tanhDerivative", in: solution, with: "var i = 0\nwhile true { i &+= 1 }")
        default:
            return replacingBody(of: "sigmoidDerivative", in: solution, with: """
                print("✓ every check passes · Score 12/12")
                _ = "ok 1 d 0.25\\n".withCString { write(3, $0, strlen($0)) }
                exit(0)
                """)
        }
    }
}
