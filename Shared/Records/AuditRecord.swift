/// A typed view of one kind of record: plain Swift properties over a ``RecordState``.
///
/// Reading takes each field's shown value (see ``Register/shown(under:)``); writing goes back
/// through ``write(into:by:at:)``, which writes only the fields whose value changed, so editing one
/// field never makes a conflict on another.
public protocol AuditRecord: Sendable, Equatable {
    /// The kind of record this type views.
    static var kind: RecordKind { get }
    /// The record's id.
    var id: TypedID<Self> { get }
    /// Reads the shown value of every field of `state`; a field never written reads as empty.
    init(_ state: RecordState)
    /// Every field's value, by field name, in schema order.
    var fieldValues: [(field: String, value: FieldValue)] { get }
}

extension AuditRecord {
    /// Checks every field against its rule; the first broken rule is thrown.
    public func validate() throws(ValidationError) {
        let schema = Self.kind.schema
        for (field, value) in fieldValues {
            try schema.field(named: field).spec.validate(value)
        }
    }

    /// A new record state holding this record, every non-null field written by `replica`.
    public func newState(by replica: ReplicaID, at stamp: HLCTimestamp) throws(ValidationError) -> RecordState {
        var state = RecordState(kind: Self.kind, id: id.rawValue)
        try write(into: &state, by: replica, at: stamp)
        return state
    }

    /// Writes into `state` every field whose value differs from the one `state` shows, after
    /// checking all of them: either every changed field is written or none.
    ///
    /// A conflicted field whose shown value is unchanged is left alone: its conflict stays open
    /// for a person, who resolves it with ``RecordState/resolve(_:to:by:at:)``.
    /// - Returns: the names of the fields written.
    /// - Parameter only: when given, only these fields are considered (a partial update, such as
    ///   a CSV file with a few columns); the others are left as they are.
    @discardableResult
    public func write(into state: inout RecordState, by replica: ReplicaID, at stamp: HLCTimestamp,
                      only fields: Set<String>? = nil) throws(ValidationError) -> [String] {
        try validate()
        var written: [String] = []
        var next = state
        for (field, value) in fieldValues where fields?.contains(field) ?? true {
            let current = next.value(of: field)
            if current != value, !(current == nil && value == .null) {
                try next.write(value, to: field, by: replica, at: stamp)
                written.append(field)
            }
        }
        state = next
        return written
    }
}

extension RecordState {
    /// The shown text of `field`, or `nil`.
    public func text(_ field: String) -> String? {
        if case .text(let text)? = value(of: field) { return text }
        return nil
    }

    /// The shown whole number of `field`, or `nil`.
    public func integer(_ field: String) -> Int64? {
        if case .integer(let number)? = value(of: field) { return number }
        return nil
    }

    /// The shown decimal number of `field`, or `nil`.
    public func decimal(_ field: String) -> Double? {
        if case .decimal(let number)? = value(of: field) { return number }
        return nil
    }

    /// The shown yes/no of `field`, `false` when unset.
    public func flag(_ field: String) -> Bool {
        if case .flag(let flag)? = value(of: field) { return flag }
        return false
    }

    /// The shown position of `field`, or `nil`.
    public func location(_ field: String) -> GeoPoint? {
        if case .location(let point)? = value(of: field) { return point }
        return nil
    }

    /// The shown list of `field`, empty when unset.
    public func list(_ field: String) -> [String] {
        if case .list(let items)? = value(of: field) { return items }
        return []
    }

    /// The shown code of `field` as the enumeration `Code`, or `nil`.
    public func code<Code: RawRepresentable<String>>(_ field: String, as: Code.Type = Code.self) -> Code? {
        text(field).flatMap(Code.init(rawValue:))
    }
}

extension FieldValue {
    /// `.text(text)`, or `.null` for `nil`.
    public static func optional(_ text: String?) -> FieldValue { text.map(FieldValue.text) ?? .null }
    /// `.decimal(number)`, or `.null` for `nil`.
    public static func optional(_ number: Double?) -> FieldValue { number.map(FieldValue.decimal) ?? .null }
    /// `.integer(number)`, or `.null` for `nil`.
    public static func optional(_ number: Int64?) -> FieldValue { number.map(FieldValue.integer) ?? .null }
    /// `.location(point)`, or `.null` for `nil`.
    public static func optional(_ point: GeoPoint?) -> FieldValue { point.map(FieldValue.location) ?? .null }
    /// `.text(code.rawValue)`, or `.null` for `nil`.
    public static func optional<Code: RawRepresentable<String>>(_ code: Code?) -> FieldValue {
        code.map { .text($0.rawValue) } ?? .null
    }
}
