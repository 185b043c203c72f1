extension RecordState {
    /// The state as a replica would hold it that never received a write from the replicas
    /// `forgotten` selects: their vector components and their register entries are removed.
    ///
    /// A write made on top of the result does not cover the forgotten writes, so merged back into
    /// this state it stands beside them as a conflict wherever both touched the same field. The
    /// MIS job uses it when it meets a record for the first time: the MIS is taken to have seen
    /// what the office imported, never what auditors changed on site.
    public func forgetting(_ forgotten: (ReplicaID) -> Bool) -> RecordState {
        var copy = self
        var counters: [ReplicaID: UInt64] = [:]
        for component in vector.components where !forgotten(component.replica) {
            counters[component.replica] = component.counter
        }
        copy.vector = VersionVector(counters)
        for index in copy.registers.indices {
            copy.registers[index].entries.removeAll { forgotten($0.dot.replica) }
        }
        return copy
    }
}
