/// One `INSERT` of many rows: a batch of saves costs a statement per table, not one per row.
///
/// How the rows travel is the store's (``StoreConnection/insert(_:rows:)``): SQLite takes
/// multi-row `VALUES` statements (``valuesStatements(_:)``), each binding at most
/// ``maximumArguments`` values (SQLite takes 32,766), so a large batch goes out in several;
/// PostgreSQL takes one statement over an array per column, whatever the batch's size. An upsert
/// names its conflict key (`conflictColumns`): of rows with the same key in one batch only the one
/// that row-by-row inserts would leave is sent (the last that updates, the first that does
/// nothing), since PostgreSQL refuses to update one row twice in a statement.
public struct MultiRowInsert: Sendable {
    /// The most values one statement binds.
    static let maximumArguments = 30_000

    let table: String
    let columns: [String]
    /// The columns of the conflict key, `nil` for a plain insert.
    let conflictColumns: [String]?
    /// What follows the rows: an `ON CONFLICT` clause, a `RETURNING` list, or nothing.
    let suffix: String
    /// Whether the statement returns rows (a `RETURNING` list), which the caller waits for.
    var returnsRows = false
    /// Whether a conflicting row is left as it is (`DO NOTHING`) rather than updated.
    let keepsFirst: Bool

    /// A plain insert.
    init(into table: String, _ columns: [String], returning: [String] = []) {
        self.table = table
        self.columns = columns
        conflictColumns = nil
        keepsFirst = false
        suffix = returning.isEmpty ? "" : " RETURNING " + returning.joined(separator: ", ")
        returnsRows = !returning.isEmpty
    }

    /// An insert that, on a row whose `conflictColumns` are taken, sets `updating` (all but the key
    /// when `nil` and nothing is added) and adds the values of `adding` to what the row holds
    /// (counters kept per key: rows that share a key must then be summed into one by the caller),
    /// or leaves that row as it is when both are empty.
    init(into table: String, _ columns: [String], onConflict conflictColumns: [String], updating: [String]? = nil, adding: [String] = []) {
        self.table = table
        self.columns = columns
        self.conflictColumns = conflictColumns
        let updated = updating ?? (adding.isEmpty ? columns.filter { !conflictColumns.contains($0) } : [])
        let assignments = updated.map { "\($0) = excluded.\($0)" } + adding.map { "\($0) = \(table).\($0) + excluded.\($0)" }
        keepsFirst = assignments.isEmpty
        let action = assignments.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + assignments.joined(separator: ", ")
        suffix = " ON CONFLICT (\(conflictColumns.joined(separator: ", "))) \(action)"
    }

    /// Inserts `rows` (values in column order). On PostgreSQL the statement may still be running
    /// when this returns: a failure comes from the next statement that waits, or at commit.
    func execute(_ rows: [[StoreValue]], in db: any StoreConnection) throws {
        let rows = try checked(unique(rows))
        guard !rows.isEmpty else { return }
        _ = try db.insert(self, rows: rows)
    }

    /// Inserts `rows` and returns what the `RETURNING` list gave, in no particular order.
    func returningRows(_ rows: [[StoreValue]], in db: any StoreConnection) throws -> [StoreRow] {
        let rows = try checked(unique(rows))
        guard !rows.isEmpty else { return [] }
        return try db.insert(self, rows: rows)
    }

    /// The multi-row `VALUES` statements that insert `rows`, with `?` placeholders: how SQLite
    /// takes them (and any store without a way of its own).
    func valuesStatements(_ rows: [[StoreValue]]) -> [(sql: String, arguments: StoreArguments)] {
        let width = columns.count
        let perStatement = max(1, Self.maximumArguments / width)
        let placeholders = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        return stride(from: 0, to: rows.count, by: perStatement).map { start in
            let slice = rows[start..<min(start + perStatement, rows.count)]
            let sql = head + Array(repeating: placeholders, count: slice.count).joined(separator: ", ") + suffix
            return (sql, StoreArguments(slice.flatMap { $0 }))
        }
    }

    /// Runs ``valuesStatements(_:)`` on `db`, returning what the `RETURNING` list gave.
    func insertAsValues(_ rows: [[StoreValue]], in db: any StoreConnection) throws -> [StoreRow] {
        try valuesStatements(rows).flatMap { statement -> [StoreRow] in
            if returnsRows { return try db.rows(statement.sql, statement.arguments) }
            try db.execute(statement.sql, statement.arguments)
            return []
        }
    }

    private func checked(_ rows: [[StoreValue]]) throws -> [[StoreValue]] {
        guard rows.allSatisfy({ $0.count == columns.count }) else {
            throw StoreError("\(table): rows of \(Set(rows.map(\.count)).sorted()) values for \(columns.count) columns")
        }
        return rows
    }

    /// `rows` with only one of those sharing a conflict key (the first or the last: see
    /// ``keepsFirst``), in the order of those kept.
    private func unique(_ rows: [[StoreValue]]) -> [[StoreValue]] {
        guard let conflictColumns else { return rows }
        let key = conflictColumns.compactMap { columns.firstIndex(of: $0) }
        var kept: [[StoreValue]: Int] = [:]
        for (index, row) in rows.enumerated() where !keepsFirst || kept[key.map { row[$0] }] == nil {
            kept[key.map { row[$0] }] = index
        }
        guard kept.count < rows.count else { return rows }
        return rows.enumerated().filter { index, row in kept[key.map { row[$0] }] == index }.map(\.element)
    }
}
