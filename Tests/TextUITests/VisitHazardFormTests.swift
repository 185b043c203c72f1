import AuditTerminal
import Foundation
import Positioning
import Shared
import Testing
import TextUI

/// Hazards recorded in the visit form: F4 (or Ctrl-N) opens a hazard's form, its type and severity
/// are chosen from the lists and its description typed; each one added is recorded with the visit
/// through the store's one path for hazards (as `visit --hazard` records them).
@Suite("Hazards in the visit form")
struct VisitHazardFormTests {
    @Test("F4 adds a hazard (type, severity, description), Enter without a description says what is missing, Esc drops one; the visit records each added hazard at the fix, in the outbox")
    func addHazards() throws {
        let home = try SeededHome()
        let ui = try AuditAppTests.Driver(home)
        _ = ui.app.handle(.message(.positionChanged(.fresh(AuditAppTests.fix(), age: 2))))
        ui.send([.key(.enter), .key(.character("v"))])  // 王小明, visit form
        #expect(ui.text.contains("F4 adds a hazard"))
        ui.send([.key(.function(4))])
        #expect(ui.text.contains("Hazard type:") && ui.text.contains("‹ exposed_live_parts ›") && ui.text.contains("‹ medium ›"), "\(ui.text)")
        ui.send([.key(.down), .key(.down), .key(.tab), .key(.down), .key(.down)])  // illegal_connection, critical
        #expect(ui.text.contains("‹ illegal_connection ›") && ui.text.contains("‹ critical ›"))
        ui.send([.key(.enter)])
        #expect(ui.text.contains("describe what you found first"), "no description yet: not added")
        ui.type("bypass cable around the meter")
        ui.send([.key(.enter)])
        #expect(ui.text.contains("Hazards (1): critical · illegal_connection · bypass cable around the meter"), "\(ui.text)")
        ui.send([.key(.character("n"), .control)])
        ui.type("dropped")
        ui.send([.key(.escape)])
        #expect(ui.text.contains("Visit outcome:") && !ui.text.contains("dropped"), "Esc drops the hazard being added, not the visit")
        ui.type("meter cabinet open")
        ui.send([.key(.enter)])
        #expect(ui.text.contains("visit recorded: verified") && ui.text.contains("1 hazard(s) recorded"), "\(ui.text)")
        #expect(ui.text.contains("⚠ 1 open hazard(s) here"), "the hazard shows at the customer at once")

        let visit = try #require(try home.store.records(.auditVisit).map(AuditVisit.init).first { $0.customer.rawValue == "cus-30000001" })
        #expect(visit.notes == "meter cabinet open")
        let hazards = try home.store.records(.hazard).map(Hazard.init)
        let hazard = try #require(hazards.first)
        #expect(hazards.count == 1)
        #expect(hazard.type == .illegalConnection && hazard.severity == .critical && hazard.description == "bypass cable around the meter")
        #expect(hazard.customer.rawValue == "cus-30000001" && hazard.visit == visit.id && hazard.foundBy == "anna" && hazard.state == .found)
        #expect(hazard.position == visit.fix && visit.fix == AuditAppTests.fix().point, "found where the tablet was")
        #expect(try home.store.outboxCount() >= 2, "the visit and the hazard wait to be sent")
    }

    @Test("help lists the hazard form's keys in both languages")
    func help() {
        let english = HelpScreen.lines(.english).map(\.text)
        #expect(english.contains("Adding a hazard (during a visit)"))
        #expect(english.contains { $0.contains("F4 Ctrl-N") && $0.contains("add a hazard found here") })
        #expect(HelpScreen.lines(.simplifiedChinese).map(\.text).contains("登记隐患（走访中）"))
    }
}
