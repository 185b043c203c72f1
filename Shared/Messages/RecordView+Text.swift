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
    /// spelled out with who wrote each value, and each of `findings` about the record marked ⚑ beside
    /// the field it concerns (a field with no value, or the record as a whole, gets a line of its own
    /// at the end).
    public func text(in language: Language = .english, width: (String) -> Int = { $0.count }, findings: [QualityNote] = []) -> String {
        let schema = kind.schema
        var lines = [language.localized("record_view.heading", ["kind": kind.label(in: language), "id": id, "version": version])]
        let mine = findings.filter { $0.subject == id }
        let shown = Set(fields.map(\.name))
        let extra = mine.filter { !shown.contains($0.field) }
        let labels = fields.map { schema.label(of: $0.name, in: language) } + extra.map { $0.fieldLabel(in: language) }
        let column = labels.map(width).max() ?? 0
        func padded(_ label: String) -> String { label + String(repeating: " ", count: column - width(label)) }
        for ((name, field), label) in zip(fields, labels) {
            let notes = mine.filter { $0.field == name }.map { "   ⚑ " + $0.message(in: language) }.joined()
            if field.conflict.isEmpty {
                lines.append("\(notes.isEmpty ? " " : "⚑") \(padded(label))  \(field.value)" + notes)
            } else {
                lines.append("! \(padded(label))  \(field.value)   " + language.localized("record_view.conflict", ["entries": entries(field, language)]) + notes)
            }
        }
        for note in extra {
            lines.append("⚑ \(padded(note.fieldLabel(in: language)))  ⚑ " + note.message(in: language))
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
