import Foundation

/// A date of the proleptic Gregorian calendar, counted in days since 1970-01-01, written
/// `YYYY-MM-DD`. Days of a plan are calendar days; Saturdays and Sundays are not worked.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var number: Int

    /// The day `number` days after 1970-01-01.
    public init(number: Int) {
        self.number = number
    }

    /// The day of `year`, `month`, `day` (no check that the day exists in the month).
    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146_097 + doe - 719_468
    }

    /// Reads `YYYY-MM-DD`; nil when it is not a real date.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1 else { return nil }
        self.init(year: year, month: month, day: day)
        guard self.parts == (year, month, day) else { return nil }
    }

    /// The year, month and day.
    public var parts: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day `date` falls on in `timeZone` (default: the machine's).
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Today, in the machine's time zone.
    public static var today: CalendarDay { CalendarDay(Date()) }

    /// The next day.
    public var next: CalendarDay { CalendarDay(number: number + 1) }

    /// The weekday's English name.
    public var weekday: String {
        ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"][((number % 7) + 7) % 7]
    }

    /// Whether auditors work that day: Monday to Friday.
    public var isWorkingDay: Bool { weekday != "Saturday" && weekday != "Sunday" }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = parts
        return "\(year)-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Earlier days first.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.number < rhs.number }
}
