/// A node that carries `addr:housenumber`.
public struct OSMAddressedNode: Sendable, Equatable {
    /// The node's OSM id.
    public var id: Int64
    /// The house number.
    public var houseNumber: String
    /// The street, when tagged.
    public var street: String?

    /// "Street number", or the number alone.
    var label: String { [street, houseNumber].compactMap { $0 }.joined(separator: " ") }
}
