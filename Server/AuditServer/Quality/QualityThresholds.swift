import Foundation

/// Where the rules that go by the time draw their lines at one run's time: what is older is
/// found. Kept apart from the queries so that a later run can also ask which records crossed a
/// line since the run before (``QualityScopeListing/addCrossed(from:to:in:)``).
struct QualityThresholds: Sendable, Equatable {
    /// `not_audited`: a latest visit before this time (as `customer_map.visited_at` writes it) …
    let lastVisit: String
    /// … or, never visited, a record known since before this (milliseconds since 1970).
    let knownSince: Int64
    /// `mis_conflict_open`: a field in conflict with the MIS since before this (milliseconds).
    let misConflictSince: Int64

    /// The lines at `now` (milliseconds since 1970) under `settings`.
    init(settings: QualitySettings, now: Int64) {
        let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -settings.notAuditedMonths,
                                                           to: Date(timeIntervalSince1970: Double(now) / 1000)) ?? Date()
        lastVisit = StoreChecks.visitTime(cutoff)
        knownSince = Int64(cutoff.timeIntervalSince1970 * 1000)
        misConflictSince = now - Int64(settings.misConflictDays) * 86_400_000
    }
}
