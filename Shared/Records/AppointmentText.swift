/// The written form of an appointment, `YYYY-MM-DD HH:MM-HH:MM` (a real date, then a window of
/// two 24-hour clock times, the start before the end; `24:00` ends a day): the one reader behind
/// the customer's `appointment` field rule (``FieldRule/appointment``) and the day planner's
/// appointments (Routing).
public struct AppointmentText: Sendable, Equatable {
    /// The date's year, month (1–12) and day of the month.
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight the window starts and ends.
    public var startMinute: Int
    public var endMinute: Int

    /// Why a text is not an appointment.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// Not `YYYY-MM-DD HH:MM-HH:MM` with a real date and real clock times.
        case shape(String)
        /// The window does not end after it starts.
        case emptyWindow(String)

        public var description: String {
            switch self {
            case .shape(let text): "\"\(text)\": expected YYYY-MM-DD HH:MM-HH:MM, as in 2026-12-03 10:00-11:30"
            case .emptyWindow(let text): "\"\(text)\": the end must come after the start"
            }
        }
    }

    /// Reads `text` (one or more spaces between the date and the window).
    public init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let date = FieldRule.parseDate(String(parts[0])),
              case let clocks = parts[1].split(separator: "-"), clocks.count == 2,
              let start = Self.minutes(clocks[0]), let end = Self.minutes(clocks[1]) else { throw .shape(text) }
        guard start < end else { throw .emptyWindow(text) }
        (year, month, day) = (date.year!, date.month!, date.day!)
        (startMinute, endMinute) = (start, end)
    }

    /// `HH:MM` (two digits each, up to 24:00) as minutes after midnight, or nil.
    private static func minutes(_ clock: Substring) -> Int? {
        let fields = clock.split(separator: ":")
        guard clock.utf8.count == 5, fields.count == 2, let hours = Int(fields[0]), let minutes = Int(fields[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 24 * 60 else { return nil }
        return hours * 60 + minutes
    }
}
