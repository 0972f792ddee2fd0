import CourseKit

/// Lesson 4, backpropagation by hand: computational graphs, the chain rule summed over
/// paths, the gradients of three networks worked out and checked numerically, gradient
/// descent with its learning rate, mini-batches and early stopping, and what an automatic
/// differentiation engine must get right.
public enum Lesson4: LiveLesson {
    /// The lesson's number.
    public static let number = 4
    /// The lesson's title, as in its text.
    public static let title = "Backpropagation by hand"

    /// Shows the lesson live, section by section in the order of `lesson4-backpropagation.md`.
    public static func run(on console: LessonConsole) {
        console.title(self)
        computationalGraphs(console)
        summingOverPaths(console)
        binaryClassifier(console)
        deltaRule(console)
        deepReLUNetwork(console)
        checkingGradients(console)
        learningRates(console)
        miniBatchesAndEarlyStopping(console)
        engine(console)
    }
}

extension Lesson4 {
    /// Returns a table of a graph's nodes in creation order: name, how it was computed, value.
    static func nodeTable(_ graph: ComputationalGraph) -> TextTable {
        var table = TextTable(header: ["node", "computed as", "value"])
        for node in graph.nodes {
            table.append([node.name, node.formula, formatNumber(node.value)])
        }
        return table
    }

    /// Returns the backward sweep as a table, one row per edge in the order it is visited.
    static func backwardTable(_ graph: ComputationalGraph, from output: Int) -> TextTable {
        let steps = graph.backward(from: output).steps
        var table = TextTable(header: ["step", "edge", "∂\(graph.name(output))/∂node", "local derivative",
                                       "adds to"])
        for (i, step) in steps.enumerated() {
            let node = graph.name(step.node), input = graph.name(step.input)
            let local = step.formula == formatNumber(step.localDerivative)
                ? step.formula : "\(step.formula) = \(formatNumber(step.localDerivative))"
            table.append(["\(i + 1)", "\(node) → \(input)", formatNumber(step.upstream),
                          "∂\(node)/∂\(input) = \(local)",
                          "∂\(graph.name(output))/∂\(input) += \(formatNumber(step.contribution))"])
        }
        return table
    }

    /// Returns a column vector written as a row, `[ a  b  c ]ᵀ`, to save lines.
    static func asRow(_ column: Matrix) -> String {
        column.transposed.description + "ᵀ"
    }
}
