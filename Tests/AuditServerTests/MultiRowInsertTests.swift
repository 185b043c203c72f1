@testable import AuditServer
import Foundation
import StoreTestSupport
import Testing

/// A batch's rows reach each table through ``StoreConnection/insert(_:rows:)``: multi-row `VALUES`
/// on SQLite, one statement over arrays on PostgreSQL, sent there without waiting for its answer.
@Suite("batch inserts, on SQLite and on PostgreSQL")
struct MultiRowInsertTests {
    @Test("values an array literal must quote come back unchanged: braces, commas, quotes, backslashes, NULL, the text NULL, empty text, blobs, reals, large integers",
          arguments: StoreKind.allCases)
    func valuesRoundTrip(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let texts = ["{a,b}", #"say "hi", \back\"#, "NULL", "", "  spaced  ", "客户 'x' ?1 $1", "line\nbreak\ttab"]
        let blobs = [Data(), Data([0, 0x5c, 0x22, 0x7b, 0x7d, 0x2c, 0xff]), Data("\\x00".utf8)]
        let mirror = MultiRowInsert(into: "mis_mirror", ["kind", "id", "state", "known"], onConflict: ["kind", "id"])
        let sites = MultiRowInsert(into: "customer_site_history", ["id", "lat", "lon", "from_ms"])
        try fixture.store.write { db in
            try mirror.execute(texts.enumerated().map { index, text in
                [.text("customer"), .text("id-\(index)"), .blob(blobs[index % blobs.count]), .text(text)]
            }, in: db)
            try sites.execute([[.text("a"), .real(49.951234567890123), .null, .integer(Int64.max)],
                               [.text("b"), .real(-1e-7), .real(1e21), .integer(-1)],
                               [.text("c"), .null, .real(0.1), .integer(0)]], in: db)
        }
        let (known, site) = try fixture.store.read { db in
            (try db.rows("SELECT id, state, known FROM mis_mirror ORDER BY id"),
             try db.rows("SELECT id, lat, lon, from_ms FROM customer_site_history ORDER BY id"))
        }
        #expect(known.count == texts.count)
        for (index, row) in known.enumerated() {
            #expect(row[0] as String == "id-\(index)")
            #expect(row[1] as Data == blobs[index % blobs.count])
            #expect(row[2] as String == texts[index])
        }
        #expect(site.map { $0[1] as Double? } == [49.951234567890123, -1e-7, nil])
        #expect(site.map { $0[2] as Double? } == [nil, 1e21, 0.1])
        #expect(site.map { $0[3] as Int64 } == [Int64.max, -1, 0])
    }

    @Test("an insert that fails fails its transaction, even one not waited for: nothing before it commits, and the error names the statement",
          arguments: StoreKind.allCases)
    func failureRollsBack(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let history = MultiRowInsert(into: "record_history", ["kind", "id", "seq", "author", "entries"])
        let accounts = MultiRowInsert(into: "customer_accounts", ["account", "customer"], onConflict: ["account", "customer"])
        let row: [StoreValue] = [.text("customer"), .text("c-1"), .integer(1), .null, .blob(Data("[]".utf8))]
        #expect {
            try fixture.store.write { db in
                try accounts.execute([[.text("100"), .text("c-1")]], in: db)
                try history.execute([row], in: db)
                try history.execute([row], in: db) // the same key again
                try accounts.execute([[.text("200"), .text("c-2")]], in: db)
            }
        } throws: { error in
            "\(error)".contains("record_history")
        }
        let counts = try fixture.store.read { db in
            (try db.value(Int.self, "SELECT COUNT(*) FROM record_history"), try db.value(Int.self, "SELECT COUNT(*) FROM customer_accounts"))
        }
        #expect(counts.0 == 0 && counts.1 == 0)
        // The store is usable after: the same rows go in once.
        try fixture.store.write { db in try history.execute([row], in: db) }
        #expect(try fixture.store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM record_history") } == 1)
    }
}
