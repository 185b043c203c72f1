/// A CSV file that cannot be read as RFC 4180 CSV in UTF-8, with the line a person should look at.
///
/// Only ``Reason/unterminatedQuote`` ends the file (see ``isFatal``): after any other error,
/// ``CSVReader/nextRow()`` goes on with the next row.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Hashable, Sendable {
        /// A quoted cell opens and its closing quote never comes; the rest of the file is swallowed.
        case unterminatedQuote
        /// A cell's bytes are not UTF-8 (often a file saved as GBK or Windows-1252).
        case invalidUTF8
        /// Text follows a quoted cell's closing quote, as in `"12" pipe"`.
        case textAfterClosingQuote
        /// An unquoted cell holds a quote, as in `12" pipe`.
        case quoteInUnquotedField
    }

    /// The 1-based physical line of the problem: where the bad quote opened, or the line holding
    /// the bad byte or character.
    public var line: Int
    /// The 1-based physical line where the row holding the problem starts.
    public var rowLine: Int
    /// The 1-based position of the cell in its row.
    public var column: Int
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    public init(line: Int, rowLine: Int, column: Int, reason: Reason) {
        self.line = line
        self.rowLine = rowLine
        self.column = column
        self.reason = reason
    }

    /// Whether the reader stops at this error: only an unterminated quote, which swallows the rest of the file.
    public var isFatal: Bool { reason == .unterminatedQuote }

    /// The problem phrased for a person, without the line or cell: it says what to fix.
    public var message: String {
        switch reason {
        case .unterminatedQuote:
            return "a quoted cell starts here but its closing quote (\") never comes"
        case .invalidUTF8:
            return "is not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"
        case .textAfterClosingQuote:
            return "text follows the closing quote; a quote inside a quoted cell must be doubled (\"\")"
        case .quoteInUnquotedField:
            return "holds a quote but does not start with one; enclose the cell in quotes and double the quote (\"\")"
        }
    }

    /// For example: `line 12, cell 3: a quoted cell starts here but its closing quote (") never comes`.
    public var description: String { "line \(line), cell \(column): \(message)" }
}
