import Foundation
import Shared

/// The office's side of a hazard's life: list the hazards, plan their rectification, report them
/// rectified, send an auditor to re-inspect them, close them (see ``HazardStep``).
///
/// Every write is made as the server through the dispatcher's merge path
/// (``DispatchService/save(_:only:author:in:)``), in one transaction, recording its author in the
/// hazard (`state_by`, `state_at`) and in the record history; a step taken from the wrong state is
/// refused with nothing written. The CLI (`audit-server hazard`) and the console call these.
public struct HazardService: Sendable {
    let database: any ServerStore
    /// Who makes the writes: the office user, or `shell:NAME` for a command line.
    public let author: String

    /// Works on `database`, writing as `author`.
    public init(database: any ServerStore, author: String = DispatchService.shellAuthor) {
        self.database = database
        self.author = author
    }

    /// The hazards `filter` shows: the most severe first, then the oldest.
    public func hazards(_ filter: HazardFilter = HazardFilter()) throws -> [Hazard] {
        try database.read { db in try HazardTable.hazards(matching: filter, in: db) }
        .sorted { ($1.severity, $0.foundAt, $0.id.rawValue) < ($0.severity, $1.foundAt, $1.id.rawValue) }
    }

    /// The hazard `id`.
    /// - Throws: ``HazardError`` 404 `not_found`.
    public func hazard(_ id: String) throws -> Hazard {
        try database.read { db in try Self.hazard(id, in: db) }
    }

    /// Every step of hazard `id`'s life so far, oldest first.
    /// - Throws: ``HazardError`` 404 `not_found`.
    public func history(_ id: String) throws -> HazardHistory {
        try database.read { db in
            let hazard = try Self.hazard(id, in: db)
            return try HazardHistory.read(RecordKey(kind: .hazard, id: hazard.id.rawValue), in: db)
        }
    }

    /// Names who rectifies hazard `id` and by when (`due`, YYYY-MM-DD).
    public func plan(_ id: String, owner: String, due: String) throws -> Hazard {
        try take(.plan, on: id) { hazard, _ in
            hazard.owner = owner
            hazard.due = due
        }.hazard
    }

    /// Reports hazard `id` rectified by its owner.
    public func markRectified(_ id: String) throws -> Hazard {
        try take(.rectified, on: id) { _, _ in }.hazard
    }

    /// Sends `assignee` to re-inspect hazard `id`: a new work order with the hazard's customer as
    /// its one stop (`area` names it for the auditor), which their tablet receives with the hazard
    /// on its next pull.
    /// - Throws: ``HazardError`` 400 `unknown_auditor` when `assignee` holds no active tablet (nobody
    ///   would receive the stop), and the refusals of every step.
    public func reinspect(_ id: String, assignee: String, due: String?, area: String) throws -> (hazard: Hazard, order: WorkOrder) {
        let (hazard, order) = try take(.reinspect, on: id) { hazard, db in
            guard try ActiveAuditors.contains(assignee, in: db) else {
                throw HazardError(status: 400, code: "unknown_auditor", LocalizedText("hazard.unknown_auditor", ["assignee": assignee]))
            }
            var order = WorkOrder(id: TypedID.mint(), area: area, assignee: assignee, customers: [hazard.customer])
            order.due = due
            order.priority = 1
            order.notes = LocalizedText("hazard.reinspection_notes", ["id": hazard.id.rawValue, "description": hazard.description]).english
            do { try order.validate() } catch {
                throw HazardError(status: 400, code: "invalid_work_order", LocalizedText("hazard.invalid", ["detail": "\(error)"]))
            }
            _ = try DispatchService.save(order, author: author, in: db)
            hazard.reinspectionOrder = order.id
            hazard.reinspectionBy = assignee
            hazard.reinspectionDue = due
            return order
        }
        return (hazard, order)
    }

    /// Closes hazard `id`, which a re-inspection found rectified.
    public func close(_ id: String) throws -> Hazard {
        try take(.close, on: id) { _, _ in }.hazard
    }

    /// Takes `step` on hazard `id` in one transaction: checks the state, lets `change` set the
    /// step's fields (and write what else belongs to it), moves the state in the author's name.
    private func take<Extra>(_ step: HazardStep, on id: String,
                             _ change: (inout Hazard, any StoreConnection) throws -> Extra) throws -> (hazard: Hazard, extra: Extra) {
        try database.write { db in
            var hazard = try Self.hazard(id, in: db)
            try step.require(hazard)
            let extra = try change(&hazard, db)
            hazard.state = step.target
            hazard.stateBy = author
            hazard.stateAt = Self.now()
            do { try hazard.validate() } catch {
                throw HazardError(status: 400, code: "invalid_hazard", LocalizedText("hazard.invalid", ["detail": "\(error)"]))
            }
            _ = try DispatchService.save(hazard, author: author, in: db)
            return (hazard, extra)
        }
    }

    static func hazard(_ id: String, in db: any StoreConnection) throws -> Hazard {
        guard let state = try RecordTable.load(RecordKey(kind: .hazard, id: id), in: db), !state.flag("retired") else {
            throw HazardError(status: 404, code: "not_found", LocalizedText("hazard.not_found", ["id": id]))
        }
        return Hazard(state)
    }

    /// Now, ISO 8601 UTC to the second.
    static func now() -> String { Date().formatted(.iso8601) }

    /// Today in UTC, YYYY-MM-DD.
    public static func today() -> String { String(now().prefix(10)) }
}
