extension MultiRowInsert {
    /// An insert that adds the values of `adding` to a row whose `conflictColumns` are taken:
    /// counters kept per key. Rows that share a key must be summed into one by the caller.
    init(into table: String, _ columns: [String], onConflict conflictColumns: [String], adding: [String]) {
        self.table = table
        self.columns = columns
        self.conflictColumns = conflictColumns
        keepsFirst = false
        suffix = " ON CONFLICT (\(conflictColumns.joined(separator: ", "))) DO UPDATE SET "
            + adding.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
    }
}
