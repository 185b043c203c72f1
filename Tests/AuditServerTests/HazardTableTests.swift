@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The hazard list filters in SQL through `hazard_customers` (state, severity rank, the current
/// step's due date, retired): for every filter it shows exactly the hazards that decoding every
/// hazard and filtering would, after office steps and after the migration's backfill.
@Suite("hazards: the list filtered through the hazard table")
struct HazardTableTests {
    /// Every filter: each state or none, each severity or none, overdue or not.
    static let filters: [HazardFilter] = ([nil] + HazardState.allCases.map(Optional.some)).flatMap { state in
        ([nil] + HazardSeverity.allCases.map(Optional.some)).flatMap { severity in
            [false, true].map { HazardFilter(state: state, severity: severity, overdue: $0, today: "2026-12-03") }
        }
    }

    /// What decoding every stored hazard and filtering shows.
    static func decodedAll(_ filter: HazardFilter, in store: any ServerStore) throws -> [String] {
        try store.read { db in
            try db.values(Data.self, "SELECT state FROM records WHERE kind = 'hazard'").map { Hazard(try RecordTable.decode($0)) }
        }.filter(filter.matches).map(\.id.rawValue).sorted()
    }

    static func listed(_ filter: HazardFilter, in store: any ServerStore) throws -> [String] {
        try HazardService(database: store).hazards(filter).map(\.id.rawValue).sorted()
    }

    @Test("every filter lists what decoding all would, through office steps, retirement and the backfill", arguments: StoreKind.allCases)
    func sameAsDecodingAll(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let office = DispatchService(database: fixture.store)
        _ = try office.save([Customer(id: try TypedID("cus-20000001"), account: "20000001", name: "客户 1")])
        let found = try [("haz-a", HazardSeverity.high), ("haz-b", .low), ("haz-c", .critical), ("haz-d", .medium), ("haz-e", .medium)].map { id, severity in
            Hazard(id: try TypedID(id), type: .brokenSeal, severity: severity, description: "seal cut", customer: try TypedID("cus-20000001"),
                   foundBy: "anna", foundAt: "2026-11-20T09:00:00Z")
        }
        _ = try office.save(found)
        let service = HazardService(database: fixture.store, author: "li.na")
        _ = try service.plan("haz-b", owner: "Line crew 3", due: "2020-01-10")
        _ = try service.plan("haz-c", owner: "Line crew 3", due: "2099-01-10")
        _ = try service.plan("haz-d", owner: "Line crew 3", due: "2026-12-01")
        _ = try service.markRectified("haz-d")
        var retired = found[4]
        retired.retired = true
        _ = try office.save([retired], only: ["retired"])

        func check(_ when: String) throws {
            for filter in Self.filters {
                #expect(try Self.listed(filter, in: fixture.store) == Self.decodedAll(filter, in: fixture.store),
                        "\(when): \(filter.state?.rawValue ?? "-") \(filter.severity?.rawValue ?? "-") overdue \(filter.overdue)")
            }
        }
        try check("after the steps")
        #expect(try Self.listed(HazardFilter(overdue: true, today: "2026-12-03"), in: fixture.store) == ["haz-b"])
        #expect(try Self.listed(HazardFilter(severity: .medium, today: "2026-12-03"), in: fixture.store) == ["haz-a", "haz-c", "haz-d"])

        // As the migration finds a store: every hazard's row at the columns' defaults.
        try await fixture.store.write { db in
            try db.execute("UPDATE hazard_customers SET state = 'found', severity = 0, due = NULL, retired = 0")
            try HazardTable.backfill(in: db)
        }
        try check("after the backfill")
    }
}
