import AuditTerminal
import Foundation
import Shared
import Testing
import TextUI

/// The open hazards at a customer stand above its fields on the Record screen, so the auditor
/// sees them before knocking; a customer without any shows none.
@Suite("Hazards on the Record screen")
struct HazardBannerTests {
    @Test("a customer's open hazards: a warning, each one's severity, type, state and description, in the reader's language")
    func banner() throws {
        let home = try SeededHome()
        var state = try AuditScreenTests.state(home)
        let customer = try #require(try home.store.records(.customer).first)
        try AuditScreenTests.openRecord(customer.id, in: &state, home: home)
        let plain = ScreenFixture.text(of: AuditScreenTests.draw(state))
        #expect(!plain.contains("⚠"), "no hazards, no warning")

        var hazard = Hazard(id: try TypedID("haz-1"), type: .exposedLiveParts, severity: .critical, description: "cabinet door missing, live terminals",
                            customer: try TypedID(customer.id), foundBy: "anna", foundAt: "2026-11-17T09:00:00Z")
        hazard.state = .reopened
        state.record?.hazards = [hazard]
        let english = ScreenFixture.text(of: AuditScreenTests.draw(state))
        #expect(english.contains("⚠ 1 open hazard(s) here"), "\(english)")
        #expect(english.contains("critical · exposed_live_parts · reopened"))
        #expect(english.contains("cabinet door missing, live terminals"))
        #expect(english.contains(customer.schema.fields[0].label(in: .english)), "the fields follow")

        state.language = .simplifiedChinese
        let chinese = ScreenFixture.text(of: AuditScreenTests.draw(state))
        #expect(chinese.contains("紧急") && chinese.contains("带电部位裸露"), "\(chinese)")
    }
}
