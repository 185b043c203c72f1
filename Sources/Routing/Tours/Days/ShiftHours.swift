/// An auditor's working hours: when the day's first leg starts and when the last visit must end,
/// in seconds after midnight.
public struct ShiftHours: Sendable, Equatable {
    /// Seconds after midnight the day starts.
    public var start: Double
    /// Seconds after midnight the last visit must end.
    public var end: Double

    /// Creates working hours; `end` must come after `start`.
    public init(start: Double, end: Double) {
        precondition(end > start, "a shift ends after it starts")
        self.start = start
        self.end = end
    }

    /// 08:00–16:30.
    public static let standard = ShiftHours(start: 8 * 3600, end: 16.5 * 3600)

    /// Seconds of work in the day.
    public var length: Double { end - start }

    /// Why a shift text was refused.
    public struct ParseError: Error, CustomStringConvertible {
        /// What is wrong, in words.
        public var description: String
    }

    /// Reads `HH:MM-HH:MM`, e.g. `08:00-16:30`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 2, let start = Self.seconds(parts[0]), let end = Self.seconds(parts[1]) else {
            throw ParseError(description: "\"\(text)\": expected HH:MM-HH:MM, as in 08:00-16:30")
        }
        guard end > start else { throw ParseError(description: "\"\(text)\": the shift must end after it starts") }
        self.init(start: start, end: end)
    }

    /// `HH:MM` as seconds after midnight, or nil.
    public static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60 else { return nil }
        return Double(hours * 3600 + minutes * 60)
    }

    /// Seconds after midnight as `HH:MM` (rounded to the minute).
    public static func clock(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
