@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The law that lets a later run ask the rules across records only about the subjects in its
/// scope: whatever was edited and however much time passed, the findings open after it are those
/// a full run over the same data at the same time finds.
@Suite("data-quality runs that read only what changed")
struct QualityIncrementalTests {
    /// Provinces per store, and rounds of edits and runs in each (more with FIELDAUDIT_SOAK=1).
    static let (trials, rounds) = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? (2, 8) : (20, 40)

    /// Lines a few rounds apart: a month without a visit, five days in conflict with the MIS.
    static let settings = try! QualitySettings(overriding: "rules:\n  not_audited: {months: 1}\n  mis_conflict_open: {days: 5}\n")

    /// What a finding says, as a line to compare.
    static func open(_ store: any ServerStore) throws -> Set<String> {
        Set(try QualityFindings(database: store).list(.init()).map { finding in
            let detail = finding.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "\(finding.rule.rawValue) \(finding.subject) \(finding.county ?? "-") \(detail)"
        })
    }

    @Test("after any edits and any time passing, a run over what changed leaves open exactly what a full run finds", arguments: StoreKind.allCases)
    func incrementalIsFull(kind: StoreKind) async throws {
        var acrossRecords = 0
        for trial in 0..<Self.trials {
            let fixture = try StoreFixture(kind)
            let seed = UInt64(trial) &* 0x9E37_79B9 &+ 16
            var edits = try QualityEdits(store: fixture.store, seed: seed)
            var run = QualityRun(database: fixture.store, settings: Self.settings, serviceArea: nil)
            run.pageSize = 4
            _ = try await run.run(now: edits.now)
            for round in 1...Self.rounds {
                try edits.round()
                let later = try await run.run(now: edits.now)
                #expect(!later.full, "seed \(seed), round \(round)")
                acrossRecords += later.opened + later.closed
                // Now and then, and at the end: a full run over the same data at the same time
                // finds what the later runs left open. (Not after every round, so that errors of
                // several later runs in a row could add up.)
                guard round % 3 == 0 || round == Self.rounds else { continue }
                let incremental = try Self.open(fixture.store)
                let full = try await run.run(full: true, now: edits.now)
                let expected = try Self.open(fixture.store)
                let (missing, stale) = (expected.subtracting(incremental).sorted(), incremental.subtracting(expected).sorted())
                #expect(missing == [], "seed \(seed), round \(round): open after a full run only")
                #expect(stale == [], "seed \(seed), round \(round): open after the later run only")
                #expect(full.opened == 0 && full.closed == 0, "seed \(seed), round \(round): \(full)")
            }
        }
        #expect(acrossRecords > 0, "the edits opened and closed findings")
    }
}
