/// A row (or the header) an import refused, with the line a person should look at.
public struct ImportProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 1-based physical line of the file where the refused row starts (or where the
    /// CSV format breaks, for a bad quote or bad UTF-8 inside a row spanning several lines).
    public var line: Int
    /// What is wrong, without the line: `account: must be 6 to 20 digits (got "12a")`.
    public var message: String

    /// Creates a problem.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// For example: `line 7: account: must be 6 to 20 digits (got "12a")`.
    public var description: String { "line \(line): \(message)" }
}
