/// The full versioned state of one record: a version vector and one multi-value register per field.
///
/// This is what replicas store and what sync sends. Writes go through ``write(_:to:by:at:)``;
/// states from other replicas come in through ``merge(_:)``, which is commutative, associative and
/// idempotent, so replicas converge whatever order they sync in and no concurrent write is dropped
/// without a person seeing it (see DESIGN.md).
public struct RecordState: Hashable, Sendable {
    /// What kind of record this is.
    public let kind: RecordKind
    /// The record's stable id.
    public let id: String
    /// Every write this state has seen.
    public internal(set) var vector: VersionVector
    /// One register per field, in the order of ``RecordKind/schema``.
    public internal(set) var registers: [Register]

    /// A record nobody has written yet.
    public init(kind: RecordKind, id: String) {
        self.kind = kind
        self.id = id
        self.vector = VersionVector()
        self.registers = Array(repeating: Register(), count: kind.schema.fields.count)
    }

    /// The record's identity, the key replicas store it under.
    public var key: RecordKey { RecordKey(kind: kind, id: id) }

    /// The schema of this record's kind.
    public var schema: RecordSchema { kind.schema }

    /// Writes `value` to the field called `field`, replacing every entry the field holds here.
    ///
    /// The write gets the next dot of `replica`, so its context covers all entries this replica has
    /// seen: written on a conflicted field, it is the resolution. Refuses values that break the
    /// field's rule, leaving the state unchanged.
    /// - Returns: the dot of the new write.
    @discardableResult
    public mutating func write(_ value: FieldValue, to field: String, by replica: ReplicaID, at stamp: HLCTimestamp) throws(ValidationError) -> Dot {
        let (index, spec) = try schema.field(named: field)
        try spec.validate(value)
        guard vector.canAdvance(replica) else {
            throw ValidationError(field: field, rule: "cannot be written: \(replica) has used every write counter of \(key)")
        }
        let dot = vector.advance(replica)
        registers[index] = Register(sortedEntries: [RegisterEntry(dot: dot, stamp: stamp, value: value)])
        return dot
    }

    /// Resolves a conflict on `field` by writing the value a person chose.
    ///
    /// The same as ``write(_:to:by:at:)``: once this write has spread, every replica drops the
    /// entries it covers, and the conflict is gone everywhere.
    @discardableResult
    public mutating func resolve(_ field: String, to value: FieldValue, by replica: ReplicaID, at stamp: HLCTimestamp) throws(ValidationError) -> Dot {
        try write(value, to: field, by: replica, at: stamp)
    }

    /// Merges another replica's state of the same record into this one.
    public mutating func merge(_ other: RecordState) throws(MergeError) {
        guard kind == other.kind, id == other.id else {
            throw MergeError.differentRecords(key, other.key)
        }
        for index in registers.indices {
            if let merged = Register.merge(registers[index], seenBy: vector, other.registers[index], seenBy: other.vector) {
                registers[index] = merged
            }
        }
        vector.formUnion(other.vector)
    }

    /// The merge of two states of the same record.
    public func merged(with other: RecordState) throws(MergeError) -> RecordState {
        var copy = self
        try copy.merge(other)
        return copy
    }

    /// The register of the field called `field`.
    public func register(_ field: String) throws(ValidationError) -> Register {
        registers[try schema.field(named: field).index]
    }

    /// The value shown for `field`: its only entry, or the one authority picks while in conflict; `nil` if never written.
    public func value(of field: String) -> FieldValue? {
        guard let index = schema.index(of: field) else { return nil }
        return registers[index].shown(under: schema.fields[index].authority)?.value
    }

    /// Every field with two or more concurrent values.
    public var conflicts: [FieldConflict] {
        schema.fields.indices.compactMap { index -> FieldConflict? in
            let register = registers[index]
            guard register.isConflicted, let shown = register.shown(under: schema.fields[index].authority) else { return nil }
            return FieldConflict(field: schema.fields[index].name, entries: register.entries, shown: shown)
        }
    }

    /// The latest hybrid clock reading among the entries; a writer's clock should move past it.
    public var newestStamp: HLCTimestamp {
        registers.lazy.flatMap(\.entries).map(\.stamp).max() ?? .zero
    }

    /// Whether any field is in conflict.
    public var hasConflicts: Bool { registers.contains(where: \.isConflicted) }

    /// The required fields that hold no value yet, by name.
    public var missingRequiredFields: [String] {
        schema.fields.indices.compactMap { index in
            let spec = schema.fields[index]
            guard spec.isRequired else { return nil }
            let shown = registers[index].shown(under: spec.authority)?.value
            return shown == nil || shown == .null ? spec.name : nil
        }
    }
}

/// A record's identity: its kind and id.
public struct RecordKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The record's kind.
    public var kind: RecordKind
    /// The record's id.
    public var id: String

    /// Creates a key.
    public init(kind: RecordKind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id)
    }

    public var description: String { "\(kind.rawValue)/\(id)" }
}

/// A field that holds two or more concurrent values.
public struct FieldConflict: Hashable, Sendable {
    /// The field's name.
    public var field: String
    /// Every open entry, sorted by dot.
    public var entries: [RegisterEntry]
    /// The entry shown while the conflict is open.
    public var shown: RegisterEntry
}

/// Why two states could not be merged.
public enum MergeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The states belong to different records.
    case differentRecords(RecordKey, RecordKey)

    public var description: String {
        switch self {
        case .differentRecords(let left, let right): return "cannot merge \(left) with \(right): they are different records"
        }
    }
}
