import Foundation
import Shared

/// The tables of data-quality monitoring, in SQL both stores take.
///
/// - `quality_subjects`: what the rules across records read of each customer and meter (account,
///   serial, the customer a meter names, statuses, since when it is known, since when a conflict
///   with the MIS is open), kept by each run from the records changed since the last one, so that
///   the rules across records are queries over a narrow table, never a decode of every state.
/// - `quality_findings`: every finding a run made, open until a run no longer finds it.
/// - `quality_current` and `quality_checked`: a run's scratch: what it found, and which records it
///   checked with the one-record rules; emptied when it starts and when it ends.
enum QualityTables {
    static let schema = [
        """
        CREATE TABLE quality_subjects (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            county TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            account TEXT,                   -- a customer's MIS account
            account_status TEXT,            -- a customer's
            serial TEXT,                    -- a meter's
            customer TEXT,                  -- the customer a meter names
            device_status TEXT,             -- a meter's
            known_since_ms BIGINT NOT NULL, -- the record's oldest write
            mis_conflict_since_ms BIGINT,   -- since when a field is in conflict with the MIS's value
            changed_at TEXT NOT NULL,       -- the record's newest write, YYYY-MM-DDTHH:MM:SSZ as visits are timed
            PRIMARY KEY (kind, id)
        )
        """,
        "CREATE INDEX quality_subjects_by_account ON quality_subjects(account)",
        "CREATE INDEX quality_subjects_by_serial ON quality_subjects(serial)",
        "CREATE INDEX quality_subjects_by_customer ON quality_subjects(customer)",
        """
        CREATE TABLE quality_findings (
            rule TEXT NOT NULL,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            county TEXT,
            field TEXT NOT NULL,
            severity TEXT NOT NULL,
            detail TEXT NOT NULL,           -- JSON object: the values the message names
            first_seen_ms BIGINT NOT NULL,
            last_seen_ms BIGINT NOT NULL,
            closed_ms BIGINT,               -- NULL while open
            closed_by TEXT,                 -- data (no longer true) or audit (verified on site since)
            PRIMARY KEY (rule, subject)
        )
        """,
        "CREATE INDEX quality_findings_open ON quality_findings(closed_ms, rule)",
        "CREATE INDEX quality_findings_by_subject ON quality_findings(subject)",
        """
        CREATE TABLE quality_current (
            rule TEXT NOT NULL,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            county TEXT,
            field TEXT NOT NULL,
            severity TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (rule, subject)
        )
        """,
        "CREATE TABLE quality_checked (id TEXT PRIMARY KEY)",
    ]

    static let subjectUpsert = MultiRowInsert(
        into: "quality_subjects",
        ["kind", "id", "county", "retired", "account", "account_status", "serial", "customer", "device_status", "known_since_ms", "mis_conflict_since_ms",
         "changed_at"],
        onConflict: ["kind", "id"])
    static let currentInsert = MultiRowInsert(into: "quality_current", ["rule", "subject", "kind", "county", "field", "severity", "detail"],
                                              onConflict: ["rule", "subject"])
    static let checkedInsert = MultiRowInsert(into: "quality_checked", ["id"], onConflict: ["id"])

    /// The row of a customer's `state` (read as `customer`) in `quality_subjects`.
    static func subjectRow(_ state: RecordState, customer: Customer) -> [StoreValue] {
        let times = SubjectTimes(state)
        return [state.kind.rawValue.storeValue, state.id.storeValue, customer.county.storeValue, (customer.retired ? 1 : 0).storeValue,
                customer.account.storeValue, customer.accountStatus?.rawValue.storeValue ?? .null, StoreValue.null, StoreValue.null, StoreValue.null,
                times.known.storeValue, times.misConflict?.storeValue ?? .null, times.changed]
    }

    /// The row of a device's `state` in `quality_subjects`, or `nil` for a device other than a
    /// meter, which the rules across records do not read.
    static func subjectRow(_ state: RecordState, device: Device) -> [StoreValue]? {
        guard device.deviceKind == .meter else { return nil }
        let times = SubjectTimes(state)
        return [state.kind.rawValue.storeValue, state.id.storeValue, StoreValue.null, (device.retired ? 1 : 0).storeValue, StoreValue.null, StoreValue.null,
                device.serial.storeValue, device.customer?.rawValue.storeValue ?? .null, device.status?.rawValue.storeValue ?? .null,
                times.known.storeValue, times.misConflict?.storeValue ?? .null, times.changed]
    }

    /// A record's times as `quality_subjects` keeps them, from one pass over its entries.
    private struct SubjectTimes {
        /// The oldest write, in milliseconds.
        var known: Int64
        /// The newest write, as visits are timed.
        var changed: StoreValue
        /// Since when a field is in conflict with the MIS's value: the second newest entry of
        /// each such field, the earliest of those.
        var misConflict: Int64?

        init(_ state: RecordState) {
            var oldest = UInt64.max, newest = HLCTimestamp.zero
            for register in state.registers {
                for entry in register.entries {
                    oldest = min(oldest, entry.stamp.milliseconds)
                    newest = max(newest, entry.stamp)
                }
                if register.isConflicted, register.entries.contains(where: { $0.dot.replica == .mis }),
                   let since = register.entries.map({ Int64($0.stamp.milliseconds) }).sorted(by: >).dropFirst().first {
                    misConflict = min(misConflict ?? since, since)
                }
            }
            known = oldest == .max ? 0 : Int64(oldest)
            changed = StoreChecks.visitTime(milliseconds: Int64(newest.milliseconds)).storeValue
        }
    }
}
