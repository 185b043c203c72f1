import Foundation
import Shared

/// Hazards on the tablet: recorded during a visit, shown at a customer before the auditor knocks,
/// and re-inspected on a re-inspection stop. Each write goes through ``edit(_:_:)`` (record and
/// outbox entry in one transaction) and is sent on the next sync, where the server checks it.
extension TerminalStore {
    /// What an auditor saw: its type, severity and description.
    public struct HazardFinding: Sendable, Hashable {
        public var type: HazardType
        public var severity: HazardSeverity
        public var description: String

        public init(type: HazardType, severity: HazardSeverity, description: String) {
            self.type = type
            self.severity = severity
            self.description = description
        }
    }

    /// Records `finding` at the customer `reference` (an id or account number) in this tablet's
    /// auditor's name, found now at `position`, on `visit` when given.
    @discardableResult
    public func recordHazard(_ finding: HazardFinding, customer reference: String, position: GeoPoint? = nil,
                             visit: String? = nil, time: Date = Date()) throws -> Hazard {
        guard let customer = try find(reference), customer.kind == .customer else {
            throw TerminalError("no customer \(reference) on this tablet")
        }
        var hazard = Hazard(id: TypedID.mint(), type: finding.type, severity: finding.severity, description: finding.description,
                            customer: try TypedID(customer.id), foundBy: try identity().device.auditor, foundAt: time.formatted(.iso8601))
        hazard.position = position ?? customer.location("location")
        hazard.visit = try visit.map { text throws(ValidationError) in try TypedID(text) }
        let state = try edit(RecordKey(kind: .hazard, id: hazard.id.rawValue)) { state, writer in try writer.write(hazard, into: &state) }
        return Hazard(state)
    }

    /// Records `findings` found on `visit`: each at the visit's customer and position (the
    /// customer's site when the visit has none), in this tablet's auditor's name. The one way both
    /// `visit --hazard` and the UI's visit form record them.
    @discardableResult
    public func recordHazards(_ findings: [HazardFinding], on visit: AuditVisit) throws -> [Hazard] {
        try findings.map { try recordHazard($0, customer: visit.customer.rawValue, position: visit.fix, visit: visit.id.rawValue) }
    }

    /// The open hazards at the customer `customer` (an id), the most severe first.
    public func openHazards(atCustomer customer: String) throws -> [Hazard] {
        try records(.hazard).map(Hazard.init)
            .filter { $0.customer.rawValue == customer && $0.state.isOpen && !$0.retired }
            .sorted { ($1.severity, $0.foundAt) < ($0.severity, $1.foundAt) }
    }

    /// Records what the re-inspection of hazard `id` found, in this tablet's auditor's name: only
    /// while its re-inspection is scheduled for this auditor.
    @discardableResult
    public func recordReinspection(of id: String, result: ReinspectionResult, notes: String? = nil, time: Date = Date()) throws -> Hazard {
        guard let state = try record(RecordKey(kind: .hazard, id: id)) else { throw TerminalError("no hazard \(id) on this tablet") }
        let auditor = try identity().device.auditor
        var hazard = Hazard(state)
        guard hazard.state == .reinspectionScheduled, hazard.reinspectionBy == auditor else {
            throw TerminalError("hazard \(id) is \(hazard.state.rawValue): no re-inspection of it is scheduled for \(auditor)")
        }
        let now = time.formatted(.iso8601)
        hazard.reinspectionResult = result
        hazard.reinspectedAt = now
        hazard.reinspectionNotes = notes.flatMap { $0.isEmpty ? nil : $0 } ?? hazard.reinspectionNotes
        hazard.state = result.state
        hazard.stateBy = auditor
        hazard.stateAt = now
        return Hazard(try edit(state.key) { state, writer in try writer.write(hazard, into: &state) })
    }
}
