import AuditTerminal
import Foundation
import GRDB
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Visits changed in the tablet's own database before they were synced, as someone with the tablet
/// and an SQLite shell might: the server tells.
@Suite("tampered tablet evidence", .serialized)
struct TamperedTabletTests {
    /// What is done to the second of three recorded visits.
    enum Tamper: String, CaseIterable, CustomTestStringConvertible {
        /// Its outcome changed from verified to corrected.
        case altered
        /// Removed with its outbox entry.
        case deleted
        /// Its place in the chain (with its link and signature) swapped with the first visit's.
        case reordered

        var testDescription: String { rawValue }
    }

    @Test("a visit altered, deleted or reordered in the tablet's database before sync is detected by the server",
          arguments: Tamper.allCases, StoreKind.allCases)
    func tampered(_ tamper: Tamper, store: StoreKind) throws {
        let (fixture, tablet) = try TabletEvidenceTests.tablet(store: store)
        defer { withExtendedLifetime(fixture) {} }
        var visits: [String] = []
        for customer in ServerFixture.annaCustomers {
            let output = try tablet.must(["visit", customer, "--outcome", "verified", "--at", "49.951,11.571", "--reason", "test"]).stdout
            visits.append(try ReplayedWalkTests.recordedID(output))
        }
        try Self.edit(tablet) { db in
            switch tamper {
            case .altered:
                try Self.rewrite("outcome", of: visits[1], in: db) { _ in "corrected" }
            case .deleted:
                try db.execute(sql: "DELETE FROM records WHERE kind = 'audit_visit' AND id = ?", arguments: [visits[1]])
                try db.execute(sql: "DELETE FROM outbox WHERE kind = 'audit_visit' AND id = ?", arguments: [visits[1]])
            case .reordered:
                for field in ["chain_seq", "chain_prev", "signature"] {
                    let first = try Self.value(field, of: visits[0], in: db), second = try Self.value(field, of: visits[1], in: db)
                    try Self.rewrite(field, of: visits[0], in: db) { _ in second }
                    try Self.rewrite(field, of: visits[1], in: db) { _ in first }
                }
            }
        }
        _ = try tablet.run(["sync"])
        let stored = try fixture.scalar("SELECT COUNT(*) FROM records WHERE kind = 'audit_visit'")
        let verify = try fixture.dispatch(["presence", "verify", "--device", "tab-anna"])
        switch tamper {
        case .altered, .reordered:
            // The signature no longer covers what is sent: the push is refused and nothing is kept.
            #expect(try fixture.refusals(of: "tab-anna").contains("bad_signature"))
            #expect(stored == 0)
            #expect(try ServerFixture.expectSuccess(fixture.dispatch(["device", "list"])).stdout.contains("bad_signature"))
        case .deleted:
            // The others arrive; the hole in the chain is plain to see.
            #expect(stored == 2)
            #expect(verify.status == 1, "\(verify.stdout)")
            #expect(verify.stdout.contains("item 2 of the chain is missing"), "\(verify.stdout)")
            let report = try ServerFixture.expectSuccess(fixture.dispatch(["progress", "--json"])).stdout
            #expect(report.contains(visits[2]) && report.contains("item 2 of the chain is missing"), "\(report)")
        }
    }

    /// Runs `change` on the tablet's database while no program has it open.
    static func edit(_ tablet: TerminalHome, _ change: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: (tablet.path as NSString).appendingPathComponent(TerminalDatabase.fileName))
        try queue.write(change)
    }

    /// The stored state of visit `id`, as wire JSON.
    static func state(_ id: String, in db: Database) throws -> [String: Any] {
        let data = try #require(try Data.fetchOne(db, sql: "SELECT state FROM records WHERE kind = 'audit_visit' AND id = ?", arguments: [id]))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The value of `field` in visit `id`'s single register entry.
    static func value(_ field: String, of id: String, in db: Database) throws -> Any {
        let fields = try #require(try state(id, in: db)["fields"] as? [String: Any])
        let entries = try #require(fields[field] as? [[String: Any]])
        return try #require(entries.first?["value"])
    }

    /// Replaces the value of `field` in visit `id`'s register entries, leaving versions alone.
    static func rewrite(_ field: String, of id: String, in db: Database, _ value: (Any) -> Any) throws {
        var json = try state(id, in: db)
        var fields = try #require(json["fields"] as? [String: Any])
        let entries = try #require(fields[field] as? [[String: Any]])
        fields[field] = entries.map { entry in entry.merging(["value": value(entry["value"] as Any)]) { _, new in new } }
        json["fields"] = fields
        try db.execute(sql: "UPDATE records SET state = ? WHERE kind = 'audit_visit' AND id = ?",
                       arguments: [try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), id])
    }
}
