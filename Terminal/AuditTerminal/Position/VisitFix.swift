import Foundation
import Positioning
import Shared

/// Where the tablet was when a visit was recorded: the proof of presence kept with the visit.
///
/// A fix from a receiver (``Source/gnss``) keeps the receiver's own account of it: quality,
/// satellites, HDOP and the raw sentence or gpsd report. A position the auditor typed
/// (``Source/typed``) keeps the reason given; it is never proof.
public struct VisitFix: Sendable, Equatable {
    /// Where a visit's position came from.
    public enum Source: Sendable, Equatable {
        /// A satellite receiver, with what it reported.
        case gnss(quality: String, satellites: Int?, hdop: Double?, raw: String?)
        /// Typed by the auditor, with the reason they gave.
        case typed(reason: String)
    }

    /// The position.
    public var point: GeoPoint
    /// Estimated horizontal error in metres, when the receiver gave one.
    public var accuracy: Double?
    /// When the receiver took the fix.
    public var time: Date
    /// How old the fix was when the visit was recorded, in seconds.
    public var age: Double
    /// Where the position came from.
    public var source: Source

    /// A fix with its facts.
    public init(point: GeoPoint, accuracy: Double?, time: Date, age: Double, source: Source) {
        self.point = point
        self.accuracy = accuracy
        self.time = time
        self.age = age
        self.source = source
    }

    /// A position typed by the auditor (`--at … --reason …`): taken now, accuracy unknown.
    /// An empty reason is refused: a typed position must say why the receiver was not used.
    public static func typed(_ point: GeoPoint, reason: String, now: Date = Date()) throws -> VisitFix {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw TerminalError("a typed position needs the reason the receiver was not used (--reason \"no signal in the basement\")")
        }
        return VisitFix(point: point, accuracy: nil, time: now, age: 0, source: .typed(reason: reason))
    }

    /// The receiver's fix `fix`, `age` seconds old.
    public init(_ fix: Fix, age: Double, now: Date = Date()) {
        self.init(point: fix.point, accuracy: fix.accuracy, time: fix.time?.date ?? now.addingTimeInterval(-age), age: age,
                  source: .gnss(quality: fix.quality.description, satellites: fix.satellites, hdop: fix.hdop, raw: fix.raw))
    }

    /// The tracker's latest fix, fresh or stale (its age says which); `nil` without a fix.
    public init?(_ status: PositionStatus, now: Date = Date()) {
        guard let fix = status.fix, let age = status.age else { return nil }
        self.init(fix, age: age, now: now)
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

    /// Writes the position and its source into `visit`, with the distance to `site` when known.
    func fill(_ visit: inout AuditVisit, site: GeoPoint?) {
        visit.fix = point
        visit.fixAccuracyMeters = accuracy.map { ($0 * 10).rounded() / 10 }
        visit.fixTime = time.formatted(.iso8601)
        visit.fixAgeSeconds = (age * 10).rounded() / 10
        visit.distanceMeters = site.map { ($0.distance(to: point) * 10).rounded() / 10 }
        switch source {
        case .gnss(let quality, let satellites, let hdop, let raw):
            visit.fixSource = .gnss
            visit.fixQuality = quality
            visit.fixSatellites = satellites.map(Int64.init)
            visit.fixHDOP = hdop
            visit.fixRaw = raw.map(Fix.evidence)
        case .typed(let reason):
            visit.fixSource = .typed
            visit.typedReason = reason
        }
    }
}
