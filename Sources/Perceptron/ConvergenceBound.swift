import CourseKit

/// Returns the bound of the perceptron convergence theorem for a separator (u, c) of the data:
/// started from zero, Rosenblatt's rule makes at most `(R/γ)²` updates in all.
/// ```
/// x̃ = (1, x)     ũ = (c, u) / ‖(c, u)‖
/// R = maxᵢ ‖x̃ᵢ‖    γ = minᵢ tᵢ ũ·x̃ᵢ  (> 0 when (u, c) separates)     updates ≤ (R/γ)²
/// ```
/// Any separator gives a valid bound; a wider margin γ gives a smaller one.
/// - Complexity: O(N × D).
public func convergenceBound(points: [[Double]], labels: [Int], separatorWeights u: [Double],
                             separatorBias c: Double) -> (radius: Double, margin: Double, maxUpdates: Double) {
    let ũ = absorbingBias(weights: u, bias: c)
    let length = dot(ũ, ũ).squareRoot()
    let augmented = points.map(appendingConstantInput)
    let R = augmented.map { dot($0, $0).squareRoot() }.max() ?? 0
    let γ = zip(augmented, labels).map { x̃, t in Double(t) * dot(ũ, x̃) / length }.min() ?? 0
    return (R, γ, (R / γ) * (R / γ))
}
