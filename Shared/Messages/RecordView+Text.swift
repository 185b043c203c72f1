extension RecordView {
    /// One line per field in conflict, in `language`:
    /// `customer/cus-1 tariff: shown "T2"; values "T2" by mis | "T3" by t-anna`.
    public func conflictLines(in language: Language = .english) -> [String] {
        let schema = kind.schema
        return conflictedFields.map { name, field in
            language.localized("record_view.conflict_line", [
                "kind": kind.label(in: language), "id": id, "field": schema.label(of: name, in: language),
                "value": field.value, "entries": entries(field, language)])
        }
    }

    /// One line per field in conflict, in English.
    public var conflictLines: [String] { conflictLines() }

    /// A plain-text rendering in `language`: a heading, then one line per field (names padded by
    /// `width`, the cells a text takes: pass a display width where names may be Chinese), conflicts
    /// spelled out with who wrote each value.
    public func text(in language: Language = .english, width: (String) -> Int = { $0.count }) -> String {
        let schema = kind.schema
        var lines = [language.localized("record_view.heading", ["kind": kind.label(in: language), "id": id, "version": version])]
        let labels = fields.map { schema.label(of: $0.name, in: language) }
        let column = labels.map(width).max() ?? 0
        for ((_, field), label) in zip(fields, labels) {
            let padded = label + String(repeating: " ", count: column - width(label))
            if field.conflict.isEmpty {
                lines.append("  \(padded)  \(field.value)")
            } else {
                lines.append("! \(padded)  \(field.value)   " + language.localized("record_view.conflict", ["entries": entries(field, language)]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The English plain-text rendering.
    public var text: String { text() }

    /// `"T2" by mis | "T3" by t-anna`.
    private func entries(_ field: Field, _ language: Language) -> String {
        field.conflict.map { language.localized("record_view.value_by", ["value": $0.value, "writer": $0.replica]) }.joined(separator: " | ")
    }
}
