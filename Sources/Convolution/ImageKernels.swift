import CourseKit

/// Returns the 2D convolution of an image with a small kernel, zero-padded so that the result
/// has the image's size.
/// ```
///   z[r, c] = Σₐ Σ_b k[a, b] · x[r + a − ⌊K_h/2⌋, c + b − ⌊K_w/2⌋]        x = 0 outside
/// ```
/// - Complexity: O(rows · columns · K_h · K_w).
public func convolve2D(_ image: Matrix, kernel k: Matrix) -> Matrix {
    let top = k.rows / 2, left = k.columns / 2
    return Matrix(rows: image.rows, columns: image.columns) { r, c in
        var sum = 0.0
        for a in 0..<k.rows {
            for b in 0..<k.columns {
                let (y, x) = (r + a - top, c + b - left)
                if (0..<image.rows).contains(y) && (0..<image.columns).contains(x) { sum += k[a, b] * image[y, x] }
            }
        }
        return sum
    }
}

/// Classic 3×3 image kernels.
public enum ImageKernel {
    /// A blur: a weighted average of the pixel and its neighbours, weights summing to one.
    public static let blur = Matrix([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16
    /// A vertical-edge detector (Sobel): large where brightness changes from left to right.
    public static let verticalEdges = Matrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    /// A horizontal-edge detector (Sobel): large where brightness changes from top to bottom.
    public static let horizontalEdges = Matrix([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
    /// An outline detector (Laplacian): zero on flat regions, non-zero around every edge.
    public static let outline = Matrix([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
}

/// Returns a 16×16 picture of a bar and a disc, 1 on the shapes and 0 elsewhere.
public func samplePicture() -> Matrix {
    Matrix(rows: 16, columns: 16) { r, c in
        let bar = (3...12).contains(r) && (1...3).contains(c)
        let (dy, dx) = (Double(r) - 7.5, Double(c) - 11)
        let disc = dy * dy + dx * dx <= 14
        return bar || disc ? 1 : 0
    }
}

/// Returns an image drawn with shades, two characters per pixel so that it looks square:
/// `' '` for the smallest value up to `'█'` for the largest.
public func renderImage(_ image: Matrix) -> [String] {
    let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    let low = image.scalars.min() ?? 0, high = image.scalars.max() ?? 0
    return (0..<image.rows).map { r in
        String((0..<image.columns).flatMap { c -> [Character] in
            let level = high > low ? Int(((image[r, c] - low) / (high - low) * 4).rounded()) : 0
            return [shades[level], shades[level]]
        })
    }
}

/// Returns several images side by side, each under its title and inside a frame.
public func sideBySide(_ panels: [(title: String, image: Matrix)]) -> String {
    let drawn = panels.map { renderImage($0.image) }
    let widths = panels.map { 2 * $0.image.columns }
    func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(width - s.count, 0)) }
    var title = zip(panels, widths).map { pad(" " + $0.title, $1 + 2) }.joined(separator: "  ")
    while title.last == " " { title.removeLast() }
    var lines = [title]
    lines.append(widths.map { "┌" + String(repeating: "─", count: $0) + "┐" }.joined(separator: "  "))
    for row in 0..<(drawn.map(\.count).max() ?? 0) {
        lines.append(zip(drawn, widths).map { "│" + pad(row < $0.count ? $0[row] : "", $1) + "│" }
            .joined(separator: "  "))
    }
    lines.append(widths.map { "└" + String(repeating: "─", count: $0) + "┘" }.joined(separator: "  "))
    return lines.joined(separator: "\n")
}
