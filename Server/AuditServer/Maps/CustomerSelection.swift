import Foundation
import Shared

/// Which customers a map view or a cut of work takes: those inside a box (and, when given, a
/// polygon), narrowed by county, feeder, transformer, status, auditor or work order.
public struct CustomerSelection: Sendable, Equatable, Decodable {
    public var box: GeoBox
    /// A polygon inside the box (at least three corners), for a cut drawn by hand.
    public var polygon: [GeoPoint]?
    public var county: String?
    public var feeder: String?
    public var transformer: String?
    public var status: MapStatus?
    /// Customers of this auditor's work orders.
    public var auditor: String?
    public var workOrder: String?
    /// Customers visited on or after this day (`YYYY-MM-DD`, UTC): today's visits.
    public var visitedSince: String?
    /// Whether the box is left out: every customer, with a position or not (the customer list).
    public var anywhere = false

    enum CodingKeys: String, CodingKey {
        case box, polygon, county, feeder, transformer, status, auditor
        case workOrder = "work_order"
        case visitedSince = "visited_since"
    }

    /// Every customer of a box.
    public init(box: GeoBox) { self.box = box }

    /// Every customer, with a position or not: the customer list without the map's box.
    public static var everyCustomer: CustomerSelection {
        var selection = CustomerSelection(box: GeoBox(south: -90, west: -180, north: 90, east: 180))
        selection.anywhere = true
        return selection
    }

    /// The selection a map request's query names: `bbox=S,W,N,E` and the optional filters. With
    /// `boxRequired` false a query without `bbox` selects customers `anywhere`.
    init(query: [String: String], boxRequired: Bool = true) throws(ValidationError) {
        self = !boxRequired && query["bbox"].nonEmpty == nil ? .everyCustomer : CustomerSelection(box: try GeoBox(parsing: query["bbox"] ?? ""))
        county = query["county"].nonEmpty
        feeder = query["feeder"].nonEmpty
        transformer = query["transformer"].nonEmpty
        auditor = query["auditor"].nonEmpty
        workOrder = query["work_order"].nonEmpty
        visitedSince = query["visited_since"].nonEmpty
        if let text = query["status"].nonEmpty {
            guard let status = MapStatus(rawValue: text) else {
                throw ValidationError(field: "status", rule: "must be one of " + MapStatus.allCases.map(\.rawValue).joined(separator: ", "), value: text)
            }
            self.status = status
        }
    }

    /// Refuses boxes and corners out of range or inside out (a decoded body is checked here), and
    /// polygons too small or too large to mean anything.
    func validate() throws(ValidationError) {
        _ = try GeoBox(parsing: "\(box.south),\(box.west),\(box.north),\(box.east)")
        if let visitedSince, visitedSince.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            throw ValidationError(field: "visited_since", rule: "must be a day YYYY-MM-DD", value: visitedSince)
        }
        guard let polygon else { return }
        for corner in polygon { _ = try GeoPoint.validated(latitude: corner.latitude, longitude: corner.longitude, field: "polygon") }
        guard (3...500).contains(polygon.count) else {
            throw ValidationError(field: "polygon", rule: "must have 3 to 500 corners", value: "\(polygon.count) corners")
        }
    }

    /// The WHERE clause over `customer_map` and its arguments.
    var condition: (sql: String, arguments: StoreArguments) {
        var clauses = anywhere ? ["1 = 1"] : ["lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"]
        var arguments: [StoreValue] = anywhere ? [] : [box.south, box.north, box.west, box.east].map(\.storeValue)
        for (column, value) in [("county", county), ("feeder", feeder), ("transformer", transformer)] {
            guard let value else { continue }
            clauses.append("\(column) = ?")
            arguments.append(value.storeValue)
        }
        if let status {
            clauses.append("\(MapStatus.sql) = ?")
            arguments.append(status.rawValue.storeValue)
        }
        if let auditor {
            clauses.append("id IN (SELECT c.customer FROM work_order_customers c JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?)")
            arguments.append(auditor.storeValue)
        }
        if let visitedSince {
            clauses.append("visited_at >= ?")
            arguments.append(visitedSince.storeValue)
        }
        if let workOrder {
            clauses.append("id IN (SELECT customer FROM work_order_customers WHERE work_order = ?)")
            arguments.append(workOrder.storeValue)
        }
        return (clauses.joined(separator: " AND "), StoreArguments(arguments))
    }

    /// Whether `point` lies inside the polygon (every point does when there is none): even-odd rule.
    func contains(_ point: GeoPoint) -> Bool {
        guard let polygon, polygon.count >= 3 else { return true }
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.latitude > point.latitude) != (b.latitude > point.latitude),
               point.longitude < (b.longitude - a.longitude) * (point.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}

extension Optional where Wrapped == String {
    /// The text, or `nil` when absent or blank.
    var nonEmpty: String? {
        guard let text = self?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
