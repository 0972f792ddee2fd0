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
        // The answers of the exercises: computed here, read from recorded keys in the student
        // version, which leaves their code out (never linked into a submission).
        .target(name: "Answers", dependencies: ["CourseKit"]),
        // One module per lesson: the reference implementation and what `course run` shows.
        .target(name: "Perceptron", dependencies: ["CourseKit", "Answers"]),
        .target(name: "ShallowNetworks", dependencies: ["CourseKit", "Answers"]),
        .target(name: "XOR", dependencies: ["CourseKit", "Answers"]),
        .target(name: "Backpropagation", dependencies: ["CourseKit", "Answers"]),
        .target(name: "Convolution", dependencies: ["CourseKit", "Answers"]),
        .target(name: "SelfAttention", dependencies: ["CourseKit", "Answers"]),
        // The launcher of a box: namespaces, file system, limits, user and system-call filter,
        // then the submission (or the compiler). The grader compiles it into its cache.
        .executableTarget(name: "course-box", path: "Sources/SandboxLauncher"),
        // The exercise catalogue, the compile-and-run engine, the judges and the reports.
        .target(name: "Grader", dependencies: ["CourseKit", "SubmissionRuntime", "Answers", "Perceptron", "ShallowNetworks", "XOR", "Backpropagation", "Convolution", "SelfAttention"]),
        // Argument parsing and dispatch only.
        .executableTarget(name: "course", dependencies: ["Grader", "CourseKit", "Answers"]),
        // The benchmark of the grader against the bare compiler: `swift run course-bench`.
        .executableTarget(name: "course-bench"),
        // What the test targets share: figure checks, numeric expectations, source edits.
        .target(name: "CourseTestSupport", dependencies: ["CourseKit"], path: "Tests/CourseTestSupport"),
        .testTarget(name: "CourseKitTests", dependencies: ["CourseKit"]),
        .testTarget(name: "PerceptronTests", dependencies: ["Perceptron", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "ShallowNetworksTests", dependencies: ["ShallowNetworks", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "XORTests", dependencies: ["XOR", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "BackpropagationTests", dependencies: ["Backpropagation", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "ConvolutionTests", dependencies: ["Convolution", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "SelfAttentionTests", dependencies: ["SelfAttention", "CourseKit", "CourseTestSupport"]),
        .testTarget(name: "GraderTests", dependencies: ["Grader", "CourseKit", "SubmissionRuntime", "Answers", "CourseTestSupport"]),
        .testTarget(name: "CourseTests", dependencies: ["course", "Answers", "CourseTestSupport"]),
    ]
)
