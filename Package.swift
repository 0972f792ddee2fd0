// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "course",
    products: [
        .library(name: "CourseKit", targets: ["CourseKit"]),
    ],
    targets: [
        // What a student may import: matrices, seeded random numbers, activations,
        // losses, the numeric gradient checker and terminal plots.
        .target(name: "CourseKit"),
        .testTarget(name: "CourseKitTests", dependencies: ["CourseKit"]),
        .target(name: "Backpropagation", dependencies: ["CourseKit"]),
        .testTarget(name: "BackpropagationTests", dependencies: ["Backpropagation", "CourseKit"]),
    ]
)
