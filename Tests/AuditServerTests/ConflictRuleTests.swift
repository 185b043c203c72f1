@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// Resolving many conflicts at once by a rule, on both stores: the preview lists what the rule
/// would do, apply does exactly that as the office user, and a conflict that changed in between is
/// left alone.
@Suite("conflict rules: preview, then apply")
struct ConflictRuleTests {
    static func id(_ index: Int) -> String { "cus-\(40_000_000 + index)" }

    /// Six customers, the first three in county 094620, the others in 094621, each with tariff T1.
    static func seed(_ fixture: StoreFixture) throws {
        let customers = try (0..<6).map { index in
            var customer = Customer(id: try TypedID(id(index)), account: "\(40_000_000 + index)", name: "客户 \(index)")
            customer.county = index < 3 ? "094620" : "094621"
            customer.tariff = "T1"
            return customer
        }
        _ = try DispatchService(database: fixture.store).save(customers)
    }

    /// Puts `field` of customer `index` in conflict: each of `writes` (replica, value) made
    /// concurrently on the stored state, a millisecond apart in order, then merged.
    static func conflict(_ index: Int, field: String = "tariff", _ writes: [(ReplicaID, String)], fixture: StoreFixture) throws {
        try fixture.store.write { db in
            let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: id(index)), in: db))
            var merged = stored
            for (offset, (replica, value)) in writes.enumerated() {
                var state = stored
                _ = try state.write(.text(value), to: field, by: replica, at: HLCTimestamp(milliseconds: 1_900_000_000_000 + UInt64(offset)))
                try merged.merge(state)
            }
            try RecordTable.save(merged, previous: stored, origin: "test", batchID: nil, in: db)
        }
    }

    static func tariff(_ index: Int, _ fixture: StoreFixture) throws -> Register {
        try fixture.store.read { db in try #require(try RecordTable.load(RecordKey(kind: .customer, id: id(index)), in: db)).register("tariff") }
    }

    @Test("the preview lists every conflict the rule covers with its writers; apply resolves exactly those to the MIS's value and leaves the rest",
          arguments: StoreKind.allCases)
    func previewThenApply(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try Self.seed(fixture)
        try Self.conflict(0, [("mis", "T2"), ("t-anna", "T3")], fixture: fixture)
        try Self.conflict(1, [("server", "T4"), ("t-anna", "T5")], fixture: fixture)
        try Self.conflict(2, field: "phone", [("mis", "0921 1"), ("t-anna", "0921 2")], fixture: fixture)
        try Self.conflict(4, [("t-bert", "T6"), ("mis", "T7")], fixture: fixture)
        let office = DispatchService(database: fixture.store, author: "dora")
        let rule = ConflictRule(field: "tariff", keep: .mis, kind: .customer)

        let preview = try office.preview(rule)
        #expect(preview.map(\.id) == [Self.id(0), Self.id(1), Self.id(4)], "not the phone conflict")
        #expect(preview.map(\.keep?.value) == ["T2", nil, "T7"])
        #expect(preview[1].skipped == .noEntry, "the MIS wrote no tariff of customer 1: left alone, and said so")
        #expect(preview[0].values.map(\.writer) == ["MIS", "t-anna"] && preview[0].digest.contains("mis:"))
        #expect(preview[2].county == "094621")
        #expect(try office.preview(ConflictRule(field: "tariff", keep: .mis, county: "094621")).map(\.id) == [Self.id(4)])

        let applied = try office.apply(rule, to: preview.map(\.target), chunkSize: 2)
        #expect(applied == preview, "apply did what the preview showed")
        #expect(try Self.tariff(0, fixture).entries.map(\.value) == [.text("T2")])
        #expect(try Self.tariff(4, fixture).entries.map(\.value) == [.text("T7")])
        #expect(try Self.tariff(1, fixture).isConflicted, "the conflict the rule left alone stays open")
        #expect(try office.preview(rule).map(\.id) == [Self.id(1)])
        #expect(try office.conflicts().map(\.id) == [Self.id(1), Self.id(2)])
    }

    @Test("each side keeps its own writer's value; a side that wrote none or several different values leaves the conflict alone",
          arguments: StoreKind.allCases)
    func sides(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try Self.seed(fixture)
        try Self.conflict(0, [("mis", "T2"), ("server", "T3"), ("t-anna", "T4")], fixture: fixture)
        try Self.conflict(1, [("t-anna", "T5"), ("t-bert", "T6")], fixture: fixture)
        try Self.conflict(3, [("t-anna", "T8"), ("t-bert", "T8"), ("mis.2", "T9")], fixture: fixture)
        let office = DispatchService(database: fixture.store)
        func kept(_ side: ConflictRule.Side) throws -> [String] {
            try office.preview(ConflictRule(field: "tariff", keep: side)).map { $0.keep?.value ?? $0.skipped?.rawValue ?? "?" }
        }
        #expect(try kept(.mis) == ["T2", "no_entry", "T9"])
        #expect(try kept(.office) == ["T3", "no_entry", "no_entry"])
        #expect(try kept(.auditor) == ["T4", "ambiguous", "T8"])
        #expect(try kept(.newest) == ["T4", "T6", "T9"])
    }

    @Test("a conflict that changed after the preview (a new write, or resolved by hand) is skipped, not resolved blindly",
          arguments: StoreKind.allCases)
    func changedAfterPreview(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try Self.seed(fixture)
        for index in 0..<3 { try Self.conflict(index, [("mis", "T2"), ("t-anna", "T\(index + 3)")], fixture: fixture) }
        let office = DispatchService(database: fixture.store, author: "dora")
        let rule = ConflictRule(field: "tariff", keep: .mis)
        let preview = try office.preview(rule)
        #expect(preview.count == 3)

        try fixture.store.write { db in
            // Bert's tablet never saw the conflict: its write joins it as a third value.
            let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: Self.id(1)), in: db))
            var bert = RecordState(kind: .customer, id: Self.id(1))
            _ = try bert.write(.text("T9"), to: "tariff", by: "t-bert", at: HLCTimestamp(milliseconds: 1_900_000_000_100))
            try RecordTable.save(try stored.merged(with: bert), previous: stored, origin: "test", batchID: nil, in: db)
        }
        _ = try office.resolve(RecordKey(kind: .customer, id: Self.id(2)), field: "tariff", with: .value("T0"))
        let applied = try office.apply(rule, to: preview.map(\.target))
        #expect(applied.map(\.skipped) == [nil, .changed, .changed])
        #expect(try Self.tariff(0, fixture).entries.map(\.value) == [.text("T2")])
        #expect(try Self.tariff(1, fixture).entries.count == 3, "the new write's conflict waits for a person")
        #expect(try Self.tariff(2, fixture).entries.map(\.value) == [.text("T0")], "the hand resolution stands")
        #expect(try office.apply(rule, to: [preview[0].target]).map(\.skipped) == [.changed], "applying twice does nothing more")
    }

    @Test("the history names the office user who applied the rule", arguments: StoreKind.allCases)
    func historyNamesAuthor(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try Self.seed(fixture)
        try Self.conflict(0, [("mis", "T2"), ("t-anna", "T3")], fixture: fixture)
        let office = DispatchService(database: fixture.store, author: "dora")
        let rule = ConflictRule(field: "tariff", keep: .auditor)
        _ = try office.apply(rule, to: try office.preview(rule).map(\.target))
        let writes = try RecordInspection(database: fixture.store).history(Self.id(0)).writes.filter { $0.field == "tariff" }
        #expect(writes.last?.value == "T3" && writes.last?.writer == "office (dora)", "\(writes)")
    }

    @Test("a rule on a field no kind has, or targets of another field, are refused before anything is written", arguments: StoreKind.allCases)
    func badInput(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try Self.seed(fixture)
        try Self.conflict(0, [("mis", "T2"), ("t-anna", "T3")], fixture: fixture)
        let office = DispatchService(database: fixture.store)
        #expect { try office.preview(ConflictRule(field: "colour", keep: .mis)) } throws: { ($0 as? APIError)?.statusCode == 400 }
        #expect { try office.preview(ConflictRule(field: "seal", keep: .mis, kind: .customer)) } throws: { ($0 as? APIError)?.statusCode == 400 }
        var targets = try office.preview(ConflictRule(field: "tariff", keep: .mis)).map(\.target)
        targets.append(ConflictTarget(kind: .customer, id: Self.id(1), field: "phone", digest: ""))
        #expect { try office.apply(ConflictRule(field: "tariff", keep: .mis), to: targets) } throws: { ($0 as? APIError)?.body.error == "not_in_rule" }
        #expect(try Self.tariff(0, fixture).isConflicted)
        let unknown = try office.apply(ConflictRule(field: "tariff", keep: .mis), to: [ConflictTarget(kind: .customer, id: "cus-1", field: "tariff", digest: "x")])
        #expect(unknown.map(\.skipped) == [.changed], "a record that is not there is skipped")
    }
}
