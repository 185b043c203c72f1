import Foundation

/// What `route --days` prints about a day plan: per day the tour summary (``TourSummary``) with
/// the day's number, start, finish and arrival times; the stops that fit no day; planning time.
public struct DayPlanSummary: Encodable, Sendable {
    /// One day.
    public struct Day: Encodable, Sendable {
        /// 1 for today.
        public let day: Int
        /// The day's tour.
        public let tour: TourSummary
        /// When the day starts, `HH:MM`.
        public let start: String
        /// When the last visit ends, `HH:MM`.
        public let finish: String
        /// When each stop is reached, `HH:MM`, in visiting order.
        public let arrivals: [String]

        enum CodingKeys: String, CodingKey {
            case day, start, finish, arrivals
        }

        /// The tour's keys and the day's, in one object.
        public func encode(to encoder: any Encoder) throws {
            try tour.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(day, forKey: .day)
            try container.encode(start, forKey: .start)
            try container.encode(finish, forKey: .finish)
            try container.encode(arrivals, forKey: .arrivals)
        }
    }

    /// The days, today first.
    public let days: [Day]
    /// Ids of the stops that fit no day.
    public let unplannable: [String]
    /// Planning time in milliseconds.
    public let planMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case days, unplannable
        case planMilliseconds = "plan_ms"
    }

    /// Summarises `plan`.
    public init(plan: DayPlan) {
        days = plan.days.enumerated().map { index, day in
            Day(day: index + 1, tour: TourSummary(tour: day.tour), start: ShiftHours.clock(plan.shift.start),
                finish: ShiftHours.clock(day.finish), arrivals: day.arrivals.map(ShiftHours.clock))
        }
        unplannable = plan.unplannable.map(\.id)
        planMilliseconds = plan.planningTime.milliseconds
    }

    /// `{"days": [{"day": 1, "start": "08:00", "finish": "15:42", "arrivals": [...], "order": [...], "legs_m": [...], …}], "unplannable": [...], "plan_ms": N}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Today's tour as a table, then one line per remaining day and the stops that fit no day.
    public var table: String {
        guard let today = days.first else {
            return unplannable.isEmpty ? "nothing to plan" : "no stop fits a working day: " + unplannable.joined(separator: ", ")
        }
        var lines = ["today (day 1 of \(days.count)), \(today.start)–\(today.finish):", today.tour.table]
        if days.count > 1 {
            lines.append("\(days.count - 1) more day(s):")
            for day in days.dropFirst() {
                lines.append("  day \(day.day): \(day.tour.order.count) stops, \(day.start)–\(day.finish), \(Int((day.tour.totalMetres / 1000).rounded())) km")
            }
        }
        if !unplannable.isEmpty { lines.append("fit no working day (too far or too long): " + unplannable.joined(separator: ", ")) }
        lines.append(String(format: "planned in %.0f ms", planMilliseconds))
        return lines.joined(separator: "\n")
    }
}
