/// One `INSERT` of many rows, sent as multi-row `VALUES` statements: a batch of saves costs a
/// statement per table, not one per row, in the SQL both stores take.
///
/// A statement binds at most ``maximumArguments`` values (PostgreSQL takes 65,535, SQLite
/// 32,766), so a large batch goes out in several. An upsert names its conflict key
/// (`conflictColumns`): of rows with the same key in one batch only the one that row-by-row
/// inserts would leave is sent (the last that updates, the first that does nothing), since
/// PostgreSQL refuses to update one row twice in a statement.
struct MultiRowInsert {
    /// The most values one statement binds.
    static let maximumArguments = 30_000

    let table: String
    let columns: [String]
    /// The columns of the conflict key, `nil` for a plain insert.
    let conflictColumns: [String]?
    /// What follows `VALUES …`: an `ON CONFLICT` clause, a `RETURNING` list, or nothing.
    let suffix: String
    /// Whether a conflicting row is left as it is (`DO NOTHING`) rather than updated.
    let keepsFirst: Bool

    /// A plain insert.
    init(into table: String, _ columns: [String], returning: [String] = []) {
        self.table = table
        self.columns = columns
        conflictColumns = nil
        keepsFirst = false
        suffix = returning.isEmpty ? "" : " RETURNING " + returning.joined(separator: ", ")
    }

    /// An insert that updates `updating` (all but the key when `nil`) on a row whose
    /// `conflictColumns` are taken, or leaves that row as it is when `updating` is empty.
    init(into table: String, _ columns: [String], onConflict conflictColumns: [String], updating: [String]? = nil) {
        self.table = table
        self.columns = columns
        self.conflictColumns = conflictColumns
        let updated = updating ?? columns.filter { !conflictColumns.contains($0) }
        keepsFirst = updated.isEmpty
        let action = updated.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        suffix = " ON CONFLICT (\(conflictColumns.joined(separator: ", "))) \(action)"
    }

    /// Inserts `rows` (values in column order).
    func execute(_ rows: [[StoreValue]], in db: any StoreConnection) throws {
        for statement in try statements(unique(rows)) {
            try db.execute(statement.sql, statement.arguments)
        }
    }

    /// Inserts `rows` and returns what the `RETURNING` list gave for each statement's rows.
    func returningRows(_ rows: [[StoreValue]], in db: any StoreConnection) throws -> [StoreRow] {
        try statements(unique(rows)).flatMap { try db.rows($0.sql, $0.arguments) }
    }

    private func statements(_ rows: [[StoreValue]]) throws -> [(sql: String, arguments: StoreArguments)] {
        guard let width = rows.first?.count else { return [] }
        guard width == columns.count, rows.allSatisfy({ $0.count == width }) else {
            throw StoreError("\(table): rows of \(rows.map(\.count)) values for \(columns.count) columns")
        }
        let perStatement = max(1, Self.maximumArguments / width)
        let placeholders = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        return stride(from: 0, to: rows.count, by: perStatement).map { start in
            let slice = rows[start..<min(start + perStatement, rows.count)]
            let sql = head + Array(repeating: placeholders, count: slice.count).joined(separator: ", ") + suffix
            return (sql, StoreArguments(slice.flatMap { $0 }))
        }
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
