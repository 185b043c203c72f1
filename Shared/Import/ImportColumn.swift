/// One column an import understands: its header name, whether a file must have it, and what it holds.
///
/// Most columns are a field of the record, read by that field's ``FieldSpec`` so the rules and
/// messages are exactly those every other way in uses. A few are shaped for spreadsheets: `id`,
/// a latitude/longitude pair that together make one location field, and a reference given by the
/// other record's key (`customer_account` for a device's customer).
public struct ImportColumn: Equatable, Sendable {
    /// The header name, `snake_case`.
    public let name: String
    /// Whether a file without this column is refused.
    public let isRequired: Bool
    /// What the column holds, phrased for a person (for help text and templates).
    public let summary: String
    /// Where the cell goes.
    let target: Target

    enum Target: Equatable, Sendable {
        /// The record id; a blank cell means the id is derived (see ``RecordImporter``).
        case id
        /// The schema field of the same name.
        case field(FieldSpec)
        /// The latitude of a location field; `partner` is the longitude column.
        case latitude(field: FieldSpec, partner: String)
        /// The longitude of a location field; `partner` is the latitude column.
        case longitude(field: FieldSpec, partner: String)
        /// A reference field given by the referenced record's key: the cell is read by `key`
        /// (renamed to the column) and the field gets `<kind prefix>-<key>`.
        case reference(field: FieldSpec, kind: RecordKind, key: FieldSpec)
    }

    private init(_ name: String, required: Bool, summary: String, target: Target) {
        self.name = name
        self.isRequired = required
        self.summary = summary
        self.target = target
    }

    /// The name of the schema field this column writes, if any (`id` writes none).
    /// The field this column writes, if any.
    public var fieldName: String? {
        switch target {
        case .id: return nil
        case .field(let spec), .latitude(let spec, _), .longitude(let spec, _), .reference(let spec, _, _): return spec.name
        }
    }

    /// The `id` column of records of `kind`; `derived` says where an id comes from when the cell is blank.
    static func id(of kind: RecordKind, derived: String) -> ImportColumn {
        ImportColumn("id", required: false,
                     summary: "the record id, 1 to 64 characters from letters, digits, '.', '_', '-' and ':'; when blank, \(derived)",
                     target: .id)
    }

    /// The column for the field `name` of `kind`, required when the field is.
    static func field(_ name: String, of kind: RecordKind) -> ImportColumn {
        guard let index = kind.schema.index(of: name) else { preconditionFailure("\(name) is not a field of \(kind)") }
        let spec = kind.schema.fields[index]
        return ImportColumn(name, required: spec.isRequired, summary: spec.rule.summary, target: .field(spec))
    }

    /// The latitude and longitude columns that together give the location field `field` of `kind`.
    static func coordinates(_ field: String, of kind: RecordKind, latitude: String = "lat", longitude: String = "lon") -> [ImportColumn] {
        guard let index = kind.schema.index(of: field) else { preconditionFailure("\(field) is not a field of \(kind)") }
        let spec = kind.schema.fields[index]
        return [
            ImportColumn(latitude, required: false,
                         summary: "latitude of \(field) in decimal degrees, -90 to 90; give \(longitude) too",
                         target: .latitude(field: spec, partner: longitude)),
            ImportColumn(longitude, required: false,
                         summary: "longitude of \(field) in decimal degrees, -180 to 180; give \(latitude) too",
                         target: .longitude(field: spec, partner: latitude)),
        ]
    }

    /// A column `name` that sets the reference field `field` of `kind` from the key field `key` of
    /// the referenced kind: the field gets `<prefix>-<key>`, the id an import of that kind derives.
    static func reference(_ name: String, field: String, of kind: RecordKind, byKey key: String) -> ImportColumn {
        guard let index = kind.schema.index(of: field), case .reference(let target) = kind.schema.fields[index].rule,
              let keyIndex = target.schema.index(of: key)
        else { preconditionFailure("\(field) of \(kind) is not a reference with key \(key)") }
        let keySpec = FieldSpec(name, target.schema.fields[keyIndex].rule)
        return ImportColumn(name, required: false,
                            summary: "the \(key) of the \(target.rawValue) (\(keySpec.rule.summary)); sets \(field) to \(target.idPrefix)-<\(key)>",
                            target: .reference(field: kind.schema.fields[index], kind: target, key: keySpec))
    }
}
