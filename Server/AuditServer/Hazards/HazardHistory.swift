import Foundation
import Shared

/// A hazard's life as its record history keeps it: each move to a state (and each new plan in the
/// same state), oldest first, with who took it, when, and what the hazard's office fields were
/// right after it.
///
/// Read from ``RecordHistory``, so it holds every step whoever took it: the finder's and the
/// re-inspecting auditor's tablets, and the office (the CLI and the console alike).
public struct HazardHistory: Sendable, Equatable {
    /// One step: the state it led to, who and when, and the office fields right after it.
    public struct Step: Sendable, Equatable, Encodable {
        /// The state the step led to.
        public var state: HazardState
        /// Who took it (`state_by`): an auditor, an office user, or `shell:NAME`.
        public var by: String
        /// When they took it (`state_at`), ISO 8601 UTC.
        public var at: String
        /// The writer's clock when it was stored, in milliseconds: what ``HazardHistory/asOf(_:)`` compares.
        public var stampMs: UInt64
        public var owner: String?
        public var due: String?
        public var reinspectionOrder: String?
        public var reinspectionBy: String?
        public var reinspectionDue: String?
        public var reinspectionResult: String?
        public var reinspectionNotes: String?

        /// The date this step's state is due (as ``Hazard/currentDue``).
        public var currentDue: String? {
            switch state {
            case .rectificationPlanned: due
            case .reinspectionScheduled: reinspectionDue
            case .found, .rectified, .reinspected, .reopened, .closed: nil
            }
        }
    }

    /// The steps, in the order they were stored.
    public var steps: [Step]

    /// The last step stored before `milliseconds` (the writer's clock): where the hazard stood
    /// then; `nil` when it had not been found yet.
    public func asOf(_ milliseconds: UInt64) -> Step? {
        steps.last { $0.stampMs < milliseconds }
    }

    /// The history of the hazard `key` as `db` keeps it.
    static func read(_ key: RecordKey, in db: any StoreConnection) throws -> HazardHistory {
        var fields: [String: String] = [:]
        var steps: [Step] = []
        for save in try RecordHistory.saves(of: key, in: db) {
            var moved = false
            var stamp: UInt64 = 0
            for entry in save.entries {
                fields[entry.field] = entry.value.isEmpty ? nil : entry.value
                guard entry.field == "state" || entry.field == "state_at" else { continue }
                moved = true
                stamp = max(stamp, entry.stampMs)
            }
            guard moved, let state = fields["state"].flatMap(HazardState.init(rawValue:)) else { continue }
            steps.append(Step(state: state, by: fields["state_by"] ?? save.author ?? "", at: fields["state_at"] ?? "", stampMs: stamp,
                              owner: fields["owner"], due: fields["due"], reinspectionOrder: fields["reinspection_order"],
                              reinspectionBy: fields["reinspection_by"], reinspectionDue: fields["reinspection_due"],
                              reinspectionResult: fields["reinspection_result"], reinspectionNotes: fields["reinspection_notes"]))
        }
        return HazardHistory(steps: steps)
    }
}

extension HazardHistory.Step {
    /// What the step set, in words: the plan's owner and date, the re-inspection's auditor, date
    /// and work order, the re-inspection's result and notes; empty for the other steps.
    public func summary(in language: Language) -> String {
        let none = language.localized("hazards.no_due")
        switch state {
        case .rectificationPlanned:
            return language.localized("hazards.step.plan", ["owner": owner ?? "", "due": due ?? none])
        case .reinspectionScheduled:
            return language.localized("hazards.step.reinspect", ["auditor": reinspectionBy ?? "", "due": reinspectionDue ?? none,
                                                                  "order": reinspectionOrder ?? ""])
        case .reinspected, .reopened:
            let result = reinspectionResult.flatMap(ReinspectionResult.init(rawValue:))?.label(in: language) ?? ""
            return language.localized("hazards.step.result", ["result": result])
                + (reinspectionNotes.map { language.localized("hazards.step.notes", ["notes": $0]) } ?? "")
        case .found, .rectified, .closed:
            return ""
        }
    }
}
