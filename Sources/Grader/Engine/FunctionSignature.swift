/// A function a student writes, as the starter declares it, for example
/// `func leakyRelu(_ x: Double, slope: Double) -> Double`.
public struct FunctionSignature: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The declaration as written in the starter.
    public let declaration: String
    /// The function's base name.
    public let name: String
    /// The argument labels, `nil` for an unlabelled argument.
    public let labels: [String?]

    /// Parses a declaration `func name(label name: Type, …) -> Result`.
    public init(_ declaration: String) {
        self.declaration = declaration
        let afterFunc = declaration.drop { $0 != " " }.drop { $0 == " " }
        name = String(afterFunc.prefix { $0 != "(" && $0 != "<" && $0 != " " })
        var depth = 0
        var current = ""
        var parameters: [String] = []
        var started = false
        loop: for character in afterFunc.drop(while: { $0 != "(" }) {
            switch character {
            case "(" where !started: started = true; continue
            case "(", "[", "<": depth += 1
            case ")" where depth == 0: break loop
            case ")", "]", ">": depth -= 1
            case "," where depth == 0:
                parameters.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        if !current.trimmingTrailingNewlines().isEmpty { parameters.append(current) }
        labels = parameters.map { parameter in
            let names = parameter.prefix { $0 != ":" }.split(separator: " ")
            guard let first = names.first else { return nil }
            return first == "_" ? nil : String(first)
        }
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The call the driver makes: `name(call.argument(0), label: call.argument(1))`.
    var callExpression: String {
        let arguments = labels.enumerated().map { index, label in
            (label.map { "\($0): " } ?? "") + "call.argument(\(index))"
        }
        return "\(name)(\(arguments.joined(separator: ", ")))"
    }
}
