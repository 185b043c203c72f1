extension HazardType {
    /// The type's name for a person in `language` (the raw value stays the word scripts use).
    public func label(in language: Language) -> String { language.localized("hazard.type." + rawValue) }
}

extension HazardSeverity {
    /// The severity's name for a person in `language`.
    public func label(in language: Language) -> String { language.localized("hazard.severity." + rawValue) }
}

extension HazardState {
    /// The state's name for a person in `language`.
    public func label(in language: Language) -> String { language.localized("hazard.state." + rawValue) }
}

extension ReinspectionResult {
    /// The result's name for a person in `language`.
    public func label(in language: Language) -> String { language.localized("hazard.result." + rawValue) }
}
