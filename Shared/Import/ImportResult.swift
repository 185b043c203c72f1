/// What an import read from a file: the good rows as records, and every refused row.
public struct ImportResult<Record: AuditRecord>: Sendable {
    /// The rows that passed every rule, as records, in file order.
    public var records: [ImportedRecord<Record>]
    /// Every problem found, in file order. A row with several bad cells has one problem per cell;
    /// a header problem means no row was read.
    public var problems: [ImportProblem]
    /// The fields the file's columns cover. Importing writes only these, so a file with a few
    /// columns corrects those fields and leaves every other field as it was.
    public var fields: Set<String> = []

    /// Creates a result.
    public init(records: [ImportedRecord<Record>] = [], problems: [ImportProblem] = []) {
        self.records = records
        self.problems = problems
    }

    /// Whether the whole file was read without a problem.
    public var isClean: Bool { problems.isEmpty }
}

extension ImportResult: Equatable {}

/// A record read from one row of a file, with the line where the row starts.
public struct ImportedRecord<Record: AuditRecord>: Sendable, Equatable {
    /// The 1-based physical line where the row starts.
    public var line: Int
    /// The record the row describes.
    public var record: Record

    /// Creates an imported record.
    public init(line: Int, record: Record) {
        self.line = line
        self.record = record
    }
}
