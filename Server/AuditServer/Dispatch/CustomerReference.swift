import Shared

/// Customers as people name them: by customer id or by account number, wherever a command or the
/// console takes a customer.
enum CustomerReference {
    /// The customer id `text` names: a stored customer's id, else the one customer with that account.
    /// - Returns: `nil` when no customer has that id or account.
    /// - Throws: `409 ambiguous_account` when several customers share the account (a data error
    ///   the office must fix; the ids are named).
    static func resolve(_ text: String, in db: any StoreConnection) throws -> String? {
        if try RecordPlacement.placed(RecordKey(kind: .customer, id: text), in: db) != nil { return text }
        let ids = try db.values(String.self, "SELECT customer FROM customer_accounts WHERE account = ? ORDER BY customer", [text])
        guard ids.count <= 1 else {
            throw APIError(status: 409, code: "ambiguous_account",
                           detail: "account \(text) belongs to several customers: \(ids.joined(separator: ", ")); name one by its id")
        }
        return ids.first
    }

    /// The customer ids of `texts`, in order.
    /// - Throws: `404 not_found` naming those that match no customer.
    static func resolveAll(_ texts: [String], in db: any StoreConnection) throws -> [String] {
        var ids: [String] = [], unknown: [String] = []
        for text in texts {
            if let id = try resolve(text, in: db) { ids.append(id) } else { unknown.append(text) }
        }
        guard unknown.isEmpty else {
            throw APIError.notFound("no customer with id or account " + unknown.prefix(10).joined(separator: ", ") + (unknown.count > 10 ? " …" : ""))
        }
        return ids
    }
}
