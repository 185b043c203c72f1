/// The record states a replica has changed since a given point: what one sync step sends.
///
/// A change set carries whole states, never deltas, so applying it is just ``RecordState/merge(_:)``
/// for each record: applying it twice, or out of order with other change sets, gives the same result.
public struct ChangeSet: Hashable, Sendable, Encodable {
    /// The replica the states come from.
    public var origin: ReplicaID
    /// The states, sorted by key.
    public var records: [RecordState]

    /// Creates a change set; the states are sorted by key.
    public init(origin: ReplicaID, records: [RecordState]) {
        self.origin = origin
        self.records = records.sorted { $0.key < $1.key }
    }

    /// The states in `states` that hold writes a peer has not seen.
    ///
    /// - Parameter known: the version vector of each record as the peer last had it; a record the
    ///   peer never had is always included.
    public static func changes(in states: some Sequence<RecordState>, from origin: ReplicaID,
                               notSeenIn known: [RecordKey: VersionVector]) -> ChangeSet {
        let changed = states.filter { state in
            guard let peerVector = known[state.key] else { return true }
            return !peerVector.dominates(state.vector)
        }
        return ChangeSet(origin: origin, records: changed)
    }

    /// Merges every state into `store`, keyed by record; returns the keys whose state changed.
    @discardableResult
    public func apply(to store: inout [RecordKey: RecordState]) -> [RecordKey] {
        var changed: [RecordKey] = []
        for incoming in records {
            guard let current = store[incoming.key] else {
                store[incoming.key] = incoming
                changed.append(incoming.key)
                continue
            }
            // Keys match, so the merge cannot fail.
            guard let merged = try? current.merged(with: incoming), merged != current else { continue }
            store[incoming.key] = merged
            changed.append(incoming.key)
        }
        return changed
    }
}
