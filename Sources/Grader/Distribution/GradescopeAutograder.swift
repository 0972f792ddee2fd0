import Foundation
import CourseKit

/// A Gradescope autograder for the course: `setup.sh` installs Swift and builds the course
/// once per image; `run_autograder` grades one submission with the same checks as
/// `course grade` (hidden ones included) and writes `/autograder/results/results.json`.
public struct GradescopeAutograder {
    public let workspace: Workspace
    /// The Swift release to install, such as "6.3.1".
    public let swiftVersion: String
    /// The commit the course was read from, as messages name it.
    public let commit: String?

    public init(workspace: Workspace, swiftVersion: String, commit: String? = nil) {
        self.workspace = workspace
        self.swiftVersion = swiftVersion
        self.commit = commit
    }

    /// Writes `setup.sh`, `run_autograder`, `README.md` and `source/` into `destination`.
    public func write(to destination: URL) throws {
        let copy = CourseCopy(workspace: workspace,
                              excluded: ["solutions", "Tests", "Sources/course-bench", ".ci"],
                              transform: { path, text in
                                  path == "Package.swift" ? CourseCopy.removingTargets(
                                      StudentExport.instructorTargets + ["CourseTestSupport"] + GradescopeAutograder.testTargets(in: text),
                                      from: text) : text
                              })
        try copy.write(to: destination.appendingPathComponent("source"))
        try write(setupScript, to: destination.appendingPathComponent("setup.sh"), executable: true)
        try write(runScript, to: destination.appendingPathComponent("run_autograder"), executable: true)
        try write(readme(folder: destination), to: destination.appendingPathComponent("README.md"), executable: false)
    }

    static func testTargets(in manifest: String) -> [String] {
        manifest.split(separator: "\n").compactMap { line in
            guard line.contains(".testTarget(name: \""), let start = line.range(of: "name: \"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func write(_ text: String, to url: URL, executable: Bool) throws {
        try Data(text.utf8).write(to: url)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
    }

    var setupScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once when it builds the autograder image (base image: Ubuntu 22.04).
        # It installs Swift \(swiftVersion), builds the course in release mode, and compiles the
        # course library that submissions link against, so that grading starts at once.
        set -euo pipefail
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends ca-certificates curl binutils git gnupg2 libc6-dev \\
            libcurl4-openssl-dev libedit2 libgcc-11-dev libpython3-dev libsqlite3-0 libstdc++-11-dev \\
            libxml2-dev libz3-dev pkg-config tzdata zlib1g-dev
        release="swift-\(swiftVersion)-RELEASE"
        curl -fsSL "https://download.swift.org/swift-\(swiftVersion)-release/ubuntu2204/$release/$release-ubuntu22.04.tar.gz" \\
            | tar -xz -C /opt
        ln -sf "/opt/$release-ubuntu22.04/usr/bin/"* /usr/local/bin/
        cd /autograder/source
        swift build -c release --product course
        mkdir -p /tmp/warm/submission
        .build/release/course grade /tmp/warm --output /tmp/warm-grades >/dev/null
        rm -rf /tmp/warm /tmp/warm-grades

        """
    }

    var runScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission: it grades every exerciseN.swift the student
        # uploaded (anywhere in the upload) and writes /autograder/results/results.json. Every
        # other .swift file is passed on too, so that a misnamed one (Exercise5.swift) gets a
        # warning in the results rather than silence.
        set -uo pipefail
        root="${AUTOGRADER_ROOT:-/autograder}"
        course="${COURSE_BIN:-$root/source/.build/release/course}"
        work="$(mktemp -d)"
        mkdir -p "$work/class/submission" "$root/results"
        find "$root/submission" -type f -iname '*.swift' -print0 |
            while IFS= read -r -d '' file; do cp -- "$file" "$work/class/submission/$(basename -- "$file")"; done
        cd "$root/source"
        if "$course" grade "$work/class" --output "$work/grades" --jobs "${JOBS:-2}" >"$work/log" 2>&1 \\
            && cp "$work/grades/gradescope/submission/results.json" "$root/results/results.json"; then
            exit 0
        fi
        # The grader itself failed: still leave a result that says so.
        message="$(tail -c 2000 "$work/log" | sed 's/\\\\/\\\\\\\\/g; s/"/\\\\"/g' | tr '\\n' ' ')"
        printf '{"score": 0, "execution_time": 0, "output": "The autograder failed: %s", "visibility": "visible", "stdout_visibility": "hidden", "tests": []}\\n' \\
            "$message" > "$root/results/results.json"

        """
    }

    /// The points of every check in the course's catalogue files, as written there (the
    /// commit's, not the running grader's); nil when some check's points cannot be read.
    func committedPoints() -> Double? {
        let folder = workspace.root.appendingPathComponent("Sources/Grader/Exercises")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let pattern = #/\bCheck\(\s*"(?:[^"\\]|\\.)*"\s*,\s*points:\s*([0-9]+(?:\.[0-9]+)?)/#
        var total = 0.0
        for name in names where name.hasSuffix(".swift") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            let matches = text.matches(of: pattern)
            guard matches.count == text.matches(of: #/\bCheck\(/#).count else { return nil }
            total += matches.compactMap { Double($0.output.1) }.reduce(0, +)
        }
        return total > 0 ? total : nil
    }

    func readme(folder: URL) -> String {
        let points = committedPoints() ?? Catalogue.exercises.map(\.maxPoints).reduce(0, +)
        let exercises = Catalogue.exercises.map(\.id)
        return """
            # Gradescope autograder

            Made by `course gradescope`\(commit.map { " from \($0)" } ?? ""), for Swift \(swiftVersion).
            It grades with the same checks as `course grade`, hidden ones included; hidden checks
            are shown to students only after the grades are published.

            | file | what Gradescope does with it |
            |---|---|
            | `setup.sh` | runs it once, when it builds the image: installs Swift \(swiftVersion), builds the course in release mode (a few minutes) |
            | `run_autograder` | runs it for every submission: grades each `exerciseN.swift` found in the upload, writes `/autograder/results/results.json` |
            | `source/` | the course, without its solutions and tests; Gradescope puts it in `/autograder/source` |

            ## Uploading it

            1. Make the zip from inside this folder, so that `setup.sh` and `run_autograder` are at
               the top of the zip (Gradescope looks for them there):

                   cd '\(folder.standardizedFileURL.path)'
                   zip -r ../autograder.zip setup.sh run_autograder source

            2. In Gradescope, open the course, then **Assignments → Create Assignment →
               Programming Assignment**. Give it a name and set **Total points** to \(formatNumber(points))
               (the sum of the \(exercises.count) exercises' points, hidden checks included). Under
               submission options, leave "Enable manual grading" off unless you also grade by hand.
            3. On the assignment's **Configure Autograder** page choose **Zip file upload**, base
               image **Ubuntu 22.04**, upload `autograder.zip`, and press **Update Autograder**.
               Wait until the build log says the image is built (setup.sh takes a few minutes).
            4. Press **Test Autograder** and upload a file, for instance a solved `exercise1.swift`:
               the results list one test per check, and the exercises not uploaded as "Not
               submitted".
            5. Tell students to upload their files \(exercises.count > 2 ? "\(exercises.first!).swift … \(exercises.last!).swift" : exercises.map { $0 + ".swift" }.joined(separator: ", "))
               as they are named in `exercises/`, loose or in a folder. A file with another name
               (`Exercise5.swift`, `exercise05.swift`) is not graded, and the results say so, with
               the name it should have.

            Hidden checks are marked `after_published`: students see their points and names once
            you publish the grades. To change the checks, edit the course, commit, and make a new
            autograder with `course gradescope`; upload it the same way (Gradescope can regrade
            the existing submissions with **Regrade All Submissions**).

            """
    }
}
