/// Why a graph file was refused.
public struct GraphFileError: Error, Equatable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// "FILE: reason".
    public var description: String { "\(file): \(reason)" }
}
