import Foundation

/// What `audit-server route` and `audit-terminal route` print about a tour: the order of the
/// stops, each leg's length and travel time, the totals, and how long planning took.
public struct TourSummary: Encodable, Sendable {
    /// Stop ids in visiting order.
    public let order: [String]
    /// Length of each leg in metres, to a decimetre.
    public let legsMetres: [Double]
    /// Travel time of each leg in seconds, to a second.
    public let legsSeconds: [Double]
    /// Length of the whole path in metres.
    public let totalMetres: Double
    /// Travel time of the whole path in seconds.
    public let travelSeconds: Double
    /// Time spent at the stops in seconds.
    public let serviceSeconds: Double
    /// Travel and service time in seconds: how long the tour takes.
    public let totalSeconds: Double
    /// Planning time in milliseconds.
    public let planMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case order
        case legsMetres = "legs_m"
        case legsSeconds = "legs_s"
        case totalMetres = "total_m"
        case travelSeconds = "travel_s"
        case serviceSeconds = "service_s"
        case totalSeconds = "total_s"
        case planMilliseconds = "plan_ms"
    }

    /// Summarises `tour`.
    public init(tour: Tour) {
        order = tour.stops.map(\.id)
        legsMetres = tour.legs.map { ($0.length * 10).rounded() / 10 }
        legsSeconds = tour.legs.map { $0.time.rounded() }
        totalMetres = (tour.length * 10).rounded() / 10
        travelSeconds = tour.time.rounded()
        serviceSeconds = tour.serviceTime.rounded()
        totalSeconds = tour.duration.rounded()
        planMilliseconds = tour.planningTime.milliseconds
    }

    /// `{"legs_m": [...], "legs_s": [...], "order": [...], "plan_ms": N, "service_s": N, "total_m": N, "total_s": N, "travel_s": N}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A table a person reads: one line per stop with the leg's metres and minutes and the running
    /// totals, then the totals.
    public var table: String {
        var lines = [" # | stop                 |  leg (m) | leg (min) | total (m)", "---+----------------------+----------+-----------+----------"]
        var total = 0.0
        for (index, (id, (leg, seconds))) in zip(order, zip(legsMetres, legsSeconds)).enumerated() {
            total += leg
            let name = id.count >= 20 ? id : id + String(repeating: " ", count: 20 - id.count)
            lines.append(String(format: "%2d | ", index + 1) + name + String(format: " | %8.0f | %9.1f | %9.0f", leg, seconds / 60, total))
        }
        lines.append(String(format: "%d stops, %.0f m; %.0f min travelling + %.0f min at the stops = %.0f min; planned in %.0f ms",
                            order.count, totalMetres, travelSeconds / 60, serviceSeconds / 60, totalSeconds / 60, planMilliseconds))
        return lines.joined(separator: "\n")
    }
}

extension Duration {
    /// The duration in milliseconds, to a tenth.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
    }
}
