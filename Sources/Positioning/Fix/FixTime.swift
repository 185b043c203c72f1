import Foundation

/// When a fix was taken: the UTC time of day, and the day when the source told it.
///
/// NMEA GGA and GLL carry only the time of day; RMC adds the date. A fix whose epoch had no date
/// still has a time of day, so it can be ordered and paced, but no absolute ``date``.
public struct FixTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since midnight UTC, 0 ..< 86,400, with the receiver's fraction.
    public var secondsOfDay: Double
    /// The UTC day, when known.
    public var day: UTCDay?

    /// Creates a time from its parts.
    public init(secondsOfDay: Double, day: UTCDay?) {
        self.secondsOfDay = secondsOfDay
        self.day = day
    }

    /// The time of an absolute instant (GPX, gpsd).
    public init(_ date: Date) {
        let day = UTCDay(containing: date)
        self.init(secondsOfDay: date.timeIntervalSince(day.start), day: day)
    }

    /// The absolute instant, when the day is known.
    public var date: Date? {
        day.map { $0.start.addingTimeInterval(secondsOfDay) }
    }

    /// Seconds from `earlier` to `self`: exact when both days are known, else by time of day only.
    public func seconds(since earlier: FixTime) -> Double {
        if let date, let other = earlier.date { return date.timeIntervalSince(other) }
        return secondsOfDay - earlier.secondsOfDay
    }

    /// ISO 8601 (`2019-04-07T00:03:45.030Z`) with a day, else `00:03:45.030Z`.
    public var description: String {
        // Clamped so 23:59:59.9996 prints as 23:59:59.999, never as 24:00:00.000 of the same day.
        let total = min(86_399_999, max(0, Int((secondsOfDay * 1000).rounded())))
        let millis = total % 1000
        let seconds = total / 1000
        let clock = String(format: "%02d:%02d:%02d.%03dZ", seconds / 3600, seconds / 60 % 60, seconds % 60, millis)
        return day.map { "\($0)T\(clock)" } ?? clock
    }

    /// Orders by absolute time when both days are known, else by time of day.
    public static func < (lhs: FixTime, rhs: FixTime) -> Bool {
        lhs.seconds(since: rhs) < 0
    }
}
