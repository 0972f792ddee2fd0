import CourseTestSupport
import Testing
import CourseKit
@testable import Backpropagation

@Suite struct BinaryClassifierTests {
    let example = Lesson4.classifierExample

    // The three gradients of the slides' classifier (w₁, w₂, b) agree with central differences.
    @Test func rowFormGradientsPassTheGradientCheck() {
        let (model, x, y) = example
        let gradients = model.gradients(model.forward(x), labels: y)
        expectAgree(checkGradients(
            of: [("w₁", model.w1), ("w₂", model.w2), ("b", Matrix([[model.b]]))],
            analytic: [gradients.w1, gradients.w2, Matrix([[gradients.b]])]
        ) { p in
            let m = BinaryClassifier(w1: p[0], w2: p[1], b: p[2][0, 0])
            return m.loss(m.forward(x), labels: y)
        })
    }

    // (ŷ − y)/(N ŷ(1 − ŷ)) · ŷ(1 − ŷ) = (ŷ − y)/N for every sample.
    @Test func theSigmoidFactorsCancel() {
        let (model, x, y) = example
        let pass = model.forward(x)
        let products = model.cancellingFactors(pass, labels: y).map { $0.dLossByYHat * $0.dYHatByZ }
        expectClose(products, ((pass.yHat - y) / 4).scalars, "∂L/∂ŷ · ∂ŷ/∂z")
    }

    // The lesson's worked forward pass: the pre-activations X w₁ and the loss.
    @Test func reproducesTheLessonsForwardPass() {
        let (model, x, y) = example
        let pass = model.forward(x)
        expectClose(pass.preActivation, Matrix([[1.1, 0.2, -0.2], [-0.35, 1.3, -1.05], [0.7, -2.6, 2.1],
                                                [0.7, 0.4, -0.35]]), "X w₁")
        expectClose(pass.z.scalars, [0.98, -1.11, 1.69, 0.36], "z")
        let expected = zip(pass.yHat.scalars, y.scalars).map { p, t in -(t * log(p) + (1 - t) * log(1 - p)) }
        expectClose(model.loss(pass, labels: y), expected.reduce(0, +) / 4, "mean BCE from ŷ")
    }

    // At z = 40, σ(z) rounds to 1: the loss from the logit stays 40 + log(1 + e^−40) and the
    // gradient stays ŷ − y, where the literal formulas give ∞ and NaN.
    @Test func saturatedLogitsKeepLossAndGradientFinite() {
        expectClose(binaryCrossEntropy(logit: 40, label: 0), 40 + log1p(exp(-40)), "BCE(z = 40, y = 0)")
        expectClose(binaryCrossEntropy(logit: -300, label: 1), 300, "BCE(z = −300, y = 1)")
        expectClose(binaryCrossEntropy(logit: 0, label: 1), log(2.0), "BCE(z = 0, y = 1)")
        let model = BinaryClassifier(w1: Matrix([[10, -10]]), w2: Matrix(column: [5, 5]), b: 0)
        let x = Matrix(column: [20, -30]), y = Matrix(column: [0, 1])
        let gradients = model.gradients(model.forward(x), labels: y)
        #expect(gradients.w1.scalars.allSatisfy(\.isFinite) && gradients.w2.scalars.allSatisfy(\.isFinite)
                && gradients.b.isFinite, "observed \(gradients.w1), \(gradients.w2), \(gradients.b)")
        // z = (1000, 1500), so ŷ = (1, 1) and ∂L/∂b = ((1 − 0) + (1 − 1)) / 2.
        expectClose(gradients.b, 0.5, "∂L/∂b")
    }

    // The column form of exercise 7 with b₁ = 0 is the row form transposed: same loss,
    // ∂L/∂W₁ = (∂L/∂w₁)ᵀ and ∂L/∂w₂(row) = (∂L/∂w₂(column))ᵀ.
    @Test func columnFormIsTheTransposeOfTheRowForm() {
        let (model, x, y) = example
        let pass = model.forward(x)
        let rowGradients = model.gradients(pass, labels: y)
        let (w1, b1, w2) = (model.w1.transposed, Matrix(rows: 3, columns: 1), model.w2.transposed)
        let loss = classifierLoss(x: x.transposed, labels: y.transposed, w1: w1, b1: b1, w2: w2, b2: model.b)
        expectClose(loss, model.loss(pass, labels: y), "loss")
        expectClose(classifierForward(x: x.transposed, w1: w1, b1: b1, w2: w2, b2: model.b),
                    pass.yHat.transposed, "ŷ")
        let g = classifierGradients(x: x.transposed, labels: y.transposed, w1: w1, b1: b1, w2: w2, b2: model.b)
        expectClose(g.w1, rowGradients.w1.transposed, "∂L/∂W₁")
        expectClose(g.w2, rowGradients.w2.transposed, "∂L/∂w₂")
        expectClose(g.b2, rowGradients.b, "∂L/∂b₂")
    }
}
