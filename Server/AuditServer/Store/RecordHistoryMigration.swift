import Shared

/// The migration that started record histories and the account directory, the same on both
/// stores: each stored record's current entries become its first history row (what came before
/// was never kept), and each customer's account number goes into `customer_accounts`.
enum RecordHistoryMigration {
    static func run(in db: any StoreConnection) throws {
        var after = (kind: "", id: "")
        while true {
            let rows = try db.rows("SELECT kind, id, state, seq FROM records WHERE (kind, id) > (?, ?) ORDER BY kind, id LIMIT 5000",
                                   [after.kind, after.id])
            guard let last = rows.last else { return }
            let saves = try rows.map { row in (write: RecordWrite(state: try RecordTable.decode(row[2]), previous: nil), seq: row[3] as Int64) }
            try RecordHistory.append(saves, author: nil, in: db)
            for state in saves.map(\.write.state) {
                if state.kind == .customer, let account = state.text("account") {
                    try db.execute("INSERT INTO customer_accounts (account, customer) VALUES (?, ?) ON CONFLICT DO NOTHING", [account, state.id])
                }
            }
            after = (last[0], last[1])
        }
    }
}
