/// `IN (…)` lists of placeholders, for looking up a batch's rows in one query.
enum SQLList {
    /// The most items one list binds: well inside both stores' limits on a statement's arguments.
    static let maximumItems = 5_000

    /// `?, ?, …`: `count` placeholders.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// `items` in slices of at most ``maximumItems``, one query each.
    static func slices<Item>(_ items: [Item]) -> [ArraySlice<Item>] {
        stride(from: 0, to: items.count, by: maximumItems).map { items[$0..<min($0 + maximumItems, items.count)] }
    }
}
