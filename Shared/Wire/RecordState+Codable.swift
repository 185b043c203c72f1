/// The wire format of a record's full state: a stable, documented JSON encoding.
///
/// ```json
/// {
///   "fields": {
///     "tariff": [
///       {"counter": 3, "hlc": {"ms": 1732392000123, "n": 0}, "replica": "mis", "value": "T2"},
///       {"counter": 1, "hlc": {"ms": 1732391000000, "n": 2}, "replica": "t-tab-7", "value": "T3"}
///     ]
///   },
///   "id": "cus-0001",
///   "kind": "customer",
///   "vector": {"mis": 3, "t-tab-7": 1}
/// }
/// ```
///
/// - `fields` maps each field ever written to its entries, sorted by (replica, counter); a field
///   never written is absent. Two or more entries are a conflict.
/// - Each entry is one write: the dot (`replica`, `counter`), the writer's hybrid clock `hlc`
///   (`ms` since 1970, logical tick `n`), and the `value`: a string, number, boolean, `null`,
///   `{"lat", "lon"}` for locations, or an array of strings for id lists, as the field's rule says.
/// - `vector` maps replica ids to the highest counter seen (counters start at 1).
///
/// Encoded with ``WireCoding/encoder`` (sorted keys) the bytes are deterministic, and decoding
/// then encoding gives the same bytes back. Decoding checks everything a replica relies on and
/// refuses a state that breaks it: known kind and fields, values that pass the field's rule,
/// every entry covered by the vector, at most one entry per replica in a field, no dot used twice.
extension RecordState: Codable {
    enum CodingKeys: String, CodingKey { case fields, id, kind, vector }
    enum EntryKeys: String, CodingKey { case replica, counter, hlc, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(id, forKey: .id)
        try container.encode(vector, forKey: .vector)
        var fields = container.nestedContainer(keyedBy: WireKey.self, forKey: .fields)
        for (index, spec) in schema.fields.enumerated() where !registers[index].entries.isEmpty {
            var list = fields.nestedUnkeyedContainer(forKey: WireKey(spec.name))
            for entry in registers[index].entries {
                var item = list.nestedContainer(keyedBy: EntryKeys.self)
                try item.encode(entry.dot.replica, forKey: .replica)
                try item.encode(entry.dot.counter, forKey: .counter)
                try item.encode(entry.stamp, forKey: .hlc)
                try Self.encode(entry.value, into: &item)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(RecordKind.self, forKey: .kind)
        let id = try container.decode(String.self, forKey: .id)
        guard RecordIdentifier.isValid(id) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container,
                debugDescription: "id must be 1 to 64 characters from letters, digits, '.', '_', '-' and ':'")
        }
        var state = RecordState(kind: kind, id: id)
        state.vector = try container.decode(VersionVector.self, forKey: .vector)
        let fields = try container.nestedContainer(keyedBy: WireKey.self, forKey: .fields)
        var dotsSeen = Set<Dot>()
        for key in fields.allKeys {
            guard let index = state.schema.index(of: key.stringValue) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: fields,
                    debugDescription: "'\(key.stringValue)' is not a field of \(kind.rawValue)")
            }
            let spec = state.schema.fields[index]
            var list = try fields.nestedUnkeyedContainer(forKey: key)
            var entries: [RegisterEntry] = []
            while !list.isAtEnd {
                let item = try list.nestedContainer(keyedBy: EntryKeys.self)
                let dot = Dot(replica: try item.decode(ReplicaID.self, forKey: .replica),
                              counter: try item.decode(UInt64.self, forKey: .counter))
                let problem: String? =
                    dot.counter == 0 ? "counters start at 1"
                    : !state.vector.covers(dot) ? "write \(dot) is not covered by the vector \(state.vector)"
                    : !dotsSeen.insert(dot).inserted ? "write \(dot) appears twice"
                    : entries.contains(where: { $0.dot.replica == dot.replica }) ? "two entries from \(dot.replica) in one field"
                    : nil
                if let problem {
                    throw DecodingError.dataCorruptedError(forKey: .counter, in: item, debugDescription: problem)
                }
                let value = try Self.decodeValue(from: item, rule: spec.rule)
                do { try spec.validate(value) } catch {
                    throw DecodingError.dataCorruptedError(forKey: .value, in: item, debugDescription: error.description)
                }
                entries.append(RegisterEntry(dot: dot, stamp: try item.decode(HLCTimestamp.self, forKey: .hlc), value: value))
            }
            guard !entries.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: key, in: fields,
                    debugDescription: "field '\(key.stringValue)' has no entries; leave out fields never written")
            }
            state.registers[index] = Register(sortedEntries: entries.sorted { $0.dot < $1.dot })
        }
        self = state
    }

    private static func encode(_ value: FieldValue, into item: inout KeyedEncodingContainer<EntryKeys>) throws {
        switch value {
        case .null: try item.encodeNil(forKey: .value)
        case .text(let text): try item.encode(text, forKey: .value)
        case .integer(let number): try item.encode(number, forKey: .value)
        case .decimal(let number): try item.encode(number, forKey: .value)
        case .flag(let flag): try item.encode(flag, forKey: .value)
        case .location(let point): try item.encode(point, forKey: .value)
        case .list(let items): try item.encode(items, forKey: .value)
        }
    }

    private static func decodeValue(from item: KeyedDecodingContainer<EntryKeys>, rule: FieldRule) throws -> FieldValue {
        guard item.contains(.value) else {
            throw DecodingError.keyNotFound(EntryKeys.value, .init(codingPath: item.codingPath, debugDescription: "entry has no value"))
        }
        if try item.decodeNil(forKey: .value) { return .null }
        switch rule.valueType {
        case .text: return .text(try item.decode(String.self, forKey: .value))
        case .integer: return .integer(try item.decode(Int64.self, forKey: .value))
        case .decimal: return .decimal(try item.decode(Double.self, forKey: .value))
        case .flag: return .flag(try item.decode(Bool.self, forKey: .value))
        case .location: return .location(try item.decode(GeoPoint.self, forKey: .value))
        case .list: return .list(try item.decode([String].self, forKey: .value))
        }
    }
}
