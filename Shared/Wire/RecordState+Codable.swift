import Foundation

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
/// then encoding gives the same bytes back. This conformance is the reference writer; the
/// hand-written ``RecordStateCodec`` writes the same bytes faster.
///
/// States are read only by the wire reader (``RecordStateCodec/decode(_:)-(Data)``, and inside every
/// sync message), which checks everything a replica relies on and refuses a state that breaks it:
/// known kind and fields, values that pass the field's rule, every entry covered by the vector, at
/// most one entry per replica in a field, no dot used twice.
extension RecordState: Encodable, WireDecodable {
    /// Reads a state with the wire reader; see ``RecordStateCodec/decode(_:)-(Data)``.
    public static func decodeFast(_ data: Data) throws(WireError) -> RecordState {
        try RecordStateCodec.decode(data)
    }

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
}
