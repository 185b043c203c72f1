import Shared

/// Where a key binding applies: a screen, or a text field being typed into.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    /// On every screen (unless typing).
    case everywhere
    /// The Today list.
    case today
    /// While typing a search on the Today list.
    case search
    /// A record.
    case record
    /// While editing a field of a record.
    case editing
    /// While recording a visit.
    case visit
    /// While adding a hazard to a visit.
    case hazard
    /// The map.
    case map
    /// The help screen.
    case help

    /// The heading help lists the context's keys under, in `language`.
    public func title(in language: Language) -> String {
        switch self {
        case .everywhere: language.localized("tablet.keys.context.everywhere")
        case .today: language.localized("tablet.keys.context.today")
        case .search: language.localized("tablet.keys.context.search")
        case .record: language.localized("tablet.keys.context.record")
        case .editing: language.localized("tablet.keys.context.editing")
        case .visit: language.localized("tablet.keys.context.visit")
        case .hazard: language.localized("tablet.keys.context.hazard")
        case .map: language.localized("tablet.keys.context.map")
        case .help: language.localized("tablet.keys.context.help")
        }
    }
}
