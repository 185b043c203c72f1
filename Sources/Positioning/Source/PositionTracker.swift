import Foundation

/// Keeps the latest fix of a position source and says how old it is.
///
/// The age counts from when the fix *arrived*, not from its own timestamp: a replayed log carries
/// old times, and a receiver's clock may be off, but what the auditor needs to know is whether the
/// position still describes where the tablet is now. A fix older than ``staleAfter`` seconds is
/// reported as ``PositionStatus/stale(_:age:)``. Fixes without a position (quality none) are ignored.
///
/// ```swift
/// let tracker = PositionTracker()
/// Task { try await tracker.follow(spec.makeSource()) }
/// let status = await tracker.status()          // for the UI and for recording a visit
/// ```
public actor PositionTracker {
    /// Seconds after which a fix is stale; 10 by default.
    public let staleAfter: Double
    private var latest: (fix: Fix, receivedAt: Date)?

    /// Creates a tracker with no fix.
    public init(staleAfter: Double = 10) {
        self.staleAfter = staleAfter
    }

    /// Records `fix` as received at `time`.
    public func receive(_ fix: Fix, at time: Date = Date()) {
        guard fix.quality.hasPosition else { return }
        latest = (fix, time)
    }

    /// The status at `now`.
    public func status(at now: Date = Date()) -> PositionStatus {
        guard let latest else { return .noFix }
        let age = max(0, now.timeIntervalSince(latest.receivedAt))
        return age > staleAfter ? .stale(latest.fix, age: age) : .fresh(latest.fix, age: age)
    }

    /// Feeds every fix of `source` into the tracker until the source ends or the task is cancelled.
    public func follow(_ source: some PositionSource) async throws {
        for try await fix in source.fixes() {
            receive(fix)
        }
    }
}
