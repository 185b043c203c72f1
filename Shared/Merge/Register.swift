/// A multi-value register: the entries one field holds under its record's version vector.
///
/// One entry means the field is settled. Two or more mean writers changed it concurrently: a
/// conflict, kept until a person resolves it. Entries are kept sorted by dot, at most one per replica.
public struct Register: Hashable, Sendable {
    /// The entries, sorted by dot.
    public internal(set) var entries: [RegisterEntry]

    /// An empty register: the field was never written.
    public init() { entries = [] }

    init(sortedEntries: [RegisterEntry]) { entries = sortedEntries }

    /// Whether two or more concurrent values are open.
    public var isConflicted: Bool { entries.count > 1 }

    /// The entry to show, chosen the same way on every replica: authority, then later stamp, then greater replica id.
    public func shown(under authority: FieldAuthority) -> RegisterEntry? {
        guard entries.count > 1 else { return entries.first }
        return entries.max { lhs, rhs in
            let lhsRank = authority.rank(of: lhs.dot.replica), rhsRank = authority.rank(of: rhs.dot.replica)
            if lhsRank != rhsRank { return lhsRank < rhsRank }
            if lhs.stamp != rhs.stamp { return lhs.stamp < rhs.stamp }
            return lhs.dot.replica < rhs.dot.replica
        }
    }

    /// The merge of two registers of the same field, given each side's version vector;
    /// `nil` when the result is `left` unchanged (the common case, which then costs no allocation).
    ///
    /// Keeps every entry of either side that the other side also has, or whose write the other
    /// side has not seen. An entry one side has seen and no longer holds was overwritten there.
    static func merge(_ left: Register, seenBy leftVector: VersionVector,
                      _ right: Register, seenBy rightVector: VersionVector) -> Register? {
        let a = left.entries, b = right.entries
        if a.count == b.count {
            var same = true
            for index in a.indices where a[index].dot != b[index].dot { same = false; break }
            if same { return nil }
        }
        var kept: [RegisterEntry] = []
        kept.reserveCapacity(a.count + b.count)
        var changed = false
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].dot < b[j].dot) {
                if rightVector.covers(a[i].dot) { changed = true } else { kept.append(a[i]) }
                i += 1
            } else if i == a.count || b[j].dot < a[i].dot {
                if !leftVector.covers(b[j].dot) { kept.append(b[j]); changed = true }
                j += 1
            } else {
                kept.append(a[i])
                i += 1; j += 1
            }
        }
        return changed ? Register(sortedEntries: kept) : nil
    }
}
