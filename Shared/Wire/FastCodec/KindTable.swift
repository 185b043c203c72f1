/// What the fast codec needs to know about one record kind, computed once: field names as bytes,
/// wire value types, and the order `JSONEncoder` with sorted keys writes the fields in.
final class KindTable: Sendable {
    let kind: RecordKind
    let schema: RecordSchema
    /// The UTF-8 bytes of each field's name, by register index.
    let names: [[UInt8]]
    /// The wire type of each field, by register index.
    let valueTypes: [FieldRule.ValueType]
    /// Register indices in the order `.sortedKeys` writes them: by the UTF-8 bytes of the name.
    let encodeOrder: [Int]
    /// `"name":` as written, by register index.
    let encodedKeys: [[UInt8]]
    /// The kind's raw value as bytes, and as written (quoted).
    let kindName: [UInt8]
    let encodedKind: [UInt8]

    private init(_ kind: RecordKind) {
        self.kind = kind
        schema = kind.schema
        precondition(schema.fields.count <= 64, "the fast codec tracks fields in a 64-bit mask")
        let names = schema.fields.map { Array($0.name.utf8) }
        self.names = names
        valueTypes = schema.fields.map(\.rule.valueType)
        encodeOrder = names.indices.sorted { names[$0].lexicographicallyPrecedes(names[$1]) }
        encodedKeys = schema.fields.map { spec in
            var writer = WireByteWriter(capacity: spec.name.utf8.count + 3)
            writer.append(string: spec.name)
            writer.append(0x3A)
            return writer.bytes
        }
        kindName = Array(kind.rawValue.utf8)
        var writer = WireByteWriter(capacity: kind.rawValue.utf8.count + 2)
        writer.append(string: kind.rawValue)
        encodedKind = writer.bytes
    }

    static let customer = KindTable(.customer)
    static let device = KindTable(.device)
    static let workOrder = KindTable(.workOrder)
    static let track = KindTable(.track)
    static let auditVisit = KindTable(.auditVisit)
    static let hazard = KindTable(.hazard)

    static func of(_ kind: RecordKind) -> KindTable {
        switch kind {
        case .customer: return customer
        case .device: return device
        case .workOrder: return workOrder
        case .auditVisit: return auditVisit
        case .track: return track
        case .hazard: return hazard
        }
    }

    /// The table whose kind is spelled `name`, if any.
    static func named(_ name: WireByteReader.StringRef) -> KindTable? {
        if name.equals(customer.kindName) { return customer }
        if name.equals(device.kindName) { return device }
        if name.equals(workOrder.kindName) { return workOrder }
        if name.equals(auditVisit.kindName) { return auditVisit }
        if name.equals(track.kindName) { return track }
        if name.equals(hazard.kindName) { return hazard }
        return nil
    }

    /// The register index of the field spelled `name`, if any.
    @inline(__always)
    func index(of name: WireByteReader.StringRef) -> Int? {
        for index in names.indices where name.equals(names[index]) { return index }
        return nil
    }
}
