/// What a person sees of a record: each field's shown value and its open conflict, if any.
///
/// `audit-terminal show --json` and `audit-server conflicts list --json` print this shape:
/// ```json
/// {"fields": {"tariff": {"conflict": [{"replica": "mis", "value": "T2"}, {"replica": "t-anna", "value": "T3"}],
///                        "value": "T2"}},
///  "id": "cus-0001", "kind": "customer", "version": {"mis": 3, "t-anna": 1}}
/// ```
/// `conflict` is empty when the field is settled. Fields never written are left out.
public struct RecordView: Hashable, Sendable, Encodable {
    /// One field as shown.
    public struct Field: Hashable, Sendable, Encodable {
        /// The value shown.
        public var value: FieldValue
        /// Every open entry while the field is in conflict; empty when settled.
        public var conflict: [ConflictEntry]
    }

    /// One entry of an open conflict: a value and the replica that wrote it.
    public struct ConflictEntry: Hashable, Sendable, Encodable {
        public var value: FieldValue
        public var replica: ReplicaID
    }

    public var id: String
    public var kind: RecordKind
    /// Fields by name, in schema order.
    public var fields: [(name: String, field: Field)]
    /// The record's version vector.
    public var version: VersionVector

    /// The view of `state`.
    public init(_ state: RecordState) {
        id = state.id
        kind = state.kind
        version = state.vector
        fields = state.schema.fields.indices.compactMap { index in
            let spec = state.schema.fields[index]
            let register = state.registers[index]
            guard let shown = register.shown(under: spec.authority) else { return nil }
            let conflict = register.isConflicted
                ? register.entries.map { ConflictEntry(value: $0.value, replica: $0.dot.replica) } : []
            return (spec.name, Field(value: shown.value, conflict: conflict))
        }
    }

    /// Only the fields in conflict.
    public var conflictedFields: [(name: String, field: Field)] { fields.filter { !$0.field.conflict.isEmpty } }

    public static func == (lhs: RecordView, rhs: RecordView) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.version == rhs.version
            && lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.field) == rhs.fields.map(\.field)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(kind)
    }

    enum CodingKeys: String, CodingKey { case id, kind, fields, version }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(version, forKey: .version)
        var nested = container.nestedContainer(keyedBy: WireKey.self, forKey: .fields)
        for (name, field) in fields { try nested.encode(field, forKey: WireKey(name)) }
    }
}

extension FieldValue: Encodable {
    /// Encodes as the plain JSON value: string, number, boolean, null, `{"lat","lon"}` or an array of strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .text(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .decimal(let number): try container.encode(number)
        case .flag(let flag): try container.encode(flag)
        case .location(let point): try container.encode(point)
        case .list(let items): try container.encode(items)
        }
    }
}
