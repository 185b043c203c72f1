import Shared
import TextUI

/// The form for a visit's outcome and note, and the hazards found on site: each added through a
/// ``HazardForm`` and recorded with the visit, as its own record.
public struct VisitForm: Hashable, Sendable {
    /// The outcomes in the order the form lists them.
    public static let outcomes = VisitOutcome.allCases

    /// The index of the chosen outcome in ``outcomes``.
    public var choice = 0
    /// The note typed so far.
    public var note = LineEditor()
    /// The hazards added so far, recorded with the visit.
    public var hazards: [TerminalStore.HazardFinding] = []
    /// The hazard being added, while its form is open.
    public var hazard: HazardForm?

    /// An empty form with the first outcome chosen.
    public init() {}

    /// The chosen outcome.
    public var outcome: VisitOutcome { Self.outcomes[choice] }

    /// The rows the form takes on screen: outcome, note, the hazards added (when any) and the
    /// hint; the hazard's form instead while it is open.
    public var height: Int { hazard == nil ? (hazards.isEmpty ? 3 : 4) : HazardForm.height }

    /// Moves the choice by `step`, wrapping around.
    public mutating func move(_ step: Int) {
        choice = (choice + step + Self.outcomes.count) % Self.outcomes.count
    }

    /// Applies `command` to the form: choices, and adding a hazard (Enter adds it, Esc drops it).
    /// - Returns: whether the form took the command; recording or dropping the visit is the caller's.
    public mutating func perform(_ command: UICommand) -> Bool {
        if var form = hazard {
            switch command {
            case .previousChoice: form.move(-1)
            case .nextChoice: form.move(1)
            case .nextPart: form.toggleFocus()
            case .save:
                guard let finding = form.finding() else { break }
                hazards.append(finding)
                hazard = nil
                return true
            case .cancel:
                hazard = nil
                return true
            default: return false
            }
            hazard = form
            return true
        }
        switch command {
        case .previousChoice: move(-1)
        case .nextChoice: move(1)
        case .addHazard: hazard = HazardForm()
        default: return false
        }
        return true
    }

    /// Text typed into the form: the hazard's description while its form is open, else the note.
    public mutating func type(_ input: InputEvent) {
        if hazard != nil { _ = hazard?.description.handle(input) } else { _ = note.handle(input) }
    }
}
