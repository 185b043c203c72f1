import Shared
import TextUI

/// Where a customer of today's work stands, as the Today list, the map and the counts group it.
///
/// Every status has its own symbol, so it never rests on colour alone.
public enum StopStatus: String, CaseIterable, Sendable {
    /// Not visited yet.
    case pending
    /// Visited and found true, or found missing or closed (verified, not-found, no-access).
    case visited
    /// Visited and corrected.
    case corrected
    /// A field of the customer is in conflict.
    case conflict

    /// The status of a work-list stop: a conflict first, then the latest visit's outcome.
    public init(_ stop: WorkList.Stop) {
        if stop.conflict { self = .conflict; return }
        switch stop.outcome {
        case nil: self = .pending
        case "corrected": self = .corrected
        default: self = .visited
        }
    }

    /// The symbol used in lists, counts, the legend and on the map.
    public var symbol: String {
        switch self {
        case .pending: return "○"
        case .visited: return "✓"
        case .corrected: return "✎"
        case .conflict: return "!"
        }
    }

    /// The status's name in `language`, as counts, filter and legend show it.
    public func label(in language: Language) -> String {
        switch self {
        case .pending: language.localized("tablet.status.pending")
        case .visited: language.localized("tablet.status.visited")
        case .corrected: language.localized("tablet.status.corrected")
        case .conflict: language.localized("tablet.status.conflict")
        }
    }

    /// The status's style: grey pending, green visited, cyan corrected, bold red conflict.
    public var style: Style {
        switch self {
        case .pending: return Style(foreground: .ansi(3), bold: true)
        case .visited: return Style(foreground: .ansi(2))
        case .corrected: return Style(foreground: .ansi(6))
        case .conflict: return Style(foreground: .ansi(1), bold: true)
        }
    }
}
