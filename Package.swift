// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "course",
    products: [
        .executable(name: "course", targets: ["course"]),
        .library(name: "CourseKit", targets: ["CourseKit"]),
    ],
    targets: [
        // What a student may import: matrices, seeded random numbers, activations, losses,
        // the numeric gradient checker and terminal plots.
        .target(name: "CourseKit"),
        // What the grader links into every submission: the wire format and the call loop.
        .target(name: "SubmissionRuntime", dependencies: ["CourseKit"]),
        // One module per lesson: the reference implementation and what `course run` shows.
        .target(name: "Perceptron", dependencies: ["CourseKit"]),
        .target(name: "ShallowNetworks", dependencies: ["CourseKit"]),
        .target(name: "XOR", dependencies: ["CourseKit"]),
        .target(name: "Backpropagation", dependencies: ["CourseKit"]),
        .target(name: "Convolution", dependencies: ["CourseKit"]),
        .target(name: "SelfAttention", dependencies: ["CourseKit"]),
        // The exercise catalogue, the compile-and-run engine, the judges and the reports.
        .target(name: "Grader", dependencies: ["CourseKit", "SubmissionRuntime", "Perceptron", "ShallowNetworks", "XOR", "Backpropagation", "Convolution", "SelfAttention"]),
        // Argument parsing and dispatch only.
        .executableTarget(name: "course", dependencies: ["Grader", "CourseKit"]),
        // The benchmark of the grader against the bare compiler: `swift run course-bench`.
        .executableTarget(name: "course-bench"),
        .testTarget(name: "CourseKitTests", dependencies: ["CourseKit"]),
        .testTarget(name: "PerceptronTests", dependencies: ["Perceptron", "CourseKit"]),
        .testTarget(name: "ShallowNetworksTests", dependencies: ["ShallowNetworks", "CourseKit"]),
        .testTarget(name: "XORTests", dependencies: ["XOR", "CourseKit"]),
        .testTarget(name: "BackpropagationTests", dependencies: ["Backpropagation", "CourseKit"]),
        .testTarget(name: "ConvolutionTests", dependencies: ["Convolution", "CourseKit"]),
        .testTarget(name: "SelfAttentionTests", dependencies: ["SelfAttention", "CourseKit"]),
        .testTarget(name: "GraderTests", dependencies: ["Grader", "CourseKit", "SubmissionRuntime"]),
        .testTarget(name: "CourseTests", dependencies: ["course"]),
    ]
)
