import Foundation
import Positioning
import Shared

/// Where the tablet was when a visit was recorded: the proof of presence kept with the visit.
public struct VisitFix: Sendable, Equatable {
    /// The position.
    public var point: GeoPoint
    /// Estimated horizontal error in metres, when the receiver gave one.
    public var accuracy: Double?
    /// When the receiver took the fix.
    public var time: Date
    /// How old the fix was when the visit was recorded, in seconds.
    public var age: Double

    /// A fix with its facts.
    public init(point: GeoPoint, accuracy: Double?, time: Date, age: Double) {
        self.point = point
        self.accuracy = accuracy
        self.time = time
        self.age = age
    }

    /// A position typed by the auditor (`--at`): taken now, accuracy unknown.
    public static func typed(_ point: GeoPoint, now: Date = Date()) -> VisitFix {
        VisitFix(point: point, accuracy: nil, time: now, age: 0)
    }

    /// The tracker's latest fix, fresh or stale (its age says which); `nil` without a fix.
    public init?(_ status: PositionStatus, now: Date = Date()) {
        guard let fix = status.fix, let age = status.age else { return nil }
        self.init(point: fix.point, accuracy: fix.accuracy, time: fix.time?.date ?? now.addingTimeInterval(-age), age: age)
    }

    /// Reads `source` until its first fix, waiting at most `timeout`; `nil` when none came.
    public static func first(from source: any PositionSource, timeout: Duration = .seconds(15)) async throws -> VisitFix? {
        let tracker = PositionTracker()
        let following = Task { try await tracker.follow(source) }
        defer { following.cancel() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let fix = VisitFix(await tracker.status()) { return fix }
            if following.isCancelled { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
