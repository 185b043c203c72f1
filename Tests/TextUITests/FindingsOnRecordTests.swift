import AuditTerminal
import Foundation
import Shared
import Testing
import TextUI

/// Data-quality findings the server sends with the work: kept in the tablet's cache exactly as the
/// last pull names them, and shown on the Record screen beside the field each concerns.
@Suite("Data-quality findings on the Record screen")
struct FindingsOnRecordTests {
    static let customer = "cus-30000001"
    static let findings = [
        QualityNote(rule: "phone_invalid", subject: customer, kind: .customer, field: "phone", severity: .warning, detail: ["phone": "0921 555 010"]),
        QualityNote(rule: "capacity_category", subject: customer, kind: .customer, field: "capacity_kva", severity: .warning,
                    detail: ["capacity": "250", "category": "residential", "limit": "100"]),
        QualityNote(rule: "not_audited", subject: customer, kind: .customer, field: "last_visit", severity: .info,
                    detail: ["months": "24", "last": "2024-01-05"]),
        QualityNote(rule: "duplicate_meter_serial", subject: "dev-M-30000001", kind: .device, field: "serial", severity: .error,
                    detail: ["serial": "M-0001", "count": "2"]),
        QualityNote(rule: "phone_missing", subject: "cus-30000002", kind: .customer, field: "phone", severity: .warning),
    ]

    /// The screen row whose text contains `text`.
    static func row(_ ui: AuditAppTests.Driver, _ text: String) throws -> Int {
        try #require(ui.row(containing: text), "no row shows \(text):\n\(ui.text)")
    }

    @Test("a pull's findings show beside their fields (marker ⚑ and text on the field's line), the record's own above the fields, a meter's under it; the next pull without them removes them")
    func besideTheField() throws {
        let home = try SeededHome()
        try home.store.applyPull(PullResponse(records: [], cursor: 2, more: false, findings: Self.findings))
        let ui = try AuditAppTests.Driver(home)
        ui.send([.key(.enter)])  // 王小明, cus-30000001
        let phone = try Self.row(ui, "⚑ phone 0921 555 010 cannot be")
        #expect(ui.screen.text(row: phone).contains("phone"), "on the phone field's own line: \(ui.screen.text(row: phone))")
        #expect(ui.screen[0, phone].character == "⚑")
        let capacity = try Self.row(ui, "⚑ capacity 250 kVA looks wrong for a")
        #expect(ui.screen.text(row: capacity).contains("capacity"))
        #expect(ui.text.contains("residential supply (at most 100 kVA)"), "the rest wraps onto the next line")
        #expect(try Self.row(ui, "not audited for over 24 months") < (ui.row(containing: "account") ?? 0), "about the record as a whole: above the fields")
        #expect(ui.text.contains("meter serial M-0001 is on 2 meters"), "a meter's finding under the meter")
        #expect(!ui.text.contains("no phone number"), "another customer's finding is not shown here")
        #expect(try home.store.findings(about: ["cus-30000002"]).map(\.rule) == ["phone_missing"])

        try home.store.applyPull(PullResponse(records: [], cursor: 3, more: true))
        #expect(try home.store.findings(about: [Self.customer]).count == 3, "a page that is not the last leaves them as they are")
        try home.store.applyPull(PullResponse(records: [], cursor: 4, more: false, findings: Array(Self.findings.dropFirst())))
        ui.send([.key(.escape), .key(.enter)])
        #expect(!ui.text.contains("cannot be a real number"), "closed on the server: gone after the next sync")
        #expect(ui.text.contains("capacity 250 kVA looks wrong"))
    }

    @Test("in Chinese, and from a work packet: its findings replace those about its records")
    func chineseAndPacket() throws {
        let home = try SeededHome()
        var state = try AuditScreenTests.state(home)
        try AuditScreenTests.openRecord(Self.customer, in: &state, home: home)
        state.record?.findings = Self.findings
        state.language = .simplifiedChinese
        let screen = AuditScreenTests.draw(state, width: 100, height: 30)
        let text = ScreenFixture.text(of: screen)
        let row = try #require((0..<screen.height).first { screen.text(row: $0).contains("电话 0921 555 010 不像真实号码") }, "\(text)")
        #expect(screen.text(row: row).contains("电话"))
        #expect(text.contains("居民用电容量 250 kVA 不合理"), "\(text)")

        try home.store.applyPull(PullResponse(records: [], cursor: 2, more: false, findings: Self.findings))
        let packet = try #require(try home.store.record(RecordKey(kind: .workOrder, id: "wo-north-1")))
        let customers = try home.store.records(.customer), devices = try home.store.records(.device)
        try home.store.importPacket(WorkPacket(workOrder: packet, customers: customers, devices: devices, visits: [], cursor: 2,
                                               findings: [Self.findings[1]]))
        #expect(try home.store.findings(about: customers.map(\.id) + devices.map(\.id)).map(\.rule) == ["capacity_category"])
    }

    @Test("the findings' generation is kept with them and named again until a page brings records without findings (a round whose last page must bring those of a wider scope) or a packet is imported")
    func generationKept() throws {
        let home = try SeededHome()
        #expect(try home.store.findingsGeneration() == nil, "none received: the first pull asks for them")
        try home.store.applyPull(PullResponse(records: [], cursor: 2, more: false, findings: Self.findings, findingsGeneration: "1700000000000"))
        #expect(try home.store.findingsGeneration() == "1700000000000")
        try home.store.applyPull(PullResponse(records: [], cursor: 3, more: false))
        #expect(try home.store.findings(about: [Self.customer]).count == 3, "an idle pull spared them: those kept stay")
        #expect(try home.store.findingsGeneration() == "1700000000000")

        // A round's first page brings records; its last page is lost on the way and never applied.
        let order = try #require(try home.store.record(RecordKey(kind: .workOrder, id: "wo-north-1")))
        try home.store.applyPull(PullResponse(records: [order], cursor: 4, more: true))
        #expect(try home.store.findingsGeneration() == nil, "the next page, in this round or the next, asks for the findings of the scope as it is now")
        #expect(try home.store.findings(about: [Self.customer]).count == 3, "and keeps showing those it has meanwhile")
        try home.store.applyPull(PullResponse(records: [], cursor: 5, more: false, findings: [Self.findings[0]], findingsGeneration: "1700000000000"))
        #expect(try home.store.findingsGeneration() == "1700000000000" && home.store.findings(about: [Self.customer]).map(\.rule) == ["phone_invalid"])

        try home.store.importPacket(WorkPacket(workOrder: order, customers: [], devices: [], visits: [], cursor: 5))
        #expect(try home.store.findingsGeneration() == nil, "a packet file may be older than the findings kept")
    }
}
