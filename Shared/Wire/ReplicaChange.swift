/// The answer to `POST /v1/device/replica`: the replica id a device writes under from now on.
///
/// The server issues a new id when a push was refused as `replica_reused` (the tablet was restored
/// from an old copy, or re-installed, and reused dots). The tablet moves its writes newer than
/// ``previousHighStamp`` onto ``replica`` (see ``RecordState/restamp(from:to:newerThan:)``).
public struct ReplicaChange: Hashable, Sendable, Codable {
    /// The new replica id, for example `t-tab-0042.3`.
    public var replica: ReplicaID
    /// The id the device wrote under until now.
    public var previous: ReplicaID
    /// The newest hybrid-clock time of a write of ``previous`` the server has accepted; `nil`
    /// when it never accepted one.
    public var previousHighStamp: HLCTimestamp?

    /// Creates an answer.
    public init(replica: ReplicaID, previous: ReplicaID, previousHighStamp: HLCTimestamp?) {
        self.replica = replica
        self.previous = previous
        self.previousHighStamp = previousHighStamp
    }

    enum CodingKeys: String, CodingKey {
        case replica, previous
        case previousHighStamp = "previous_high_stamp"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(replica, forKey: .replica)
        try container.encode(previous, forKey: .previous)
        // Written as null rather than left out, so the answer always has the same keys.
        try container.encode(previousHighStamp, forKey: .previousHighStamp)
    }
}
