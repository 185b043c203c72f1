import ArgumentParser
import Foundation
import Routing
import Shared

/// The span a bulletin covers: a day, an ISO week (Monday to Sunday) or a calendar month, in UTC
/// days as every day of the server's reports (visits' and the plan's days are UTC too).
public struct BulletinPeriod: Hashable, Sendable, Codable {
    /// How long a period is.
    public enum Kind: String, CaseIterable, Sendable, Codable, ExpressibleByArgument {
        case day, week, month
    }

    public var kind: Kind
    /// The first day.
    public var start: CalendarDay
    /// The day after the last.
    public var end: CalendarDay

    /// The period of `kind` that contains `day`.
    public init(_ kind: Kind, containing day: CalendarDay) {
        self.kind = kind
        switch kind {
        case .day:
            start = day
            end = day.next
        case .week:
            // 1970-01-01 was a Thursday: Monday is 3 days before it.
            start = CalendarDay(number: day.number - ((day.number + 3) % 7 + 7) % 7)
            end = CalendarDay(number: start.number + 7)
        case .month:
            let (year, month, _) = day.parts
            start = CalendarDay(year: year, month: month, day: 1)
            end = month == 12 ? CalendarDay(year: year + 1, month: 1, day: 1) : CalendarDay(year: year, month: month + 1, day: 1)
        }
    }

    /// The period of `kind` that contains the UTC day of `date`.
    public init(_ kind: Kind, containing date: Date) {
        self.init(kind, containing: CalendarDay(date, in: .gmt))
    }

    /// The period of `kind` that contains the day `day` (`YYYY-MM-DD`); `nil` when it is not a date.
    public init?(_ kind: Kind, containing day: String) {
        guard let day = CalendarDay(parsing: day) else { return nil }
        self.init(kind, containing: day)
    }

    /// The last period of `kind` that has ended by `today`: yesterday, last week, last month.
    public static func lastComplete(_ kind: Kind, today: CalendarDay) -> BulletinPeriod {
        BulletinPeriod(kind, containing: BulletinPeriod(kind, containing: today).previous.start)
    }

    /// The period just before this one, of the same kind.
    public var previous: BulletinPeriod { BulletinPeriod(kind, containing: CalendarDay(number: start.number - 1)) }

    /// The last day.
    public var last: CalendarDay { CalendarDay(number: end.number - 1) }

    /// `YYYY-MM-DD` of the day `offset` days after the first.
    public func day(_ offset: Int) -> String { CalendarDay(number: start.number + offset).description }

    /// The first and the after-last millisecond since 1970 (UTC).
    public var milliseconds: Range<Int64> { Int64(start.number) * 86_400_000 ..< Int64(end.number) * 86_400_000 }

    /// Whether an ISO 8601 UTC time (`2026-11-18T09:00:00Z`) lies in the period.
    public func contains(time: String) -> Bool {
        let day = String(time.prefix(10))
        return day >= start.description && day < end.description
    }

    /// Whether a `YYYY-MM-DD` day lies in the period.
    public func contains(day: String) -> Bool { day >= start.description && day < end.description }

    /// The period's name for people: `2026-11-16 – 2026-11-22` with what kind it is.
    public func title(in language: Language, county: String?) -> String {
        let title = language.localized("bulletin.title.\(kind.rawValue)", ["start": start, "last": last])
        return county.map { title + language.localized("bulletin.title.county", ["county": $0]) } ?? title
    }

    /// The stem of the bulletin's files: `bulletin-week-2026-11-16`, `-COUNTY` added for a county.
    public func fileStem(county: String?) -> String {
        "bulletin-\(kind.rawValue)-\(start)" + (county.map { "-" + Self.fileSafe($0) } ?? "")
    }

    /// `text` with every character but letters, digits, `-` and `_` made `_`: a file name's part.
    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    enum CodingKeys: String, CodingKey { case kind, start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let text = try container.decode(String.self, forKey: .start)
        guard let start = CalendarDay(parsing: text) else {
            throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "not a day: \(text)")
        }
        self.init(kind, containing: start)
    }

    /// `{"kind": "week", "start": "2026-11-16", "end": "2026-11-22"}`: `end` is the last day.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(start.description, forKey: .start)
        try container.encode(last.description, forKey: .end)
    }
}
