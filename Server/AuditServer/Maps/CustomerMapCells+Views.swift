import Shared

extension CustomerMapCells {
    /// Whether the cells can answer `selection`: a box narrowed by county and status at most (and
    /// that county a real one, not the name of the rows of every county).
    static func answer(_ selection: CustomerSelection) -> Bool {
        selection.polygon == nil && selection.feeder == nil && selection.transformer == nil && selection.auditor == nil
            && selection.workOrder == nil && selection.visitedSince == nil && selection.county != everyCounty
    }

    /// The coarsest level whose cells are at most `microdegrees` across (the finest when none is).
    static func level(forCellsOf microdegrees: Double) -> Int {
        levels.lastIndex { Double($0) <= microdegrees } ?? 0
    }

    /// Whether the selection's box holds more than `threshold` customers, by the cells that
    /// overlap it (whole cells at the edges, so a little more): first the few cells at most the
    /// box across, which settle a wide view at once (a whole province is a few dozen rows, not
    /// every county's cells twice over); only when those hold under `wideMargin` times the
    /// threshold, the finer cells at most a quarter of the box across.
    static func exceeds(_ threshold: Int, _ selection: CustomerSelection, in db: any StoreConnection) throws -> Bool {
        let across = (selection.box.east - selection.box.west) * 1e6
        let coarse = try count(selection, level: level(forCellsOf: across), in: db)
        if coarse <= threshold { return false }
        if coarse > threshold.multipliedReportingOverflow(by: wideMargin).partialValue { return true }
        return try count(selection, level: level(forCellsOf: across / 4), in: db) > threshold
    }

    /// How far over the threshold the coarse cells must count to settle a view without the fine ones.
    static let wideMargin = 16

    private static func count(_ selection: CustomerSelection, level: Int, in db: any StoreConnection) throws -> Int {
        try cells(selection, level: level, in: db).reduce(0) { $0 + $1.customers }
    }

    /// A cell's customers of one status.
    struct Count {
        var status: String
        var customers: Int
        var sumLatitude: Double
        var sumLongitude: Double
    }

    /// The customers of the selection's county and status per cell of `level` overlapping its box.
    static func cells(_ selection: CustomerSelection, level: Int, in db: any StoreConnection) throws -> [Count] {
        let box = selection.box
        let (south, west) = cell(GeoPoint(latitude: box.south, longitude: box.west), level: level)
        let (north, east) = cell(GeoPoint(latitude: box.north, longitude: box.east), level: level)
        // Each row of cells its own index seek (cy IN …, then a range of cx), not one range over
        // cy that reads every cell across the province in those rows; a view of more rows than a
        // list should hold (a sliver far taller than wide) takes the range.
        let rows = Array(south...north)
        let byRow = rows.count <= 1_000
        var clauses = ["level = ?", byRow ? "cy IN (\(SQLList.placeholders(rows.count)))" : "cy BETWEEN ? AND ?", "cx BETWEEN ? AND ?", "customers > 0"]
        var arguments: [StoreValue] = [Int64(level).storeValue] + (byRow ? rows : [south, north]).map(\.storeValue) + [west, east].map(\.storeValue)
        // A view of every county reads their rows together where the level has them, else each county's.
        if let county = selection.county {
            clauses.append("county = ?")
            arguments.append(county.storeValue)
        } else {
            clauses.append(everyCountyLevels.contains(level) ? "county = ?" : "county <> ?")
            arguments.append(everyCounty.storeValue)
        }
        if let status = selection.status {
            clauses.append("status = ?")
            arguments.append(status.rawValue.storeValue)
        }
        return try db.rows("""
            SELECT status, CAST(SUM(customers) AS BIGINT), SUM(sum_lat), SUM(sum_lon) FROM customer_map_cells
            WHERE \(clauses.joined(separator: " AND ")) GROUP BY cy, cx, status
            """, StoreArguments(arguments))
            .map { Count(status: $0[0], customers: Int($0[1] as Int64), sumLatitude: $0[2], sumLongitude: $0[3]) }
    }
}
