import Shared

/// What a visit claims about where the auditor was, with what the server knows of the site.
public struct VisitEvidence: Hashable, Sendable {
    /// Where a visit's position came from.
    public enum Source: String, Hashable, Sendable, CaseIterable {
        /// A satellite receiver: proof when near the site.
        case gnss
        /// Typed by the auditor: never proof.
        case typed
        /// No position at all.
        case none
    }

    /// The visit's id.
    public var id: String
    /// When the visit was recorded by the tablet's clock, seconds since 1970.
    public var seconds: Int64
    /// Where the position came from.
    public var source: Source
    /// The recorded position.
    public var position: GeoPoint?
    /// The receiver's error estimate in metres.
    public var accuracy: Double?
    /// When the receiver took the fix, seconds since 1970.
    public var receiverSeconds: Int64?
    /// How old the fix was when the visit was recorded, in seconds.
    public var fixAge: Double?
    /// The distance to the site the tablet computed, in metres.
    public var claimedDistance: Double?
    /// The customer's site as the server knew it at the visit's time.
    public var site: GeoPoint?

    /// Creates the evidence of one visit.
    public init(id: String, seconds: Int64, source: Source, position: GeoPoint? = nil, accuracy: Double? = nil,
                receiverSeconds: Int64? = nil, fixAge: Double? = nil, claimedDistance: Double? = nil, site: GeoPoint? = nil) {
        self.id = id
        self.seconds = seconds
        self.source = source
        self.position = position
        self.accuracy = accuracy
        self.receiverSeconds = receiverSeconds
        self.fixAge = fixAge
        self.claimedDistance = claimedDistance
        self.site = site
    }

    /// The distance from the position to the site, computed here, never taken from the tablet.
    public var distanceToSite: Double? {
        guard let position, let site else { return nil }
        return position.distance(to: site)
    }
}
