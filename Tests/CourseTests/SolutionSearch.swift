import Foundation
import Testing

/// Searches a built student version for the exercises' solution functions by signature and by
/// behaviour: every function of its modules (public, internal or private) whose parameter
/// types and result type are those of a solution function, under any name, is a suspect.
///
/// - A public one is called from a probe program built in the copy, against the solution's
///   own function, on twenty seeded inputs (1×1 matrices and one-entry lists, so that every
///   shape fits), with an empty key file: it must ask the keys (and so not compute), or give
///   other numbers than the solution somewhere.
/// - One that cannot be called from outside its module must answer from the keys: its body
///   must be the stand-in the export writes.
struct SolutionSearch {
    let copy: URL
    let solutions: URL

    struct Signature: Hashable {
        var parameters: [String]
        var result: String
    }

    struct Suspect {
        var module: String
        var path: [String]
        var access: String
        var kind: String
        var labels: [String]
        var signature: Signature
        var file: String?
        var line: Int?
        /// How the probe calls it: the Grader module also has a type named Grader, so its
        /// declarations go without the module's name.
        var qualified: String {
            ((module == "Grader" ? [] : [module]) + path.dropLast() + [String(path.last!.prefix { $0 != "(" })]).joined(separator: ".")
        }
    }

    /// Functions a student may use that equal a solution function by an identity the lesson
    /// teaches; the probe finds them the same, and the exercise expects students to see why.
    static let identities = [
        "CourseKit.sigmoid = softplusDerivative": "softplus′(x) = σ(x), in lesson 1's table of activations",
    ]

    /// The text of a declaration, its first eight lines: from the symbol graph's location, or,
    /// for a private one (which has none), from a search of the copy's sources for it.
    func declarationText(of suspect: Suspect) throws -> String {
        let name = String(suspect.path.last!.prefix { $0 != "(" })
        var files: [String] = suspect.file.map { [$0] } ?? []
        if files.isEmpty, let enumerator = FileManager.default.enumerator(atPath: copy.appendingPathComponent("Sources").path) {
            files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
                .map { copy.appendingPathComponent("Sources/" + $0).path }
        }
        var found: [String] = []
        for file in files {
            let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
            let starts = suspect.line.map { [$0] } ?? lines.indices.filter { lines[$0].contains("func \(name)(") }
            for start in starts where start < lines.count {
                found.append(lines[start..<min(start + 8, lines.count)].joined(separator: "\n"))
            }
        }
        return found.joined(separator: "\n…\n")
    }

    /// The modules a student version builds, besides the course's executable.
    static let modules = ["CourseKit", "Answers", "SubmissionRuntime", "Perceptron", "ShallowNetworks", "XOR",
                          "Backpropagation", "Convolution", "SelfAttention", "Grader"]

    /// Types without their tuple labels and spaces: `(weights: [Double], bias: Double)` and
    /// `([Double], Double)` are the same result.
    static func normalized(_ type: String) -> String {
        var text = type.replacingOccurrences(of: " ", with: "")
        text = text.replacing(#/([(,])[A-Za-z_][A-Za-z0-9_]*:(?!:)/#) { String($0.output.1) }
        return text.isEmpty ? "Void" : text
    }

    /// The solution functions: `func name(label: Type, …) -> Result` in each exercise's catalogue.
    func solutionFunctions() throws -> [(exercise: String, name: String, labels: [String], signature: Signature)] {
        let folder = copy.appendingPathComponent("Sources/Grader/Exercises")
        var found: [(String, String, [String], Signature)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("Exercise") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: #/"func (\w+)\((.*?)\)(?: -> (.*?))?",?\n/#) {
                let parameters = Self.splitTopLevel(String(match.output.2))
                let labels = parameters.map { String($0.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces).components(separatedBy: " ")[0] }
                let types = parameters.map { Self.normalized(String($0.drop { $0 != ":" }.dropFirst())) }
                found.append((name, String(match.output.1), labels,
                              Signature(parameters: types, result: Self.normalized(String(match.output.3 ?? "")))))
            }
        }
        return found
    }

    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for character in text {
            if "([".contains(character) { depth += 1 }
            if ")]".contains(character) { depth -= 1 }
            if character == ",", depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current) }
        return parts
    }

    /// Every function of the copy's modules, from their symbol graphs.
    func functions() throws -> [Suspect] {
        let output = copy.appendingPathComponent(".build/symbol-graphs")
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for module in Self.modules {
            let run = try Self.runTool(["swift-symbolgraph-extract", "-module-name", module,
                                   "-I", copy.appendingPathComponent(".build/debug/Modules").path,
                                   "-target", try Self.targetTriple(), "-output-dir", output.path,
                                   "-minimum-access-level", "private"])
            guard run.status == 0 else { throw Failure("symbol graph of \(module): \(run.stderr)") }
        }
        var suspects: [Suspect] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path) where !name.contains("@") {
            let module = String(name.prefix { $0 != "." })
            let data = try Data(contentsOf: output.appendingPathComponent(name))
            let graph = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            for symbol in graph["symbols"] as? [[String: Any]] ?? [] {
                guard let signature = symbol["functionSignature"] as? [String: Any],
                      let kind = (symbol["kind"] as? [String: Any])?["identifier"] as? String,
                      let path = symbol["pathComponents"] as? [String] else { continue }
                func text(_ fragments: Any?) -> String {
                    (fragments as? [[String: Any]] ?? []).compactMap { $0["spelling"] as? String }.joined()
                }
                let parameters = (signature["parameters"] as? [[String: Any]] ?? []).map { parameter in
                    Self.normalized(String(text(parameter["declarationFragments"]).drop { $0 != ":" }.dropFirst()))
                }
                let title = path.last ?? ""
                let labels = title.drop { $0 != "(" }.dropFirst().dropLast().split(separator: ":", omittingEmptySubsequences: false)
                    .dropLast().map(String.init)
                let location = symbol["location"] as? [String: Any]
                let position = location?["position"] as? [String: Any]
                suspects.append(Suspect(module: module, path: path, access: symbol["accessLevel"] as? String ?? "",
                                        kind: kind, labels: labels,
                                        signature: Signature(parameters: parameters, result: Self.normalized(text(signature["returns"]))),
                                        file: (location?["uri"] as? String).map { URL(string: $0)?.path ?? $0 },
                                        line: position?["line"] as? Int))
            }
        }
        return suspects
    }

    static func targetTriple() throws -> String {
        let run = try Self.runTool(["swiftc", "-print-target-info"])
        guard let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
              let target = object["target"] as? [String: Any], let triple = target["triple"] as? String else {
            throw Failure("swiftc -print-target-info: \(run.stderr)")
        }
        return triple
    }

    /// Swift code that makes a value of `type` from the generator `g` (nil: not supported).
    static func maker(_ type: String) -> String? {
        switch type {
        case "Double": "g.number()"
        case "Int": "g.count()"
        case "Bool": "g.flag()"
        case "[Double]": "[g.number()]"
        case "[Int]": "[g.count()]"
        case "Matrix": "g.matrix()"
        case "[Matrix]": "[g.matrix()]"
        case "[[Double]]": "[[g.number()]]"
        case "[[Matrix]]": "[[g.matrix()]]"
        default: nil
        }
    }

    /// Builds the probe in the copy and returns, for each public suspect, what it found:
    /// "keys" (it asked the keys), "differs" (other numbers than the solution), "same",
    /// or what went wrong.
    func probe(_ pairs: [(suspect: Suspect, solution: (name: String, labels: [String], signature: Signature))]) throws -> [String] {
        var cases: [String] = []
        for (index, pair) in pairs.enumerated() {
            let types = pair.solution.signature.parameters
            let makers = types.map { Self.maker($0) ?? "unsupported" }
            func call(_ name: String, _ labels: [String]) -> String {
                name + "(" + zip(labels, types.indices).map { ($0 == "_" ? "" : "\($0): ") + "a\($1)" }.joined(separator: ", ") + ")"
            }
            let arguments = makers.enumerated().map { "let a\($0.offset) = \($0.element)" }.joined(separator: "; ")
            cases.append("""
                case \(index):
                    for trial in 0..<20 {
                        var g = ProbeInputs(trial: trial)
                        \(arguments)
                        let before = AnswerKeys.misses
                        let candidate = flattened(\(call(pair.suspect.qualified, pair.suspect.labels)))
                        if AnswerKeys.misses > before { print("keys"); exit(0) }
                        let solution = flattened(\(call(pair.solution.name, pair.solution.labels)))
                        if !same(candidate, solution) { print("differs"); exit(0) }
                    }
                    print("same")
                """)
        }
        let main = """
            import Foundation
            import Answers
            \(Self.modules.filter { $0 != "Answers" }.map { "@testable import \($0)" }.joined(separator: "\n"))

            struct ProbeInputs {
                var state: UInt64
                let trial: Int
                init(trial: Int) { self.trial = trial; state = 0x9E37_79B9_7F4A_7C15 &* UInt64(trial + 1) }
                mutating func next() -> Double {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Double(state >> 11) / Double(1 << 53)
                }
                // Positive numbers first (sizes, rates, radii), then both signs.
                mutating func number() -> Double { trial < 10 ? 0.25 + 2.5 * next() : -3 + 6 * next() }
                mutating func count() -> Int { 1 + Int(next() * 3) }
                mutating func flag() -> Bool { next() < 0.5 }
                mutating func matrix() -> Matrix { Matrix(rows: 1, columns: 1, repeating: number()) }
            }

            func flattened(_ value: Any) -> [Double] {
                switch value {
                case let x as Double: return [x]
                case let x as Int: return [Double(x)]
                case let x as Bool: return [x ? 1 : 0]
                case let m as Matrix: return [Double(m.rows), Double(m.columns)] + m.scalars
                default: return Mirror(reflecting: value).children.flatMap { flattened($0.value) }
                }
            }

            func same(_ a: [Double], _ b: [Double]) -> Bool {
                a.count == b.count && zip(a, b).allSatisfy { x, y in x == y || (x.isNaN && y.isNaN) || abs(x - y) <= 1e-9 * max(abs(x), abs(y)) }
            }

            switch Int(CommandLine.arguments[1])! {
            \(cases.joined(separator: "\n"))
            default: print("no such case")
            }

            """
        let folder = copy.appendingPathComponent("Sources/solution-probe")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(main.utf8).write(to: folder.appendingPathComponent("main.swift"))
        for name in try FileManager.default.contentsOfDirectory(atPath: solutions.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: solutions.appendingPathComponent(name), encoding: .utf8)
            try Data(text.utf8).write(to: folder.appendingPathComponent("solution-" + name))
        }
        let manifest = copy.appendingPathComponent("Package.swift")
        let original = try String(contentsOf: manifest, encoding: .utf8)
        defer { try? Data(original.utf8).write(to: manifest); try? FileManager.default.removeItem(at: folder) }
        let target = "        .executableTarget(name: \"solution-probe\", dependencies: [\(Self.modules.map { "\"\($0)\"" }.joined(separator: ", "))]),\n"
        guard let anchor = original.range(of: "    targets: [\n") else { throw Failure("Package.swift has no targets list") }
        try Data(original.replacingCharacters(in: anchor, with: "    targets: [\n" + target).utf8).write(to: manifest)
        let build = try Self.runTool(["swift", "build", "--product", "solution-probe"], in: copy)
        guard build.status == 0 else { throw Failure("the probe does not build:\n\(build.stdout)\(build.stderr)") }
        let binary = copy.appendingPathComponent(".build/debug/solution-probe").path
        let emptyKeys = copy.appendingPathComponent(".build/empty-answer-keys.txt")
        try Data().write(to: emptyKeys)
        return try pairs.indices.map { index in
            let run = try Self.runTool([binary, String(index)], environment: ["COURSE_ANSWER_KEYS": emptyKeys.path])
            return run.status == 0 ? run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : "crashed (\(run.status)): \(run.stderr.suffix(300))"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs a tool found on the PATH (or at an absolute path), with `courseRun`'s pipes.
    static func runTool(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws -> Run {
        let absolute = arguments[0].hasPrefix("/")
        return try courseRun(absolute ? Array(arguments.dropFirst()) : arguments, directory: directory, environment: environment,
                             executable: URL(fileURLWithPath: absolute ? arguments[0] : "/usr/bin/env"))
    }
}
