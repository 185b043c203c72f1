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
            for row in rows {
                let state = try RecordTable.decode(row[2])
                try RecordHistory.append(state, previous: nil, seq: row[3], author: nil, in: db)
                if state.kind == .customer, let account = state.text("account") {
                    try db.execute("INSERT INTO customer_accounts (account, customer) VALUES (?, ?) ON CONFLICT DO NOTHING", [account, state.id])
                }
            }
            after = (last[0], last[1])
        }
    }
}
