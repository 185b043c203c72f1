/// A span of one day, in seconds after midnight: an auditor's working hours (when the first leg
/// starts and the last visit must end) or an appointment's window (when the visit must begin).
public struct TimeWindow: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Seconds after midnight the span starts.
    public var start: Double
    /// Seconds after midnight the span ends.
    public var end: Double

    /// Creates a span; `end` must come after `start`.
    public init(start: Double, end: Double) {
        precondition(end > start, "a time window ends after it starts")
        self.start = start
        self.end = end
    }

    /// Working hours 08:00–16:30.
    public static let standard = TimeWindow(start: 8 * 3600, end: 16.5 * 3600)

    /// Seconds from start to end.
    public var length: Double { end - start }

    /// Why a time window text was refused.
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
        guard end > start else { throw ParseError(description: "\"\(text)\": the end must come after the start") }
        self.init(start: start, end: end)
    }

    /// `HH:MM` as seconds after midnight, or nil.
    public static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60 else { return nil }
        return Double(hours * 3600 + minutes * 60)
    }

    /// `HH:MM–HH:MM`.
    public var description: String { Self.clock(start) + "–" + Self.clock(end) }

    /// Seconds after midnight as `HH:MM` (rounded to the minute).
    public static func clock(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
