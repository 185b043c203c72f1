import AuditTerminal
import Foundation
import Shared

/// A tablet home directory in a temporary folder, enrolled as Anna's tablet and filled with one
/// work order of five customers (Chinese and German names and addresses), their meters, two visits
/// and one field in conflict — all with fixed clocks, so screens drawn from it are the same every run.
final class SeededHome: @unchecked Sendable {
    let path: String
    let store: TerminalStore

    static let server = ReplicaID.server
    static let ben: ReplicaID = "t-tab-ben"
    static let anna: ReplicaID = "t-tab-anna"

    /// The customers: account, name, address, lat/lon (nil for one without a location).
    static let customers: [(account: String, name: String, address: String, location: GeoPoint?)] = [
        ("30000001", "王小明", "北京路12号, 拜罗伊特", GeoPoint(latitude: 49.9510, longitude: 11.5720)),
        ("30000002", "Anna Müller", "Bahnhofstraße 3, Bayreuth", GeoPoint(latitude: 49.9525, longitude: 11.5750)),
        ("30000003", "陈建国", "Opernstraße 22, Bayreuth", GeoPoint(latitude: 49.9490, longitude: 11.5780)),
        ("30000004", "李娜 & Söhne GmbH", "Maximilianstraße 7, Bayreuth", GeoPoint(latitude: 49.9470, longitude: 11.5700)),
        ("30000005", "Jürgen Groß", "Richard-Wagner-Straße 1, Bayreuth", nil),
    ]

    init(withLocations: Bool = true) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fieldaudit-ui-\(UUID().uuidString)").path
        store = try TerminalStore.open(home: path)
        try store.enroll(.init(server: URL(string: "http://127.0.0.1:9")!, token: "token",
                               device: DeviceIdentity(name: "tab-anna", auditor: "anna", replica: Self.anna)))
        var millisecond: UInt64 = 1_795_000_000_000
        func stamp() -> HLCTimestamp { millisecond += 1; return HLCTimestamp(milliseconds: millisecond) }

        var customerStates: [RecordState] = []
        var devices: [RecordState] = []
        for (index, seed) in Self.customers.enumerated() {
            var customer = Customer(id: try TypedID("cus-\(seed.account)"), account: seed.account, name: seed.name)
            customer.address = seed.address
            customer.phone = "0921 555 0\(index + 1)0"
            customer.tariff = "T1"
            customer.category = .residential
            customer.location = withLocations ? seed.location : nil
            var state = RecordState(kind: .customer, id: customer.id.rawValue)
            try customer.write(into: &state, by: Self.server, at: stamp())
            customerStates.append(state)
            var meter = Device(id: try TypedID("dev-M-\(seed.account)"), serial: "M-\(seed.account.suffix(4))", kind: .meter)
            meter.customer = customer.id
            meter.seal = "S-\(index + 1)"
            meter.status = .inService
            var deviceState = RecordState(kind: .device, id: meter.id.rawValue)
            try meter.write(into: &deviceState, by: Self.server, at: stamp())
            devices.append(deviceState)
        }
        // The office and Ben's tablet changed 陈建国's tariff concurrently: a conflict.
        var office = customerStates[2], bens = customerStates[2]
        try office.write(.text("T2"), to: "tariff", by: Self.server, at: stamp())
        try bens.write(.text("T3"), to: "tariff", by: Self.ben, at: stamp())
        customerStates[2] = try office.merged(with: bens)

        var order = WorkOrder(id: try TypedID("wo-north-1"), area: "Bayreuth Nord", assignee: "anna",
                              customers: try customerStates.map { try TypedID<Customer>($0.id) })
        order.due = "2026-11-24"
        var orderState = RecordState(kind: .workOrder, id: order.id.rawValue)
        try order.write(into: &orderState, by: Self.server, at: stamp())

        var visits: [RecordState] = []
        for (customer, outcome) in [(1, VisitOutcome.verified), (3, .corrected)] {
            let visit = AuditVisit(id: try TypedID("vis-\(customer)"), workOrder: order.id, customer: try TypedID(customerStates[customer].id),
                                   auditor: "anna", time: "2026-11-24T08:0\(customer):00Z", outcome: outcome)
            var state = RecordState(kind: .auditVisit, id: visit.id.rawValue)
            try visit.write(into: &state, by: Self.server, at: stamp())
            visits.append(state)
        }
        try store.importPacket(WorkPacket(workOrder: orderState, customers: customerStates, devices: devices, visits: visits, cursor: 1))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
