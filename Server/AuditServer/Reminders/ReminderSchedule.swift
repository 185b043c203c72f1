import Foundation

/// When the rhythm's messages go out, in the office's time zone: the daily digest from
/// ``digestHour`` every day; the weekly summary from that hour on ``weeklyOn`` (and later in the
/// same week, should the server have been down then); the monthly one likewise from day
/// ``monthlyOn`` of the month. Each period is named by a stable label (`2026-12-03`, `2026-W49`,
/// `2026-12`) that goes into its messages' keys, so each goes once per period.
public struct ReminderSchedule: Sendable, Equatable {
    /// The office's time zone.
    public var timeZone: TimeZone
    /// The local hour (0–23) from which the day's messages go.
    public var digestHour: Int
    /// The ISO weekday of the weekly summary: 1 Monday … 7 Sunday.
    public var weeklyOn: Int
    /// The day of the month (1–28) of the monthly summary.
    public var monthlyOn: Int

    public init(timeZone: TimeZone, digestHour: Int = 18, weeklyOn: Int = 5, monthlyOn: Int = 28) {
        (self.timeZone, self.digestHour, self.weeklyOn, self.monthlyOn) = (timeZone, digestHour, weeklyOn, monthlyOn)
    }

    /// A period whose messages are due: its label, and its first and current local day (`YYYY-MM-DD`).
    public struct Period: Sendable, Equatable {
        public var label: String
        public var since: String
        public var today: String
    }

    /// The periods whose messages are due at `now` (milliseconds since 1970).
    public func due(at now: Int64) -> (day: Period?, week: Period?, month: Period?) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let date = Date(timeIntervalSince1970: Double(now) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .weekday, .weekOfYear, .yearForWeekOfYear], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, (parts.hour ?? 0) >= digestHour else { return (nil, nil, nil) }
        let today = Self.day(year, month, day)
        let isoWeekday = ((parts.weekday ?? 2) + 5) % 7 + 1  // Calendar: 1 Sunday … 7 Saturday
        var week: Period?
        if isoWeekday >= weeklyOn, let monday = calendar.date(byAdding: .day, value: 1 - isoWeekday, to: date) {
            let start = calendar.dateComponents([.year, .month, .day], from: monday)
            week = Period(label: String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? year, parts.weekOfYear ?? 1),
                          since: Self.day(start.year ?? year, start.month ?? month, start.day ?? day), today: today)
        }
        let monthly = day >= monthlyOn ? Period(label: String(format: "%04d-%02d", year, month), since: Self.day(year, month, 1), today: today) : nil
        return (Period(label: today, since: today, today: today), week, monthly)
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> String { String(format: "%04d-%02d-%02d", year, month, day) }
}
