/// What else routing must know about an edge besides its length, class and name. The raw value is
/// what the graph file stores.
public struct EdgeFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// Creates flags from their stored byte.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The way may be used only at the start or the end of a leg (``WayAccess/destinationOnly``).
    public static let destinationOnly = EdgeFlags(rawValue: 1)

    /// Every flag this version knows; a graph file with other bits set is refused.
    static let known: EdgeFlags = [.destinationOnly]
}
