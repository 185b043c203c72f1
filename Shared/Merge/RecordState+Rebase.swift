extension RecordState {
    /// This replica's state of the record, moved onto a server that was restored from a backup.
    ///
    /// A restored server has forgotten every write it took after the backup. The result starts
    /// from what the server holds (`server`) and puts back on it the writes of `own` (this tablet)
    /// that the server has not seen, which it takes as new when they are sent again:
    ///
    /// - a field where this state shows such a write gets it back, beside those of the server's
    ///   entries this state still shows or had not seen (concurrent writes stay a conflict, as
    ///   before); the server's entries this state had seen and replaced go;
    /// - every other field shows what the server shows. Writes of other replicas that the server
    ///   forgot are dropped here: another tablet sends its own again and they come back by the next
    ///   pull; the office's and the MIS's forgotten writes are lost everywhere alike.
    ///
    /// The restored server writes under new replica ids from then on (``ReplicaID/server(epoch:)``),
    /// so no new write of its takes the dot of a forgotten one. `server` is `nil` when the restored
    /// server does not hold the record: the result then holds only `own`'s writes, and none at all
    /// when another replica made the record after the backup (``isEmpty``).
    public func rebased(onto server: RecordState?, own: ReplicaID) -> RecordState {
        var result = server ?? RecordState(kind: kind, id: id)
        let seen = server?.vector ?? VersionVector()
        var highest: UInt64 = 0
        for index in registers.indices {
            let unseen = registers[index].entries.filter { $0.dot.replica == own && !seen.covers($0.dot) }
            guard !unseen.isEmpty else { continue }
            let held = Set(registers[index].entries.map(\.dot))
            let kept = result.registers[index].entries.filter { !vector.covers($0.dot) || held.contains($0.dot) }
            result.registers[index] = Register(sortedEntries: (kept + unseen).sorted { $0.dot < $1.dot })
            highest = max(highest, unseen.map(\.dot.counter).max() ?? 0)
        }
        if highest > 0 { result.vector.formUnion(VersionVector([own: highest])) }
        return result
    }

    /// Whether no field holds any entry.
    public var isEmpty: Bool { registers.allSatisfy { $0.entries.isEmpty } }
}
