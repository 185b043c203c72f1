import Shared
import TextUI

/// The form for a visit's outcome and note.
public struct VisitForm: Hashable, Sendable {
    /// The outcomes in the order the form lists them.
    public static let outcomes = VisitOutcome.allCases

    /// The index of the chosen outcome in ``outcomes``.
    public var choice = 0
    /// The note typed so far.
    public var note = LineEditor()

    /// An empty form with the first outcome chosen.
    public init() {}

    /// The chosen outcome.
    public var outcome: VisitOutcome { Self.outcomes[choice] }

    /// Moves the choice by `step`, wrapping around.
    public mutating func move(_ step: Int) {
        choice = (choice + step + Self.outcomes.count) % Self.outcomes.count
    }
}
