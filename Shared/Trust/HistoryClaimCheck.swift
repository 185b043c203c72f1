/// The history rules of a push: a pushed state may hold only writes the server has seen, plus the
/// pushing replica's own new writes, at sane times and counters.
///
/// Tablets sync only with the server (and packet files it exported), so every write of another
/// replica that an honest tablet holds came from the server, and every counter of another replica
/// in its vector is one the server has reached. The check compares a pushed state with the state
/// the server stores for the same record (`nil` when the record is new) and needs nothing else, so
/// honest histories can be replayed against it in property tests.
public struct HistoryClaimCheck: Sendable {
    /// The replica that pushes: the only one whose unseen writes are accepted.
    public var pusher: ReplicaID
    /// The server's wall clock, in milliseconds since 1970.
    public var nowMilliseconds: UInt64
    /// How far ahead of ``nowMilliseconds`` a hybrid-clock time may lie.
    public var maximumAheadMilliseconds: UInt64

    /// The default bound on clock times ahead of the server: 24 hours.
    public static let defaultMaximumAhead: UInt64 = 24 * 3_600_000

    /// Creates a check for pushes of `pusher`.
    public init(pusher: ReplicaID, nowMilliseconds: UInt64, maximumAheadMilliseconds: UInt64 = defaultMaximumAhead) {
        self.pusher = pusher
        self.nowMilliseconds = nowMilliseconds
        self.maximumAheadMilliseconds = maximumAheadMilliseconds
    }

    /// Refuses `pushed` when it breaks a history rule against `stored`.
    ///
    /// The pusher's own writes that reuse a dot the server holds differently are reported as
    /// ``ClaimRule/replicaReused``; the same for another replica's dot is ``ClaimRule/dotMismatch``.
    public func check(_ pushed: RecordState, against stored: RecordState?) throws(ClaimViolation) {
        let key = pushed.key
        let latest = nowMilliseconds.addingReportingOverflow(maximumAheadMilliseconds)
        let limit = latest.overflow ? UInt64.max : latest.partialValue
        let seen = stored?.vector ?? VersionVector()

        for (index, register) in pushed.registers.enumerated() {
            let field = pushed.schema.fields[index].name
            for entry in register.entries {
                let dot = entry.dot
                if dot.counter > VersionVector.maximumCounter {
                    throw ClaimViolation(.counterTooLarge, record: key, field: field,
                                         "write \(dot) exceeds the largest counter, \(VersionVector.maximumCounter)")
                }
                if entry.stamp.milliseconds > limit {
                    throw ClaimViolation(.clockAhead, record: key, field: field,
                                         "write \(dot) is dated \(entry.stamp.milliseconds) ms, more than \(maximumAheadMilliseconds / 1000) s ahead of the server's clock (\(nowMilliseconds) ms)")
                }
                guard seen.covers(dot), let stored else {
                    if dot.replica != pusher {
                        throw ClaimViolation(.foreignWrite, record: key, field: field,
                                             "write \(dot) is in the name of \(dot.replica), and the server has never seen it")
                    }
                    continue
                }
                // The usual case: the server holds the same write in the same field.
                if let same = stored.registers[index].entries.first(where: { $0.dot == dot }), same.value == entry.value { continue }
                if let held = Self.entry(dot, in: stored) {
                    let rule: ClaimRule = dot.replica == pusher ? .replicaReused : .dotMismatch
                    throw ClaimViolation(rule, record: key, field: field,
                                         "write \(dot) is held by the server as another write (\(stored.schema.fields[held.field].name) = \(held.value.description))")
                }
            }
        }
        for component in pushed.vector.components {
            if component.counter > VersionVector.maximumCounter {
                throw ClaimViolation(.counterTooLarge, record: key,
                                     "the vector's counter for \(component.replica) exceeds \(VersionVector.maximumCounter)")
            }
            if component.replica != pusher, component.counter > seen[component.replica] {
                throw ClaimViolation(.vectorOverclaim, record: key,
                                     "the vector claims \(component.replica):\(component.counter), but the server has seen only \(component.replica):\(seen[component.replica])")
            }
        }
    }

    /// What merging `pushed` into `stored` changes, refused when it empties a field without a write
    /// of the pusher's own or leaves a required field without a value. Call after ``check(_:against:)``.
    ///
    /// An honest tablet removes a value only by writing over it: a field it changes always holds a
    /// write of its own that the server has not seen. A vector that merely covers the server's
    /// entries would erase them.
    public func effect(of pushed: RecordState, on stored: RecordState?) throws(ClaimViolation) -> ClaimEffect {
        let key = pushed.key
        let before = stored ?? RecordState(kind: pushed.kind, id: pushed.id)
        let merged: RecordState
        do { merged = try before.merged(with: pushed) } catch {
            throw ClaimViolation(.outOfScope, record: key, error.description)
        }
        var changed: [String] = []
        for index in merged.registers.indices where merged.registers[index] != before.registers[index] {
            let field = merged.schema.fields[index].name
            let writes = pushed.registers[index].entries.contains { $0.dot.replica == pusher && !before.vector.covers($0.dot) }
            guard writes else {
                throw ClaimViolation(.fieldErased, record: key, field: field,
                                     "the push removes the server's value without writing one of its own")
            }
            changed.append(field)
        }
        let missingBefore = stored == nil ? [] : Set(before.missingRequiredFields)
        if let missing = merged.missingRequiredFields.first(where: { !missingBefore.contains($0) }) {
            throw ClaimViolation(.requiredMissing, record: key, field: missing, "the record would have no value for the required field \(missing)")
        }
        return ClaimEffect(merged: merged, changedFields: changed)
    }

    /// The entry `state` holds with `dot`, in whichever field, with the field's index.
    static func entry(_ dot: Dot, in state: RecordState) -> (field: Int, value: FieldValue)? {
        for (index, register) in state.registers.enumerated() {
            if let entry = register.entries.first(where: { $0.dot == dot }) { return (index, entry.value) }
        }
        return nil
    }
}

/// What an accepted push does to one record.
public struct ClaimEffect: Sendable, Hashable {
    /// The state after the merge.
    public var merged: RecordState
    /// The fields whose entries the merge changes, in schema order.
    public var changedFields: [String]
}
