extension QualityNote {
    /// What it says, in `language`: "capacity 250 kVA looks wrong for a residential supply (at most
    /// 100 kVA)". A customer category among the values is named in `language` too.
    public func message(in language: Language) -> String {
        var values = detail
        if let category = detail["category"].flatMap(CustomerCategory.init(rawValue:)) {
            values["category"] = language.localized("quality.category.\(category.rawValue)")
        }
        return language.localized("quality.rule.\(rule)", values)
    }

    /// The name of the field it points at, in `language`: the schema's label, or what a record as
    /// a whole is judged by (its last visit, its conflicts).
    public func fieldLabel(in language: Language) -> String {
        kind.schema.fields.contains { $0.name == field } ? kind.schema.label(of: field, in: language) : language.localized("quality.field.\(field)")
    }

    /// Whether it points at `field` of `record`.
    public func concerns(_ record: String, field name: String) -> Bool { subject == record && field == name }
}
