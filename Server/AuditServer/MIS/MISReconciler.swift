import Foundation
import Shared

/// Merges MIS rows into the store as the `mis` replica, and finds the field corrections the MIS
/// does not hold yet. All of it inside the caller's transaction.
///
/// A row's values are written on the MIS's own view of the record (``MISMirror/state``), so a
/// field the MIS changed covers what the MIS had seen and stands beside any change made in the
/// field since: a conflict for a person, shown by each field's authority (MIS-owned fields show
/// the MIS value, field-owned facts the auditor's).
///
/// The MIS is taken to have seen what the office imported: the import leaves that view
/// (``MISMirror/rememberImports(_:in:)``). At the first contact, a field the MIS changed since
/// the import is written on that view, so it wins over the office value and stands beside an
/// auditor's change of the same field (a conflict for a person); a field the MIS did not change
/// keeps the auditor's value, which is then sent to the MIS as a correction. Records imported
/// before views were kept have none: there the MIS value replaces office values only, and a field
/// changed on site (or in conflict) is kept and sent as a correction.
struct MISReconciler {
    let report: MISReportBuilder

    /// Merges one MIS row; `fields` are the fields the export covers.
    func reconcile<Record: AuditRecord>(_ record: Record, key misKey: String, fields: Set<String>, in db: any StoreConnection) throws {
        let key = RecordKey(kind: Record.kind, id: record.id.rawValue)
        let reported = Dictionary(uniqueKeysWithValues: record.fieldValues.filter { fields.contains($0.field) }.map { ($0.field, $0.value.description) })
        // The MIS says again what it said before: nothing to merge (the usual case of a full export).
        if let known = try MISMirror.loadKnown(key, in: db), reported.allSatisfy({ known[$0.key] == $0.value }) {
            report.add(.matched, key: key, misKey: misKey)
            return
        }
        guard let stored = try RecordTable.load(key, in: db) else {
            var state = RecordState(kind: key.kind, id: key.id)
            try record.write(into: &state, by: try StoreEpoch.current(in: db).mis, at: try ServerClock.next(in: db))
            try RecordTable.save(state, previous: nil, origin: "mis", batchID: nil, in: db)
            try MISMirror(state: state, known: reported).save(in: db)
            report.add(.newInMIS, key: key, misKey: misKey)
            return
        }
        report.add(.matched, key: key, misKey: misKey)
        let mirror = try MISMirror.load(key, in: db)
        var writable = fields
        if mirror == nil {
            writable = try fields.filter { field in
                let register = try stored.register(field)
                return !register.isConflicted && !register.entries.contains { $0.dot.replica.role == .fieldDevice }
            }
        }
        var view = mirror?.state ?? stored
        let stamp = try ServerClock.next(after: max(view.newestStamp, stored.newestStamp), in: db)
        let changed = try record.write(into: &view, by: try StoreEpoch.current(in: db).mis, at: stamp, only: writable)
        var known = mirror?.known ?? [:]
        known.merge(reported) { _, new in new }
        guard !changed.isEmpty else {
            if mirror == nil || mirror?.known != known { try MISMirror(state: view, known: known).save(in: db) }
            return
        }

        var merged = stored
        try merged.merge(view)
        // The MIS now says what the field had already found: no one needs to choose.
        for field in changed {
            let register = try merged.register(field)
            if register.isConflicted, let first = register.entries.first?.value, register.entries.allSatisfy({ $0.value == first }) {
                try merged.resolve(field, to: first, by: try StoreEpoch.current(in: db).server, at: stamp)
            }
        }
        let conflictedBefore = Set(stored.conflicts.map(\.field))
        for field in changed {
            let previous = stored.value(of: field)?.description ?? ""
            let conflict = merged.conflicts.first { $0.field == field && !conflictedBefore.contains(field) }
            report.add(conflict == nil ? .changedByMIS : .conflictOpened, key: key, misKey: misKey, field: field,
                       misValue: view.value(of: field)?.description ?? "", fieldValue: conflict.map(Self.fieldSide) ?? previous)
        }
        if merged != stored {
            try RecordTable.save(merged, previous: stored, origin: "mis", batchID: nil, in: db)
        }
        try MISMirror(state: view, known: known).save(in: db)
    }

    /// The field's side of a conflict: the values not written by the MIS.
    private static func fieldSide(_ conflict: FieldConflict) -> String {
        conflict.entries.filter { $0.dot.replica.role != .systemOfRecord }.map(\.value.description).joined(separator: " | ")
    }

    /// The settled fields (among `fields`) where `key`'s record shows a value the MIS does not
    /// hold, written by someone other than the MIS, and not refused by the MIS before.
    func corrections(for key: RecordKey, misKey: String, fields: Set<String>, in db: any StoreConnection) throws -> [MISCorrection] {
        guard let stored = try RecordTable.load(key, in: db), let known = try MISMirror.loadKnown(key, in: db) else { return [] }
        var found: [MISCorrection] = []
        for field in fields.sorted() {
            let register = try stored.register(field)
            guard !register.isConflicted, let entry = register.entries.first, entry.dot.replica.role != .systemOfRecord else { continue }
            // Only fields the MIS reports: a column its exports leave out is not kept there.
            let value = entry.value.description
            guard let misValue = known[field], value != misValue,
                  try MISMirror.refusedValue(key, field: field, in: db) != value else { continue }
            found.append(MISCorrection(kind: key.kind, id: key.id, key: misKey, field: field, value: value,
                                       misValue: misValue, changedBy: entry.dot.replica.rawValue))
        }
        return found
    }

    /// Notes that the MIS accepted `values` (by field) for `key`; once it holds everything the
    /// record shows and nothing is in conflict, its view becomes the record's state.
    func accepted(_ values: [String: String], for key: RecordKey, fields: Set<String>, in db: any StoreConnection) throws {
        guard var mirror = try MISMirror.load(key, in: db) else { return }
        mirror.known.merge(values) { _, new in new }
        if let stored = try RecordTable.load(key, in: db), !stored.hasConflicts,
           fields.allSatisfy({ (stored.value(of: $0)?.description ?? "") == (mirror.known[$0] ?? "") }) {
            mirror.state = stored
        }
        try mirror.save(in: db)
    }
}
