import Foundation
import Routing

/// What `route` prints.
struct RouteSummary: Encodable {
    let order: [String]
    let legsMetres: [Double]
    let totalMetres: Double
    let totalSeconds: Double
    let planMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case order
        case legsMetres = "legs_m"
        case totalMetres = "total_m"
        case totalSeconds = "total_s"
        case planMilliseconds = "plan_ms"
    }

    init(tour: Tour) {
        order = tour.stops.map(\.id)
        legsMetres = tour.legs.map { ($0.length * 10).rounded() / 10 }
        totalMetres = (tour.length * 10).rounded() / 10
        totalSeconds = tour.time.rounded()
        let (seconds, attoseconds) = tour.planningTime.components
        planMilliseconds = ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 10).rounded() / 10
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    var table: String {
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
