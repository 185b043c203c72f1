import Shared

/// Decides which fixes become breadcrumbs: a point every `spacing` metres or `interval` seconds,
/// whichever comes first, skipping fixes too vague to place the auditor.
public struct TrackRecorder: Sendable {
    /// Metres walked or driven before a new point is kept.
    public var spacing: Double
    /// Seconds after which a point is kept even without moving (shows the auditor stayed).
    public var interval: Int64
    /// Fixes with a larger error estimate, in metres, are skipped.
    public var worstAccuracy: Double
    /// The points kept and not yet taken by ``takeBatch()``.
    public private(set) var pending: [TrackPoint] = []
    /// The last point kept.
    public private(set) var last: TrackPoint?

    /// A recorder with the defaults: 25 m, 60 s, fixes better than 100 m.
    public init(spacing: Double = 25, interval: Int64 = 60, worstAccuracy: Double = 100) {
        self.spacing = spacing
        self.interval = interval
        self.worstAccuracy = worstAccuracy
    }

    /// Offers a fix; returns whether it was kept.
    @discardableResult
    public mutating func offer(_ point: TrackPoint) -> Bool {
        if let accuracy = point.accuracy, accuracy > worstAccuracy { return false }
        if let last {
            guard point.seconds > last.seconds else { return false }
            guard point.point.distance(to: last.point) >= spacing || point.seconds - last.seconds >= interval else { return false }
        }
        pending.append(point)
        last = point
        return true
    }

    /// The points kept since the last call, leaving none pending.
    public mutating func takeBatch() -> [TrackPoint] {
        defer { pending = [] }
        return pending
    }
}
