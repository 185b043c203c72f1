import Foundation
import GRDB
import Shared

/// Merges MIS rows into the store as the `mis` replica, and finds the field corrections the MIS
/// does not hold yet. All of it inside the caller's transaction.
///
/// A row's values are written on the MIS's own view of the record (``MISMirror``), so a field the
/// MIS changed covers what the MIS had seen and stands beside any change made in the field since:
/// a conflict for a person, shown by each field's authority (MIS-owned fields show the MIS value).
/// A record met for the first time is taken to be known to the MIS as the office imported it,
/// without the changes auditors made on site.
struct MISReconciler {
    let report: MISReportBuilder

    /// Merges one MIS row; `fields` are the fields the export covers.
    func reconcile<Record: AuditRecord>(_ record: Record, key misKey: String, fields: Set<String>, in db: Database) throws {
        let key = RecordKey(kind: Record.kind, id: record.id.rawValue)
        let stored = try RecordTable.load(key, in: db)
        guard let stored else {
            var state = RecordState(kind: key.kind, id: key.id)
            let stamp = try ServerClock.next(in: db)
            try record.write(into: &state, by: .mis, at: stamp)
            try RecordTable.save(state, previous: nil, origin: "mis", batchID: nil, in: db)
            try MISMirror.save(state, in: db)
            report.add(.newInMIS, key: key, misKey: misKey)
            return
        }
        report.add(.matched, key: key, misKey: misKey)
        let mirror = try MISMirror.load(key, in: db)
        // First contact: nothing to do when the MIS agrees with what is shown.
        if mirror == nil, try disagreements(record, with: stored, fields: fields).isEmpty {
            try MISMirror.save(stored, in: db)
            return
        }
        var view = mirror ?? stored.forgetting { $0.role == .fieldDevice }
        let stamp = try ServerClock.next(after: max(view.newestStamp, stored.newestStamp), in: db)
        let changed = try record.write(into: &view, by: .mis, at: stamp, only: fields)
        guard !changed.isEmpty || mirror == nil else { return }

        var merged = stored
        try merged.merge(view)
        // The MIS now says what the field had already found: no one needs to choose.
        for field in changed {
            let register = try merged.register(field)
            if register.isConflicted, let first = register.entries.first?.value, register.entries.allSatisfy({ $0.value == first }) {
                try merged.resolve(field, to: first, by: .server, at: stamp)
            }
        }
        let conflictedBefore = Set(stored.conflicts.map(\.field))
        for field in changed {
            let previous = stored.value(of: field)?.description ?? ""
            let now = view.value(of: field)?.description ?? ""
            let opened = try merged.register(field).isConflicted && !conflictedBefore.contains(field)
            report.add(opened ? .conflictOpened : .changedByMIS, key: key, misKey: misKey, field: field,
                       misValue: now, fieldValue: opened ? merged.conflicts.first { $0.field == field }.map(Self.fieldSide) ?? previous : previous)
        }
        if merged != stored {
            try RecordTable.save(merged, previous: stored, origin: "mis", batchID: nil, in: db)
        }
        try MISMirror.save(view, in: db)
    }

    /// The fields of `fields` whose MIS value differs from what `state` shows.
    private func disagreements<Record: AuditRecord>(_ record: Record, with state: RecordState, fields: Set<String>) throws -> [String] {
        var copy = state
        return try record.write(into: &copy, by: .mis, at: .zero, only: fields)
    }

    /// The field's side of a conflict: the values not written by the MIS.
    private static func fieldSide(_ conflict: FieldConflict) -> String {
        conflict.entries.filter { $0.dot.replica != .mis }.map(\.value.description).joined(separator: " | ")
    }

    /// The settled fields (among `fields`) where `key`'s record shows something the MIS does not
    /// hold and was not sent already.
    func corrections(for key: RecordKey, misKey: String, fields: Set<String>, in db: Database) throws -> [MISCorrection] {
        guard let stored = try RecordTable.load(key, in: db), let mirror = try MISMirror.load(key, in: db) else { return [] }
        var found: [MISCorrection] = []
        for field in fields.sorted() {
            let register = try stored.register(field)
            guard !register.isConflicted, let entry = register.entries.first, entry.dot.replica != .mis,
                  stored.value(of: field) != mirror.value(of: field) else { continue }
            let correction = MISCorrection(kind: key.kind, id: key.id, key: misKey, field: field, value: entry.value.description,
                                           misValue: mirror.value(of: field)?.description ?? "", changedBy: entry.dot.replica.rawValue)
            if try MISMirror.sentValue(key, field: field, in: db) == correction.valueJSON { continue }
            found.append(correction)
        }
        return found
    }
}
