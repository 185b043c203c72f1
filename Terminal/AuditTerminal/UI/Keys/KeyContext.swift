/// Where a key binding applies: a screen, or a text field being typed into.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    /// On every screen (unless typing).
    case everywhere = "Everywhere"
    /// The Today list.
    case today = "Today"
    /// While typing a search on the Today list.
    case search = "Search (typing)"
    /// A record.
    case record = "Record"
    /// While editing a field of a record.
    case editing = "Editing a field"
    /// While recording a visit.
    case visit = "Recording a visit"
    /// The map.
    case map = "Map"
    /// The help screen.
    case help = "Help"
}
