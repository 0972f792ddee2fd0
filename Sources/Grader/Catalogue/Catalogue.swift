import Foundation
import CourseKit
import Perceptron
import ShallowNetworks
import XOR
import Backpropagation
import Convolution
import SelfAttention

/// Every exercise and lesson of the course, in order.
public enum Catalogue {
    /// The exercises, in order.
    public static let exercises: [Exercise] = [
        exercise1, exercise2, exercise3, exercise4, exercise5, exercise6, exercise7, exercise8,
        exercise9, exercise10, exercise11, exercise12, exercise13, exercise14, exercise15,
    ]

    /// The lessons that `course run` shows.
    public static let lessons: [any LiveLesson.Type] = [Lesson1.self, Lesson2.self, Lesson3.self, Lesson4.self, Lesson5.self, Lesson6.self]

    /// Returns the exercise named `exerciseN`, if there is one.
    public static func exercise(named name: String) -> Exercise? {
        exercises.first { $0.id == name }
    }

    /// Returns the lesson named `lessonN`, if there is one.
    public static func lesson(named name: String) -> (any LiveLesson.Type)? {
        lessons.first { "lesson\($0.number)" == name }
    }
}

extension Catalogue {
    /// Returns the text of a lesson, `lessons/lessonN-<slug>.md`, if the workspace has it.
    public static func lessonFile(_ lesson: any LiveLesson.Type, in workspace: Workspace?) -> URL? {
        guard let workspace else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.lessonsFolder.path)) ?? []
        return names.sorted().first { $0.hasPrefix("lesson\(lesson.number)-") && $0.hasSuffix(".md") }
            .map { workspace.lessonsFolder.appendingPathComponent($0) }
    }
}
