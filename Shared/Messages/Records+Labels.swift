extension FieldSpec {
    /// The catalogue key of the field's name for people: `field.` and the field's name
    /// (a test checks that every field of every schema has one).
    public var labelKey: String { "field." + name }

    /// The field's name for people in `language` (`户号` for `account`); scripts keep using ``name``.
    public func label(in language: Language) -> String { language.localized(labelKey) }
}

extension RecordSchema {
    /// The name for people of the field called `name`, or `name` itself when the schema has no such field.
    public func label(of name: String, in language: Language) -> String {
        fields.first { $0.name == name }?.label(in: language) ?? name
    }
}

extension RecordKind {
    /// The kind's name for people in `language`.
    public func label(in language: Language) -> String {
        switch self {
        case .customer: language.localized("kind.customer")
        case .device: language.localized("kind.device")
        case .workOrder: language.localized("kind.work_order")
        case .auditVisit: language.localized("kind.audit_visit")
        case .track: language.localized("kind.track")
        case .hazard: language.localized("kind.hazard")
        }
    }
}
