/// A record's causal context: for each replica, the highest counter of its writes that this state has seen.
///
/// Because records travel as full states, seeing counter *n* of a replica means having seen all of
/// that replica's earlier writes to the record too, so one number per replica is enough.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    /// The non-zero components, sorted by replica. A replica that is absent has counter 0.
    public private(set) var components: [Dot]

    /// The empty vector: nothing seen.
    public init() { components = [] }

    /// Creates a vector from replica counters; zero counters are dropped.
    public init(_ counters: [ReplicaID: UInt64]) {
        components = counters.filter { $0.value > 0 }
            .map { Dot(replica: $0.key, counter: $0.value) }
            .sorted()
    }

    /// The counter seen for `replica`, 0 when none.
    public subscript(replica: ReplicaID) -> UInt64 {
        for component in components where component.replica == replica { return component.counter }
        return 0
    }

    /// Whether this vector has seen the write `dot`.
    @inlinable
    public func covers(_ dot: Dot) -> Bool {
        for component in components where component.replica == dot.replica {
            return component.counter >= dot.counter
        }
        return false
    }

    /// The largest counter a replica may reach: 2^53, so that every counter is exact as a JSON
    /// number in every language. Writes past it are refused (``RecordState/write(_:to:by:at:)``),
    /// and the server refuses pushes that claim more.
    public static let maximumCounter: UInt64 = 1 << 53

    /// Whether `replica` may still write: its counter is below ``maximumCounter``.
    public func canAdvance(_ replica: ReplicaID) -> Bool { self[replica] < Self.maximumCounter }

    /// Takes the next counter of `replica` and returns the dot of the new write. Never traps: a
    /// counter at ``maximumCounter`` stays there (callers check ``canAdvance(_:)`` first).
    public mutating func advance(_ replica: ReplicaID) -> Dot {
        if let index = components.firstIndex(where: { $0.replica == replica }) {
            components[index].counter = min(components[index].counter, Self.maximumCounter - 1) + 1
            return components[index]
        }
        let dot = Dot(replica: replica, counter: 1)
        let index = components.firstIndex(where: { replica < $0.replica }) ?? components.endIndex
        components.insert(dot, at: index)
        return dot
    }

    /// Lowers `replica`'s counter to `counter` (dropping the component at 0); never raises it.
    ///
    /// Only for a state that must stop claiming writes it did not see (see
    /// ``RecordState/restamp(from:to:newerThan:)``); merges only ever raise.
    mutating func lower(_ replica: ReplicaID, to counter: UInt64) {
        guard let index = components.firstIndex(where: { $0.replica == replica }), components[index].counter > counter else { return }
        if counter == 0 {
            components.remove(at: index)
        } else {
            components[index].counter = counter
        }
    }

    /// Raises every component to the larger of this vector's and `other`'s (pointwise maximum).
    public mutating func formUnion(_ other: VersionVector) {
        if components == other.components || other.components.isEmpty { return }
        if components.isEmpty { components = other.components; return }
        var merged: [Dot] = []
        merged.reserveCapacity(max(components.count, other.components.count) + 1)
        var i = 0, j = 0
        let left = components, right = other.components
        while i < left.count, j < right.count {
            let a = left[i], b = right[j]
            if a.replica == b.replica {
                merged.append(a.counter >= b.counter ? a : b)
                i += 1; j += 1
            } else if a.replica < b.replica {
                merged.append(a); i += 1
            } else {
                merged.append(b); j += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        components = merged
    }

    /// The pointwise maximum of two vectors.
    public func union(_ other: VersionVector) -> VersionVector {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// How this vector relates to `other` in causal order.
    public func compare(_ other: VersionVector) -> CausalOrder {
        var thisAhead = false, otherAhead = false
        var i = 0, j = 0
        let left = components, right = other.components
        while i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i].replica < right[j].replica) {
                thisAhead = true; i += 1
            } else if i == left.count || right[j].replica < left[i].replica {
                otherAhead = true; j += 1
            } else {
                if left[i].counter > right[j].counter { thisAhead = true }
                if left[i].counter < right[j].counter { otherAhead = true }
                i += 1; j += 1
            }
        }
        switch (thisAhead, otherAhead) {
        case (false, false): return .equal
        case (true, false): return .after
        case (false, true): return .before
        case (true, true): return .concurrent
        }
    }

    /// Whether everything `other` has seen, this vector has seen too.
    public func dominates(_ other: VersionVector) -> Bool {
        let order = compare(other)
        return order == .equal || order == .after
    }

    public var description: String {
        "{" + components.map { "\($0.replica.rawValue):\($0.counter)" }.joined(separator: ", ") + "}"
    }
}

/// How two version vectors relate.
public enum CausalOrder: Sendable, Equatable {
    /// Both have seen exactly the same writes.
    case equal
    /// The first has seen less: everything it saw, the second saw too, and more.
    case before
    /// The first has seen more: everything the second saw, and more.
    case after
    /// Each has seen writes the other has not.
    case concurrent
}

extension VersionVector: Encodable {
    /// Encodes as a JSON object from replica id to counter, for example `{"mis": 4, "t-tab-7": 2}`.
    /// Vectors are read only inside record states, by the wire reader, which checks them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        for component in components {
            try container.encode(component.counter, forKey: WireKey(component.replica.rawValue))
        }
    }
}
