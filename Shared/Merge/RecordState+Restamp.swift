extension RecordState {
    /// Moves the writes a replica made after its last accepted push onto a new replica id.
    ///
    /// A tablet restored from an old copy of its data (or re-installed) starts its per-record
    /// counters again and reuses dots the server already holds for other writes. Once the server
    /// has issued the tablet a new replica id (see `POST /v1/device/replica`), the tablet calls
    /// this on every cached record:
    ///
    /// - every entry of `previous` stamped later than `highStamp` (or every entry of `previous`
    ///   when `highStamp` is `nil`) gets the next dot of `replica`: same field, same stamp, same
    ///   value. The server never accepted a write of `previous` stamped later than `highStamp`,
    ///   so these are exactly the writes it has not seen, and a fresh dot makes them new writes;
    /// - the vector's component for `previous` is lowered to the largest counter among the
    ///   entries of `previous` still held with a stamp at or before `highStamp` (removed when
    ///   there is none). The state then no longer claims to have seen the server's writes that
    ///   happen to carry the reused counters, so merge keeps both sides: a field both changed
    ///   becomes a conflict instead of a silent overwrite.
    ///
    /// Lowering can only make the state claim less than it saw, never more: at worst a field
    /// the tablet had overwritten shows as a conflict for a person to settle, and nothing is lost.
    /// New dots are taken in the order of the old ones, so the result is the same on every run.
    /// - Returns: how many entries moved to `replica`.
    @discardableResult
    public mutating func restamp(from previous: ReplicaID, to replica: ReplicaID, newerThan highStamp: HLCTimestamp?) -> Int {
        guard previous != replica else { return 0 }
        var moving: [(field: Int, entry: RegisterEntry)] = []
        var keptCounter: UInt64 = 0
        for (field, register) in registers.enumerated() {
            for entry in register.entries where entry.dot.replica == previous {
                if let highStamp, entry.stamp <= highStamp {
                    keptCounter = max(keptCounter, entry.dot.counter)
                } else {
                    moving.append((field, entry))
                }
            }
        }
        let seen = vector[previous]
        if seen > keptCounter {
            vector.lower(previous, to: keptCounter)
        }
        guard !moving.isEmpty else { return 0 }
        for (field, old) in moving.sorted(by: { $0.entry.dot < $1.entry.dot }) {
            let dot = vector.advance(replica)
            var entries = registers[field].entries.filter { $0.dot != old.dot }
            entries.append(RegisterEntry(dot: dot, stamp: old.stamp, value: old.value))
            entries.sort { $0.dot < $1.dot }
            registers[field] = Register(sortedEntries: entries)
        }
        return moving.count
    }

    /// The state with ``restamp(from:to:newerThan:)`` applied.
    public func restamped(from previous: ReplicaID, to replica: ReplicaID, newerThan highStamp: HLCTimestamp?) -> RecordState {
        var copy = self
        copy.restamp(from: previous, to: replica, newerThan: highStamp)
        return copy
    }
}
