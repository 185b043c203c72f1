@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The console's customer list, on both stores: pages that walk the whole file once, under the
/// map's filters, with or without the map's box.
@Suite("the customer list")
struct CustomerListTests {
    @Test("pages walk every matching customer once, in id order, with account, name and status", arguments: StoreKind.allCases)
    func pages(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        let unplaced = Customer(id: try TypedID("cus-39999999"), account: "39999999", name: "无坐标用户")
        _ = try DispatchService(database: fixture.store).save([unplaced])
        try OfficeMapTests.visit(2, .corrected, at: "2026-12-01T10:00:00Z", fixture: fixture)
        let list = CustomerList(database: fixture.store)
        let everyone = CustomerSelection.everyCustomer

        var seen: [String] = [], after: String?
        repeat {
            let page = try list.page(everyone, after: after, size: 5)
            #expect(page.matching == 13 && !page.more)
            seen += page.rows.map(\.id)
            after = page.next
        } while after != nil
        #expect(seen == (0..<12).map { "cus-\(30_000_000 + $0)" } + ["cus-39999999"], "every customer once, the one without a position too")

        let first = try list.page(everyone, size: 3)
        #expect(first.rows.map(\.account) == ["30000000", "30000001", "30000002"])
        #expect(first.rows[2].name == "客户 2" && first.rows[2].status == .corrected && first.rows[2].visitedAt == "2026-12-01T10:00:00Z")
        #expect(first.rows[0].county == "094620" && first.rows[0].feeder == "F1" && first.rows[0].status == .pending)

        var county = everyone
        county.county = "094621"
        county.status = .pending
        #expect(try list.page(county).rows.map(\.id) == ["cus-30000003", "cus-30000006", "cus-30000007", "cus-30000010", "cus-30000011"])
        let inBox = CustomerSelection(box: GeoBox(south: 49.905, west: 11.505, north: 49.925, east: 11.525))
        #expect(try list.page(inBox).rows.map(\.id) == ["cus-30000005", "cus-30000006", "cus-30000009", "cus-30000010"])
        #expect(throws: APIError.self) { try list.page(everyone, size: 0) }
        #expect(throws: APIError.self) { try list.page(everyone, size: CustomerList.maximumPageSize + 1) }
    }
}
