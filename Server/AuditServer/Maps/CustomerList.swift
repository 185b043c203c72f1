import Shared

/// The console's list of customers: pages in id order, narrowed by the map's filters (with or
/// without the map's box), each row with what the office needs to pick a customer out. A page is an index walk from the cursor, never a count of the province.
public struct CustomerList: Sendable {
    /// The most rows one page holds.
    public static let maximumPageSize = 500
    /// Matches are counted up to this many; beyond it the list says "more than".
    public static let countLimit = 10_000

    let database: any ServerStore

    /// Lists the customers of `database`.
    public init(database: any ServerStore) { self.database = database }

    /// One customer in the list.
    public struct Row: Sendable, Encodable, Equatable {
        public var id: String
        public var account: String
        public var name: String
        public var address: String?
        public var county: String?
        public var feeder: String?
        public var transformer: String?
        public var status: MapStatus
        /// The latest visit's time, when visited.
        public var visitedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, account, name, address, county, feeder, transformer, status
            case visitedAt = "visited_at"
        }
    }

    /// A page of the list.
    public struct Page: Sendable, Encodable {
        public var rows: [Row]
        /// The cursor of the next page (its `after`), `nil` on the last.
        public var next: String?
        /// How many customers match, counted up to ``CustomerList/countLimit``.
        public var matching: Int
        /// Whether more than that match.
        public var more: Bool
    }

    /// The page of customers of `selection` (its box and filters; a polygon is not taken) after
    /// the id `after`: at most `size` rows.
    public func page(_ selection: CustomerSelection, after: String? = nil, size: Int = 50) throws -> Page {
        try OfficeMap.check(selection)
        guard (1...Self.maximumPageSize).contains(size) else {
            throw APIError(status: 400, code: "invalid_limit", detail: "a page holds 1 to \(Self.maximumPageSize) customers")
        }
        let (condition, arguments) = selection.condition
        return try database.read { db in
            let rows = try db.rows("""
                SELECT id, county, feeder, transformer, \(MapStatus.sql), visited_at FROM customer_map
                WHERE \(condition) AND id > ? ORDER BY id LIMIT \(size + 1)
                """, StoreArguments(arguments.values + [(after ?? "").storeValue]))
            let shown = Array(rows.prefix(size))
            let states = try RecordTable.load(shown.map { RecordKey(kind: .customer, id: $0[0]) }, in: db)
            let counted = try db.value(Int.self, "SELECT COUNT(*) FROM (SELECT 1 FROM customer_map WHERE \(condition) LIMIT \(Self.countLimit + 1)) AS matching",
                                       arguments) ?? 0
            return Page(rows: shown.map { row in
                            let customer = states[RecordKey(kind: .customer, id: row[0])].map(Customer.init)
                            return Row(id: row[0], account: customer?.account ?? "", name: customer?.name ?? "", address: customer?.address,
                                       county: row[1], feeder: row[2], transformer: row[3], status: MapStatus(rawValue: row[4]) ?? .pending,
                                       visitedAt: row[5])
                        },
                        next: rows.count > size ? shown.last.map { $0[0] } : nil,
                        matching: min(counted, Self.countLimit), more: counted > Self.countLimit)
        }
    }
}
