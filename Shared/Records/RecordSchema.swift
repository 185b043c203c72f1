/// The fields of one record kind, in a fixed order.
///
/// A ``RecordState`` keeps one register per field in this order, so fields are found by index on
/// hot paths and by name at the edges (wire, CSV, command line).
public struct RecordSchema: Sendable {
    /// The kind this schema describes.
    public let kind: RecordKind
    /// The fields, in register order.
    public let fields: [FieldSpec]
    private let indexByName: [String: Int]

    init(kind: RecordKind, fields: [FieldSpec]) {
        self.kind = kind
        self.fields = fields
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            precondition(index[field.name] == nil, "duplicate field \(field.name) in \(kind)")
            index[field.name] = position
        }
        self.indexByName = index
    }

    /// The register index of the field called `name`.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The field called `name`, or an error listing the fields this kind has.
    public func field(named name: String) throws(ValidationError) -> (index: Int, spec: FieldSpec) {
        guard let index = indexByName[name] else {
            throw ValidationError(
                field: name,
                rule: "is not a field of \(kind.rawValue); fields are " + fields.map(\.name).joined(separator: ", "))
        }
        return (index, fields[index])
    }

    /// The fields that must hold a value.
    public var requiredFields: [FieldSpec] { fields.filter(\.isRequired) }
}
