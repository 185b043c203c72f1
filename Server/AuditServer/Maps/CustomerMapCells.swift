import Shared

/// `customer_map_cells`: the map's customers counted on fixed grids, per county and status, so
/// that a view of a whole county or province is a few hundred rows, not a scan of a million.
///
/// Each level is a grid of square cells (``levels``, in microdegrees: about 55 m to 230 km). A
/// cell keeps how many customers of a county and status lie in it and the sums of their
/// coordinates (their mean is where its cluster is drawn), and on the coarser levels again for
/// every county at once (``everyCounty``), so that a wide view of many counties reads one row per
/// cell and status, not one per county (a province of a hundred counties that share its towns).
/// Every change of a `customer_map` row
/// moves its customer out of its old cell and status and into its new ones
/// (``update(before:after:in:)``); rows that fall to zero stay and are never read.
enum CustomerMapCells {
    /// Cell sizes in microdegrees, finest first, each four times the one before.
    static let levels: [Int64] = [500, 2_000, 8_000, 32_000, 128_000, 512_000, 2_048_000]

    /// The table, in SQL both stores take.
    static let schema = [
        """
        CREATE TABLE customer_map_cells (
            level INTEGER NOT NULL,         -- index into CustomerMapCells.levels
            cy BIGINT NOT NULL,             -- (lat + 90) in microdegrees / cell size
            cx BIGINT NOT NULL,             -- (lon + 180) in microdegrees / cell size
            county TEXT NOT NULL,           -- '' for none, '*' for every county together
            status TEXT NOT NULL,           -- a MapStatus
            customers BIGINT NOT NULL,
            sum_lat DOUBLE PRECISION NOT NULL,
            sum_lon DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (level, cy, cx, county, status)
        )
        """,
    ]

    /// The county of the rows that count every county's customers together (no county code has it).
    static let everyCounty = "*"

    /// The levels that have rows of every county together: from cells of about 900 m. The finer
    /// ones serve narrow views, whose few cells hold few counties; leaving them out keeps an import
    /// from writing twice the rows (most of a chunk's rows are on the two finest levels).
    static let everyCountyLevels = 2..<levels.count

    /// Adds the rows of every county together to a table whose rows count each county alone
    /// (the migration that brings them).
    static let addEveryCounty = """
        INSERT INTO customer_map_cells (level, cy, cx, county, status, customers, sum_lat, sum_lon)
        SELECT level, cy, cx, '\(everyCounty)', status, SUM(customers), SUM(sum_lat), SUM(sum_lon) FROM customer_map_cells
        WHERE county <> '\(everyCounty)' AND level >= \(everyCountyLevels.lowerBound) GROUP BY level, cy, cx, status
        """

    /// What a cell counts of one customer's map row.
    struct Placed: Equatable {
        var county: String
        var status: String
        var point: GeoPoint
    }

    /// The placed map rows of `ids` (those with a position), read before and after a change.
    static func placed(_ ids: [String], in db: any StoreConnection) throws -> [String: Placed] {
        var placed: [String: Placed] = [:]
        for slice in SQLList.slices(ids) {
            let rows = try db.rows("""
                SELECT id, county, \(MapStatus.sql), lat, lon FROM customer_map
                WHERE id IN (\(SQLList.placeholders(slice.count))) AND lat IS NOT NULL AND lon IS NOT NULL
                """, StoreArguments(slice.map(\.storeValue)))
            for row in rows {
                placed[row[0]] = Placed(county: (row[1] as String?) ?? "", status: row[2], point: GeoPoint(latitude: row[3], longitude: row[4]))
            }
        }
        return placed
    }

    /// Moves every customer whose placed row changed from `before` to `after` between cells.
    static func update(before: [String: Placed], after: [String: Placed], in db: any StoreConnection) throws {
        var deltas: [CellKey: (customers: Int64, lat: Double, lon: Double)] = [:]
        func add(_ placed: Placed, _ sign: Int64) {
            for level in levels.indices {
                for county in everyCountyLevels.contains(level) ? [placed.county, everyCounty] : [placed.county] {
                    let key = CellKey(level: level, cell: cell(placed.point, level: level), county: county, status: placed.status)
                    var delta = deltas[key] ?? (0, 0, 0)
                    delta.customers += sign
                    delta.lat += Double(sign) * placed.point.latitude
                    delta.lon += Double(sign) * placed.point.longitude
                    deltas[key] = delta
                }
            }
        }
        for id in Set(before.keys).union(after.keys) where before[id] != after[id] {
            if let old = before[id] { add(old, -1) }
            if let new = after[id] { add(new, 1) }
        }
        let rows = deltas.filter { $0.value.customers != 0 }.sorted { $0.key < $1.key }.map { key, delta -> [StoreValue] in
            [Int64(key.level).storeValue, key.cell.y.storeValue, key.cell.x.storeValue, key.county.storeValue, key.status.storeValue,
             delta.customers.storeValue, delta.lat.storeValue, delta.lon.storeValue]
        }
        try upsert.execute(rows, in: db)
    }

    private static let upsert = MultiRowInsert(into: "customer_map_cells", ["level", "cy", "cx", "county", "status", "customers", "sum_lat", "sum_lon"],
                                               onConflict: ["level", "cy", "cx", "county", "status"], adding: ["customers", "sum_lat", "sum_lon"])

    /// Counts every placed customer of `customer_map` (the migration that starts the table).
    static func fill(in db: any StoreConnection) throws {
        var after = ""
        while true {
            let ids = try db.values(String.self, "SELECT id FROM customer_map WHERE id > ? ORDER BY id LIMIT 5000", [after])
            guard let last = ids.last else { return }
            try update(before: [:], after: try placed(ids, in: db), in: db)
            after = last
        }
    }

    /// The cell of `point` on level `level`.
    static func cell(_ point: GeoPoint, level: Int) -> (y: Int64, x: Int64) {
        let size = levels[level]
        return (Int64(((point.latitude + 90) * 1e6).rounded(.down)) / size, Int64(((point.longitude + 180) * 1e6).rounded(.down)) / size)
    }

    /// A cell of one level, county and status.
    struct CellKey: Hashable, Comparable {
        var level: Int
        var cell: (y: Int64, x: Int64)
        var county: String
        var status: String

        static func == (a: CellKey, b: CellKey) -> Bool {
            (a.level, a.cell.y, a.cell.x, a.county, a.status) == (b.level, b.cell.y, b.cell.x, b.county, b.status)
        }
        static func < (a: CellKey, b: CellKey) -> Bool {
            (a.level, a.cell.y, a.cell.x, a.county, a.status) < (b.level, b.cell.y, b.cell.x, b.county, b.status)
        }
        func hash(into hasher: inout Hasher) {
            hasher.combine(level); hasher.combine(cell.y); hasher.combine(cell.x); hasher.combine(county); hasher.combine(status)
        }
    }
}
