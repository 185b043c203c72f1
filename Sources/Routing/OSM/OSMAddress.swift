import Shared

/// An addressed place of an extract: a readable label and a position.
public struct OSMAddress: Sendable, Equatable {
    /// "Street number" as tagged.
    public var label: String
    /// Where the address is.
    public var point: GeoPoint
}
