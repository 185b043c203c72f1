import Foundation

/// What `route --days` prints about a day plan: per day the tour summary (``TourSummary``) with
/// the day's number, date, start, finish and visit times; the stops that fit no day; the
/// appointments that cannot be kept, with the reason; planning time.
public struct DayPlanSummary: Encodable, Sendable {
    /// One day.
    public struct Day: Encodable, Sendable {
        /// 1 for the first day with visits.
        public let day: Int
        /// `YYYY-MM-DD`.
        public let date: String
        /// The day's tour.
        public let tour: TourSummary
        /// When the day starts, `HH:MM`.
        public let start: String
        /// When the last visit ends, `HH:MM`.
        public let finish: String
        /// When each visit begins, `HH:MM`, in visiting order.
        public let arrivals: [String]

        enum CodingKeys: String, CodingKey {
            case day, date, start, finish, arrivals
        }

        /// The tour's keys and the day's, in one object.
        public func encode(to encoder: any Encoder) throws {
            try tour.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(day, forKey: .day)
            try container.encode(date, forKey: .date)
            try container.encode(start, forKey: .start)
            try container.encode(finish, forKey: .finish)
            try container.encode(arrivals, forKey: .arrivals)
        }
    }

    /// The days, today first.
    public let days: [Day]
    /// Ids of the stops that fit no day.
    public let unplannable: [String]
    /// Appointments that cannot be kept.
    public let missed: [Missed]

    /// An appointment that cannot be kept.
    public struct Missed: Encodable, Sendable {
        /// The stop's id.
        public let id: String
        /// Why, in words.
        public let reason: String
    }
    /// Planning time in milliseconds.
    public let planMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case days, unplannable, missed
        case planMilliseconds = "plan_ms"
    }

    /// Summarises `plan`.
    public init(plan: DayPlan) {
        days = plan.days.enumerated().map { index, day in
            Day(day: index + 1, date: day.date.description, tour: TourSummary(tour: day.tour), start: TimeWindow.clock(plan.shift.start),
                finish: TimeWindow.clock(day.finish), arrivals: day.arrivals.map(TimeWindow.clock))
        }
        unplannable = plan.unplannable.map(\.id)
        missed = plan.missed.map { Missed(id: $0.stop.id, reason: $0.reason) }
        planMilliseconds = plan.planningTime.milliseconds
    }

    /// `{"days": [{"day": 1, "date": "2026-12-02", "start": "08:00", "finish": "15:42", "arrivals": [...], "order": [...], "legs_m": [...], …}],
    /// "unplannable": [...], "missed": [{"id": …, "reason": …}], "plan_ms": N}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Today's tour as a table, then one line per remaining day and the stops that fit no day.
    public var table: String {
        var lines: [String] = []
        if let today = days.first {
            lines += ["\(today.date) (day 1 of \(days.count)), \(today.start)–\(today.finish):", today.tour.table]
        } else {
            lines.append("no visit planned")
        }
        if days.count > 1 {
            lines.append("\(days.count - 1) more day(s):")
            for day in days.dropFirst() {
                lines.append("  day \(day.day), \(day.date): \(day.tour.order.count) stops, \(day.start)–\(day.finish), \(Int((day.tour.totalMetres / 1000).rounded())) km")
            }
        }
        if !unplannable.isEmpty { lines.append("fit no working day (too far or too long): " + unplannable.joined(separator: ", ")) }
        for appointment in missed { lines.append("appointment not kept: \(appointment.id): \(appointment.reason)") }
        lines.append(String(format: "planned in %.0f ms", planMilliseconds))
        return lines.joined(separator: "\n")
    }
}
