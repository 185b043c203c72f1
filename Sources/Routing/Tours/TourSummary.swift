import Foundation

/// What `audit-server route` and `audit-terminal route` print about a tour: the order of the
/// stops, each leg's length, the total, and how long planning took.
public struct TourSummary: Encodable, Sendable {
    /// Stop ids in visiting order.
    public let order: [String]
    /// Length of each leg in metres, to a decimetre.
    public let legsMetres: [Double]
    /// Length of the whole path in metres.
    public let totalMetres: Double
    /// Travel time of the whole path in seconds, at the profile's speeds.
    public let totalSeconds: Double
    /// Planning time in milliseconds.
    public let planMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case order
        case legsMetres = "legs_m"
        case totalMetres = "total_m"
        case totalSeconds = "total_s"
        case planMilliseconds = "plan_ms"
    }

    /// Summarises `tour`.
    public init(tour: Tour) {
        order = tour.stops.map(\.id)
        legsMetres = tour.legs.map { ($0.length * 10).rounded() / 10 }
        totalMetres = (tour.length * 10).rounded() / 10
        totalSeconds = tour.time.rounded()
        let (seconds, attoseconds) = tour.planningTime.components
        planMilliseconds = ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
    }

    /// `{"legs_m": [...], "order": [...], "plan_ms": N, "total_m": N, "total_s": N}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A table a person reads: one line per stop with leg and running total, then the totals.
    public var table: String {
        var lines = [" # | stop                 |  leg (m) | total (m)", "---+----------------------+----------+----------"]
        var total = 0.0
        for (index, (id, leg)) in zip(order, legsMetres).enumerated() {
            total += leg
            let name = id.count >= 20 ? id : id + String(repeating: " ", count: 20 - id.count)
            lines.append(String(format: "%2d | ", index + 1) + name + String(format: " | %8.0f | %9.0f", leg, total))
        }
        lines.append(String(format: "%d stops, %.0f m, about %.0f min; planned in %.0f ms", order.count, totalMetres, totalSeconds / 60, planMilliseconds))
        return lines.joined(separator: "\n")
    }
}
