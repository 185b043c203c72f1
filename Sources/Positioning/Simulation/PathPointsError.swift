/// A path file that cannot be read: which file, which line, what is wrong.
public struct PathPointsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name as given.
    public var file: String
    /// The 1-based line, when one line is at fault.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// `walk.csv:7: expected …`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
