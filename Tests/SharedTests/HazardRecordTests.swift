import Foundation
@testable import Shared
import Testing

/// The hazard record: its fields read back as written, its wire form, its codes' names, its due dates.
@Suite("Hazard record")
struct HazardRecordTests {
    static func found() throws -> Hazard {
        var hazard = Hazard(id: try TypedID("haz-1"), type: .brokenSeal, severity: .high, description: "seal cut on the terminal cover",
                            customer: try TypedID("cus-1"), foundBy: "anna", foundAt: "2026-12-01T09:05:00Z")
        hazard.position = GeoPoint(latitude: 49.95, longitude: 11.57)
        hazard.visit = try TypedID("vis-1")
        return hazard
    }

    @Test("a hazard reads back as written, through the state and both JSON codecs")
    func roundTrip() throws {
        var hazard = try Self.found()
        hazard.state = .reinspectionScheduled
        hazard.reinspectionOrder = try TypedID("wo-9")
        hazard.reinspectionDue = "2026-12-28"
        let state = try hazard.newState(by: "server", at: HLCTimestamp(milliseconds: 1))
        #expect(Hazard(state) == hazard)
        let fast = RecordStateCodec.encode(state)
        #expect(fast == (try WireCoding.encode(state)))
        #expect(try RecordStateCodec.decode(fast) == state)
        #expect(state.key.id.hasPrefix("haz-") && RecordIdentifier.mint(.hazard).hasPrefix("haz-"))
    }

    @Test("a new hazard is found in its finder's name; a bad code or date is refused")
    func validation() throws {
        let hazard = try Self.found()
        #expect(hazard.state == .found && hazard.stateBy == "anna")
        try hazard.validate()
        var late = hazard
        late.due = "20.12.2026"
        #expect(throws: ValidationError.self) { try late.validate() }
        var state = try hazard.newState(by: "t-tab-anna", at: HLCTimestamp(milliseconds: 1))
        #expect(throws: ValidationError.self) { _ = try state.write(.text("fire"), to: "type", by: "t-tab-anna", at: HLCTimestamp(milliseconds: 2)) }
    }

    @Test("the current step's due date: the rectification's while planned, the re-inspection's while scheduled; none once closed")
    func overdue() throws {
        var hazard = try Self.found()
        hazard.due = "2026-12-20"
        hazard.reinspectionDue = "2026-12-28"
        #expect(hazard.currentDue == nil && !hazard.isOverdue(today: "2027-01-01"))
        hazard.state = .rectificationPlanned
        #expect(hazard.isOverdue(today: "2026-12-21") && !hazard.isOverdue(today: "2026-12-20"))
        hazard.state = .reinspectionScheduled
        #expect(!hazard.isOverdue(today: "2026-12-21") && hazard.isOverdue(today: "2026-12-29"))
        hazard.state = .closed
        #expect(!hazard.state.isOpen && !hazard.isOverdue(today: "2027-01-01"))
        #expect(ReinspectionResult.passed.state == .reinspected && ReinspectionResult.failed.state == .reopened)
        #expect(HazardSeverity.allCases.sorted() == [.low, .medium, .high, .critical])
    }

    @Test("every hazard code has a name in both languages; English names it as scripts type it")
    func labels() {
        func check(_ english: String, _ chinese: String, raw: String) {
            #expect(english == raw)
            #expect(chinese != raw && !chinese.hasPrefix("hazard."), "\(raw) has no Chinese name")
        }
        for code in HazardType.allCases { check(code.label(in: .english), code.label(in: .simplifiedChinese), raw: code.rawValue) }
        for code in HazardSeverity.allCases { check(code.label(in: .english), code.label(in: .simplifiedChinese), raw: code.rawValue) }
        for code in HazardState.allCases { check(code.label(in: .english), code.label(in: .simplifiedChinese), raw: code.rawValue) }
        for code in ReinspectionResult.allCases { check(code.label(in: .english), code.label(in: .simplifiedChinese), raw: code.rawValue) }
        #expect(HazardType.vegetationOnLine.label(in: .simplifiedChinese) == "树障")
    }
}
