/// One field of a record kind: its name, its rule, whether it must be present, and its authority.
public struct FieldSpec: Sendable, Equatable {
    /// The field's name on the wire, in CSV headers and on the command line (`snake_case`).
    public let name: String
    /// What the field may hold.
    public let rule: FieldRule
    /// Whether the field must hold a value (it may never be set to null).
    public let isRequired: Bool
    /// Whose value shows first while the field is in conflict.
    public let authority: FieldAuthority

    /// Creates a field description.
    public init(_ name: String, _ rule: FieldRule, required: Bool = false, authority: FieldAuthority = .latestWriter) {
        self.name = name
        self.rule = rule
        self.isRequired = required
        self.authority = authority
    }

    /// Checks a value, including `null` for required fields.
    public func validate(_ value: FieldValue) throws(ValidationError) {
        if case .null = value {
            if isRequired { throw ValidationError(field: name, rule: "is required") }
            return
        }
        try rule.check(value, field: name)
    }

    /// Reads a value from text; empty text means `null` (refused for a required field).
    public func parse(_ text: String) throws(ValidationError) -> FieldValue {
        if text.allSatisfy(\.isWhitespace) {
            if isRequired { throw ValidationError(field: name, rule: "is required") }
            return .null
        }
        return try rule.parse(text, field: name)
    }
}
