import Testing
import CourseKit
import XOR

@Test func explore() {
    for (name, net, lrs) in [("sigMSE", TwoLayerNetwork.sigmoidSquaredError, [1.0, 2, 4, 8]), ("sigBCE", .sigmoidCrossEntropy, [0.5, 1, 2, 4]), ("relu", .reluSquaredError, [0.05, 0.1, 0.2, 0.3])] {
        for lr in lrs {
            for steps in [500, 1000, 2000] {
                var random = SeededGenerator(seed: 2024)
                var ok = 0
                for _ in 0..<100 {
                    let p = TwoLayerParameters.random(using: &random)
                    let r = net.train(p, inputs: xorInputColumns, targets: xorTargets, learningRate: lr, steps: steps)
                    if correctCount(net.outputs(r.parameters, inputs: xorInputColumns)) == 4 { ok += 1 }
                }
                print(name, lr, steps, ok)
            }
        }
    }
}
