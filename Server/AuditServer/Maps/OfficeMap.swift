import Foundation
import Shared

/// The office map's queries over `customer_map`: what a viewport shows, and which customers a
/// cut of work takes. The CLI and the console call these same functions.
public struct OfficeMap: Sendable {
    /// At most this many customers are drawn one by one; more become clusters.
    public static let defaultMarkerLimit = 1_000
    /// The cluster grid has this many cells across the view.
    public static let gridColumns = 24

    /// Views of more customers than this (by the cells' estimate) are clustered from the cells.
    public static let defaultCellThreshold = 5_000

    let database: any ServerStore
    let markerLimit: Int
    let cellThreshold: Int

    /// Queries the store `database`; views of more than `markerLimit` customers are clustered,
    /// from the stored cells beyond `cellThreshold`.
    public init(database: any ServerStore, markerLimit: Int = OfficeMap.defaultMarkerLimit, cellThreshold: Int = OfficeMap.defaultCellThreshold) {
        self.database = database
        self.markerLimit = markerLimit
        self.cellThreshold = cellThreshold
    }

    /// What the viewport `selection` shows: its customers one by one when at most the marker
    /// limit; clusters counted from the rows themselves up to the cell threshold, from
    /// the cells beyond (``CustomerMapCells``: whole cells at the view's edge, so the total of a
    /// wide view is close, not exact) when the selection names no filter but county and status.
    public func view(_ selection: CustomerSelection) throws -> MapView {
        try Self.check(selection)
        let (condition, arguments) = selection.condition
        return try database.read { db in
            let auditors = try AuditorPositionTable.positions(inside: selection.box, in: db)
                .filter { selection.auditor == nil || $0.auditor == selection.auditor }
            if CustomerMapCells.answer(selection), try CustomerMapCells.exceeds(cellThreshold, selection, in: db) {
                let clusters = Self.clusters(selection, counts: try Self.cellCounts(selection, in: db))
                return MapView(clusters: clusters, total: clusters.reduce(0) { $0 + $1.count }, auditors: auditors)
            }
            let rows = try db.rows("""
                SELECT id, lat, lon, \(MapStatus.sql) FROM customer_map WHERE \(condition) ORDER BY id LIMIT \(markerLimit + 1)
                """, arguments)
            let markers = rows.map { MapView.Marker(id: $0[0], lat: $0[1], lon: $0[2], status: MapStatus(rawValue: $0[3]) ?? .pending) }
                .filter { selection.contains(GeoPoint(latitude: $0.lat, longitude: $0.lon)) }
            if rows.count <= markerLimit { return MapView(markers: markers, total: markers.count, auditors: auditors) }
            let clusters = Self.clusters(selection, counts: try Self.rowCounts(selection, condition: condition, arguments: arguments, in: db))
            return MapView(clusters: clusters, total: clusters.reduce(0) { $0 + $1.count }, auditors: auditors)
        }
    }

    /// The view's grid: its cell size and south-west corner, in whole microdegrees (so integer
    /// division floors on both stores).
    private static func grid(_ box: GeoBox) -> (cell: Int64, south: Int64, west: Int64) {
        (max(Int64(((box.east - box.west) / Double(gridColumns)) * 1e6), 1),
         Int64((box.south * 1e6).rounded(.down)), Int64((box.west * 1e6).rounded(.down)))
    }

    /// The view's customers counted per grid cell and status, from the rows.
    private static func rowCounts(_ selection: CustomerSelection, condition: String, arguments: StoreArguments,
                                  in db: any StoreConnection) throws -> [(cell: [Int64], count: CustomerMapCells.Count)] {
        let (cell, south, west) = grid(selection.box)
        return try db.rows("""
            SELECT (CAST(lat * 1000000 AS BIGINT) - ?) / ? AS gy, (CAST(lon * 1000000 AS BIGINT) - ?) / ? AS gx,
                   \(MapStatus.sql) AS status, COUNT(*), SUM(lat), SUM(lon)
            FROM customer_map WHERE \(condition) GROUP BY gy, gx, status
            """, StoreArguments([south, cell, west, cell].map(\.storeValue) + arguments.values))
            .map { ([$0[0], $0[1]], CustomerMapCells.Count(status: $0[2], customers: $0[3], sumLatitude: $0[4], sumLongitude: $0[5])) }
    }

    /// The view's customers counted per grid cell and status, from the stored cells of the
    /// coarsest level at most twice the grid's cell across (a few hundred to a few thousand rows
    /// for any view), each put in the grid cell of its customers' mean position (those whose mean
    /// lies outside the view are left out).
    private static func cellCounts(_ selection: CustomerSelection, in db: any StoreConnection) throws -> [(cell: [Int64], count: CustomerMapCells.Count)] {
        let (cell, south, west) = grid(selection.box)
        let level = CustomerMapCells.level(forCellsOf: Double(cell) * 2)
        return try CustomerMapCells.cells(selection, level: level, in: db).compactMap { count in
            let mean = GeoPoint(latitude: count.sumLatitude / Double(count.customers), longitude: count.sumLongitude / Double(count.customers))
            guard selection.box.contains(mean) else { return nil }
            return ([(Int64((mean.latitude * 1e6).rounded(.down)) - south) / cell, (Int64((mean.longitude * 1e6).rounded(.down)) - west) / cell], count)
        }
    }

    /// Counts per grid cell and status, gathered into one cluster per grid cell.
    private static func clusters(_ selection: CustomerSelection, counts: [(cell: [Int64], count: CustomerMapCells.Count)]) -> [MapView.Cluster] {
        var cells: [[Int64]: (count: Int, lat: Double, lon: Double, statuses: [String: Int])] = [:]
        for (key, count) in counts {
            var entry = cells[key] ?? (0, 0, 0, [:])
            entry.count += count.customers
            entry.lat += count.sumLatitude
            entry.lon += count.sumLongitude
            entry.statuses[count.status, default: 0] += count.customers
            cells[key] = entry
        }
        return cells.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { _, entry in
            MapView.Cluster(lat: entry.lat / Double(entry.count), lon: entry.lon / Double(entry.count), count: entry.count, statuses: entry.statuses)
        }
    }

    /// Refuses (400 `invalid_selection`) a selection out of range.
    static func check(_ selection: CustomerSelection) throws {
        do { try selection.validate() } catch { throw APIError(status: 400, code: "invalid_selection", detail: "\(error)") }
    }

    /// The box around every customer with a position, where the map opens; `nil` when none has one.
    public func extent() throws -> GeoBox? {
        try database.read { db in
            guard let row = try db.row("SELECT MIN(lat), MIN(lon), MAX(lat), MAX(lon) FROM customer_map WHERE lat IS NOT NULL"),
                  let south: Double = row[0], let west: Double = row[1], let north: Double = row[2], let east: Double = row[3] else { return nil }
            return GeoBox(south: south, west: west, north: north, east: east)
        }
    }

    /// A customer a cut of work takes.
    public struct Site: Sendable {
        public var id: String
        public var point: GeoPoint
        public var county: String?
    }

    /// The customers a cut of work takes (inside the polygon, when one is drawn), sorted by id.
    public func customers(_ selection: CustomerSelection) throws -> [Site] {
        try Self.check(selection)
        let (condition, arguments) = selection.condition
        return try database.read { db in
            try db.rows("SELECT id, lat, lon, county FROM customer_map WHERE \(condition) ORDER BY id", arguments)
                .map { Site(id: $0[0], point: GeoPoint(latitude: $0[1], longitude: $0[2]), county: $0[3]) }
                .filter { selection.contains($0.point) }
        }
    }
}
