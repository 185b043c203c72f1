import Shared

/// Spots a tablet that writes with dots it already used: restored from an old copy of its data,
/// or re-installed, it starts its per-record counters again. ``PushVerifier`` asks it for every pushed state.
///
/// A dot names one write everywhere, so merge takes a write whose dot it has seen for one it
/// already has (or already overwrote): a restored tablet's new write would be dropped, or would
/// drop the server's, silently. The push path refuses such a batch with 409 `replica_reused`; the
/// tablet then asks for a new replica id and moves its unseen writes onto it
/// (``RecordState/restamp(from:to:newerThan:)``).
///
/// ## Why the test never fires for an honest tablet
///
/// Write `r` for the pushing replica, `S` for the stored state, `P` for the pushed one and `H`
/// for `r`'s high stamp: the newest stamp among `r`'s own entries in every push the server
/// accepted from `r` (raised in the push transaction, see ``DeviceRegistry/raiseHighStamp(of:to:in:)``).
/// Only `r` makes dots of `r`, and the server learns them only from `r`'s pushes. Two facts about
/// merge carry the argument:
///
/// 1. an entry a replica dropped while covering its dot never comes back there (merge keeps an
///    incoming entry only if the receiver does not cover its dot, and vectors only grow);
/// 2. a dot names one write, so wherever it is held it has the same field, stamp and value.
///
/// For every entry `e` of `r` that `P` holds:
///
/// - (a) `S` holds `e.dot` with another field, value or stamp: impossible by fact 2.
/// - (b) `S` covers `e.dot` but holds it nowhere, and `e.stamp > H` (or no `H`). `S` covers
///   `e.dot` only because some accepted push of this record by `r` had a vector reaching
///   `e.dot`; the honest tablet had written `e` by then and holds it now, so by fact 1 it held it
///   then, so that push carried `e` and `e.stamp ≤ H`. (The office overwriting `e` later is the
///   honest reason for `S` not holding it, and those entries are ≤ `H`.) A restored tablet's new
///   write under a reused counter is stamped after everything it pushed before the loss, so
///   `> H` as long as its wall clock did not go back.
///
/// The third case named in the issue, `P`'s own component below `S`'s while `P` holds an own
/// entry `S` does not hold, stamped `> H`, is contained in (b): such an entry's counter is
/// at most `P`'s component, hence covered by `S`.
///
/// And for every entry `s` of `r` that `S` holds, in field `f`:
///
/// - (d) `P` covers `s.dot`, does not hold it, and `P`'s field `f` holds no entry of `r` with a
///   larger counter. The honest tablet wrote `s` and dropped it since. It cannot have dropped it
///   through a merge: the state it merged came from the server, which would then have covered
///   `s` without holding it and (fact 1) could not hold it now. So it overwrote `s` itself with a
///   later write of `r` to `f`, whose counter is larger; that write can only have been replaced
///   by a still later own write to `f` for the same reason. A restored tablet that reused
///   `s`'s counter elsewhere, or overwrote `f` below it, fails the test, and without it the
///   merge would drop the server's `s` for good.
///
/// What is not caught, and why that is acceptable: a restored tablet whose new writes all land
/// above the server's counter and touch only fields the server holds no own entry in uses dots
/// new to the server, so merge keeps everything on both sides. And a restored tablet that wrote
/// one field twice, the second time above the server's counter, holds only the later write: it
/// looks exactly like an honest tablet overwriting its own earlier value, and the server's entry
/// of the same device in that field gives way to it (the device's own later value, not another
/// writer's). Its other reused dots, if any, still get the batch refused.
public enum ReplicaReuse {
    /// Whether `pushed`, sent by `replica`, carries a dot of `replica` that `stored` knows as a
    /// different write (see the type's documentation for the cases and why honest tablets never
    /// match them).
    /// - Parameters:
    ///   - pushed: the state in the push.
    ///   - stored: the server's state of the same record, `nil` when it has none.
    ///   - replica: the pushing device's replica id.
    ///   - highStamp: the newest stamp of `replica`'s writes the server has accepted, `nil` if none.
    public static func reusesDots(pushed: RecordState, stored: RecordState?, replica: ReplicaID, highStamp: HLCTimestamp?) -> Bool {
        guard let stored else { return false }
        var storedOwn: [Dot: (field: Int, entry: RegisterEntry)] = [:]
        for (field, register) in stored.registers.enumerated() {
            for entry in register.entries where entry.dot.replica == replica { storedOwn[entry.dot] = (field, entry) }
        }
        for (field, register) in pushed.registers.enumerated() {
            for entry in register.entries where entry.dot.replica == replica {
                if let known = storedOwn[entry.dot] {
                    // (a) the same dot for another write.
                    if known.field != field || known.entry != entry { return true }
                } else if stored.vector.covers(entry.dot), highStamp.map({ entry.stamp > $0 }) ?? true {
                    // (b) a dot the server has seen, for a write newer than any it accepted.
                    return true
                }
            }
        }
        for (dot, known) in storedOwn where pushed.vector.covers(dot) {
            // (d) the push claims to have seen the server's write but neither holds it nor
            // overwrote it with a later own write to the same field.
            let field = pushed.registers[known.field].entries
            if !field.contains(where: { $0.dot.replica == replica && $0.dot.counter >= dot.counter }) { return true }
        }
        return false
    }

    /// The newest stamp among `replica`'s own entries in `states`, `nil` when there is none: what
    /// an accepted push raises the replica's high stamp to.
    public static func newestOwnStamp(in states: [RecordState], of replica: ReplicaID) -> HLCTimestamp? {
        var newest: HLCTimestamp?
        for state in states {
            for register in state.registers {
                for entry in register.entries where entry.dot.replica == replica {
                    if newest.map({ entry.stamp > $0 }) ?? true { newest = entry.stamp }
                }
            }
        }
        return newest
    }
}

extension ReplicaReuse {
    /// Raises the device replica's high stamp after its batch was merged, in the same transaction.
    static func accepted(_ states: [RecordState], from device: EnrolledDevice, in db: any StoreConnection) throws {
        if let newest = newestOwnStamp(in: states, of: device.replica) {
            try DeviceRegistry.raiseHighStamp(of: device.replica, to: newest, in: db)
        }
    }
}
