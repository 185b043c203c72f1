import Foundation
import Shared

/// A time agreed with a customer who was not found or could not let the auditor in: the visit
/// must begin on `date` within `window`. Written `YYYY-MM-DD HH:MM-HH:MM`.
public struct Appointment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The day of the visit.
    public var date: CalendarDay
    /// When the visit may begin.
    public var window: TimeWindow

    /// Creates an appointment.
    public init(date: CalendarDay, window: TimeWindow) {
        self.date = date
        self.window = window
    }

    /// Why an appointment text was refused.
    public struct ParseError: Error, CustomStringConvertible {
        /// What is wrong, in words.
        public var description: String
    }

    /// Reads `YYYY-MM-DD HH:MM-HH:MM`, e.g. `2026-12-03 10:00-11:30`, as the customer's
    /// `appointment` field rule does (``AppointmentText``).
    public init(parsing text: String) throws(ParseError) {
        let parsed: AppointmentText
        do { parsed = try AppointmentText(parsing: text) } catch { throw ParseError(description: error.description) }
        date = CalendarDay(year: parsed.year, month: parsed.month, day: parsed.day)
        window = TimeWindow(start: Double(parsed.startMinute * 60), end: Double(parsed.endMinute * 60))
    }

    /// `YYYY-MM-DD HH:MM–HH:MM`.
    public var description: String { "\(date) \(window)" }

    /// The text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text.replacingOccurrences(of: "–", with: "-")) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The text form, `YYYY-MM-DD HH:MM-HH:MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(date) \(TimeWindow.clock(window.start))-\(TimeWindow.clock(window.end))")
    }
}
