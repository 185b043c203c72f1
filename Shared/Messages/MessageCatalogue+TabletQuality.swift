extension MessageCatalogue {
    /// Data-quality findings on the tablet: what a finding about a record as a whole points at.
    static let tabletQualityEntries: [String: [Language: String]] = [
        "quality.field.last_visit": [.simplifiedChinese: "上次走访", .english: "last visit"],
        "quality.field.conflict": [.simplifiedChinese: "冲突", .english: "conflict"],
    ]
}
