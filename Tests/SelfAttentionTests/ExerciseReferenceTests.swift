import CourseTestSupport
import Testing
import CourseKit
import SelfAttention

// The values that solutions/exercise11.swift and solutions/exercise12.swift compute on a fixed,
// non-square case (D = 3, D_q = 2, D_v = 4, N = 4), unscaled and scaled; the reference
// functions the grader calls must give the same.
@Suite struct ExerciseReferenceTests {
    static let x = Matrix([[1, -1, 0.5, 2], [0, 2, -1, 1], [-1, 0.5, 1, 0]])
    static let queryWeights = Matrix([[0.5, -1, 0.25], [1, 0.5, -0.5]])
    static let queryBias = Matrix(column: [0.1, -0.2])
    static let keyWeights = Matrix([[-0.5, 0.25, 1], [0.75, -1, 0.5]])
    static let keyBias = Matrix(column: [0.3, 0.2])
    static let valueWeights = Matrix([[1, 0, -1], [0.5, 2, 0], [-1, 1, 0.5], [0, -0.5, 1]])
    static let valueBias = Matrix(column: [0.5, -1, 0, 2])
    static let outputGradient = Matrix([[1, -1, 0.5, 2], [0, 1, -2, 1], [-1, 0.5, 1, 0], [2, -0.5, 0, 1]])

    static func forward(scaled: Bool) -> (output: Matrix, attention: Matrix) {
        selfAttention(x: x, queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights, keyBias: keyBias,
                      valueWeights: valueWeights, valueBias: valueBias, scaled: scaled)
    }

    static func gradients(scaled: Bool) -> (input: Matrix, queryWeights: Matrix, keyWeights: Matrix, valueWeights: Matrix) {
        selfAttentionGradients(x: x, queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights,
                               keyBias: keyBias, valueWeights: valueWeights, valueBias: valueBias, scaled: scaled,
                               outputGradient: outputGradient)
    }

    static func biasGradients(scaled: Bool) -> (queryBias: Matrix, keyBias: Matrix, valueBias: Matrix) {
        selfAttentionBiasGradients(x: x, queryWeights: queryWeights, queryBias: queryBias, keyWeights: keyWeights,
                                   keyBias: keyBias, valueWeights: valueWeights, valueBias: valueBias, scaled: scaled,
                                   outputGradient: outputGradient)
    }

    @Test func agreesWithTheSolutionOfExercise11Unscaled() {
        let observed = Self.forward(scaled: false)
        expectClose(observed.output, Matrix([[0.3542388330328539, 2.4779511568961037, -0.9749942858005344, 0.1344157904606867],
            [-2.1756395446161694, -0.1538513005901141, 2.445907339163703, -2.5404096319361757],
            [-1.0081794001908253, -1.4133749509968383, 3.1907736995729197, -1.0090341616801835],
            [3.1795313701706593, 1.08172225163202, 1.5180331203734077, 3.383118793245986]]), "Sa")
        expectClose(observed.attention, Matrix([[0.05120055744604443, 0.8539280453640603, 0.001183957824300667, 0.018447402508578518],
            [0.004099030242869877, 0.0031974286318098683, 0.9862036890553105, 4.459754684841794e-05],
            [0.8525658244468407, 0.004343137157024965, 0.009312549642778944, 0.9461712472501376],
            [0.09213458786424508, 0.138531388847105, 0.0032998034776098085, 0.03533675269443552]]), "A")
    }

    @Test func agreesWithTheSolutionOfExercise12Unscaled() {
        let observed = Self.gradients(scaled: false)
        expectClose(observed.input, Matrix([[-0.3009605250180419, -1.263522289078203, 3.8188562922299676, -0.01560443621215063],
            [2.183376081924483, -3.2773120374546836, 0.4519809003162111, -0.015541536426880637],
            [1.2968861447580045, -0.09802917852383479, -0.765338919091479, -0.2921501230628163]]), "∂L/∂X")
        expectClose(observed.queryWeights, Matrix([[-1.0175168865177282, 0.1542651739001813, -0.19597435123947313],
            [-0.3825219580596664, -0.7708211934318117, -0.19561468750322236]]), "∂L/∂Ω_q")
        expectClose(observed.keyWeights, Matrix([[-0.4326403330558528, -1.1920283495560065, -0.6281797950997052],
            [0.6191311948206332, 0.8102317104343935, -0.7396904321624475]]), "∂L/∂Ω_k")
        expectClose(observed.valueWeights, Matrix([[0.16513059537425148, -1.73110956800184, 3.7575084812163944],
            [3.6396545958894446, -4.7029514543992095, -0.9227009230684143],
            [-1.0664349831069995, 2.7889193625191573, -0.7261774427216627],
            [1.3124866827833537, -2.485503206132567, 2.9585688047050107]]), "∂L/∂Ω_v")
        let biases = Self.biasGradients(scaled: false)
        expectClose(biases.queryBias, Matrix([[0.021504890081326444], [0.22801659688090925]]), "∂L/∂β_q")
        expectClose(biases.keyBias, Matrix(column: [0, 0]), "∂L/∂β_k")
        expectClose(biases.valueBias, Matrix(column: [2.5, 0, 0.5, 2.5]), "∂L/∂β_v")
    }

    @Test func agreesWithTheSolutionOfExercise11Scaled() {
        let observed = Self.forward(scaled: true)
        expectClose(observed.output, Matrix([[0.612652722280659, 2.4037160217291267, -0.8784074439358617, 0.34306974524422684],
            [-1.716180938892502, 0.02661703345344013, 2.2847019504607586, -2.2258789302299045],
            [-0.9786946062414297, -1.3169769914550704, 2.992682544186336, -1.0234229255549876],
            [2.9128091759247403, 1.1572709658833533, 1.5655401858386335, 3.1968228690401315]]), "Sa")
        expectClose(observed.attention, Matrix([[0.10010968625294095, 0.7578721977846561, 0.008093161942126463, 0.053234004057598004],
            [0.01679064397295077, 0.014578613514648868, 0.9404068529782114, 0.0007515474056026552],
            [0.7314320095256053, 0.018103532387840824, 0.03479338340484855, 0.8617199355344655],
            [0.15166766024850295, 0.20944565631285414, 0.01670660167481341, 0.0842945130023338]]), "A")
    }

    @Test func agreesWithTheSolutionOfExercise12Scaled() {
        let observed = Self.gradients(scaled: true)
        expectClose(observed.input, Matrix([[0.29052628483318366, -1.1765745666538088, 3.238287458783834, -0.06407525066871472],
            [1.9434682939025398, -3.3820363130793907, 1.348776459343262, -0.11440590814315621],
            [1.198258723704566, -0.28674575254260964, -1.009172946148981, 0.04288978428937548]]), "∂L/∂X")
        expectClose(observed.queryWeights, Matrix([[-1.8768240164047263, 0.2000605699310266, -0.1730043028254336],
            [-0.3169726008427489, -1.8526896240534754, -0.15812368544671995]]), "∂L/∂Ω_q")
        expectClose(observed.keyWeights, Matrix([[0.1167318852955892, -1.9464501173637654, -0.6688828273610933],
            [1.3150083189448467, 1.5609121558726984, -1.3587401685020861]]), "∂L/∂Ω_k")
        expectClose(observed.valueWeights, Matrix([[0.4442447073059372, -1.387163605614171, 3.238372238233882],
            [3.5861757054815997, -4.280876825219391, -0.9174249493634777],
            [-1.0482558319790147, 2.519159661034744, -0.5090536766270574],
            [1.5710538539586754, -1.9785381258604837, 2.454536675017694]]), "∂L/∂Ω_v")
        let biases = Self.biasGradients(scaled: true)
        expectClose(biases.queryBias, Matrix([[-0.3213764551008075], [0.44885215384489663]]), "∂L/∂β_q")
        expectClose(biases.keyBias, Matrix(column: [0, 0]), "∂L/∂β_k")
        expectClose(biases.valueBias, Matrix(column: [2.5, 0, 0.5, 2.5]), "∂L/∂β_v")
    }

    // The three reference functions return what one SelfAttentionPass computes.
    @Test func referenceFunctionsWrapTheForwardAndBackwardPass() {
        let θ = AttentionParameters(queryWeights: Self.queryWeights, queryBias: Self.queryBias, keyWeights: Self.keyWeights,
                                    keyBias: Self.keyBias, valueWeights: Self.valueWeights, valueBias: Self.valueBias)
        let pass = SelfAttentionPass(x: Self.x, parameters: θ, scaled: true)
        let d = pass.backward(outputGradient: Self.outputGradient, parameters: θ)
        #expect(Self.forward(scaled: true).output == pass.output)
        #expect(Self.gradients(scaled: true).keyWeights == d.keyWeights)
        #expect(Self.biasGradients(scaled: true).queryBias == d.queryBias)
    }
}
