/// One row of a CSV file: its cells, and the line of the file where it starts.
public struct CSVRow: Hashable, Sendable {
    /// The 1-based physical line where the row starts, as an editor numbers it.
    ///
    /// A row whose quoted cells hold line breaks spans several lines; this is the first of them,
    /// and the rows after it keep the line numbers an editor shows.
    public var line: Int
    /// The cells, left to right, unquoted: `"a ""b"""` reads as `a "b"`.
    public var fields: [String]

    /// Creates a row.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
