import Shared
import TextUI

/// The form for one hazard found during a visit: its type from the list, its severity and a
/// description. ↑/↓ change the part in focus (type or severity), Tab moves the focus, typed text
/// is the description.
public struct HazardForm: Hashable, Sendable {
    /// The parts chosen from a list.
    public enum Part: Hashable, Sendable {
        case type, severity
    }

    /// The types in the order the form lists them.
    public static let types = HazardType.allCases
    /// The severities in the order the form lists them, from the least.
    public static let severities = HazardSeverity.allCases
    /// The rows the form takes on screen.
    public static let height = 4

    /// The index of the chosen type in ``types``.
    public var type = 0
    /// The index of the chosen severity in ``severities`` (medium to start with).
    public var severity = 1
    /// The description typed so far.
    public var description = LineEditor()
    /// The part ↑/↓ change.
    public var focus = Part.type
    /// Set when Enter was pressed without a description: the form says what is missing.
    public var isIncomplete = false

    /// An empty form: the first type, medium severity, no description.
    public init() {}

    /// Moves the choice in focus by `step`, wrapping around.
    public mutating func move(_ step: Int) {
        switch focus {
        case .type: type = (type + step + Self.types.count) % Self.types.count
        case .severity: severity = (severity + step + Self.severities.count) % Self.severities.count
        }
    }

    /// Moves the focus to the other part.
    public mutating func toggleFocus() { focus = focus == .type ? .severity : .type }

    /// What was found, once it has a description; `nil` (and the form marked incomplete) before.
    public mutating func finding() -> TerminalStore.HazardFinding? {
        let text = description.text.trimmingCharacters(in: .whitespaces)
        isIncomplete = text.isEmpty
        return text.isEmpty ? nil : TerminalStore.HazardFinding(type: Self.types[type], severity: Self.severities[severity], description: text)
    }
}
