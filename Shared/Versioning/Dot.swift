/// One write: the replica that made it and that replica's counter for the record at the time.
///
/// Dots are unique: a replica never uses a counter twice for the same record, so a dot names
/// exactly one write everywhere.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The replica that made the write.
    public var replica: ReplicaID
    /// The replica's counter for the record; the first write is 1.
    public var counter: UInt64

    /// Creates a dot.
    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    /// Orders dots by replica, then counter: the order entries are kept in.
    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        if lhs.replica != rhs.replica { return lhs.replica < rhs.replica }
        return lhs.counter < rhs.counter
    }

    public var description: String { "\(replica.rawValue):\(counter)" }
}
