/// The points of the hidden checks that a student version leaves out, by exercise, so that
/// its reports can say how many points the instructor still grades.
///
/// Empty in the instructor's course, where every check is present: `course export` writes
/// this file anew in the student version, with the points it withheld.
public enum WithheldPoints {
    public static let byExercise: [String: Double] = [:]

    /// The hidden points of an exercise that this copy of the course cannot grade.
    public static func of(_ exercise: Exercise) -> Double { byExercise[exercise.id] ?? 0 }
}
