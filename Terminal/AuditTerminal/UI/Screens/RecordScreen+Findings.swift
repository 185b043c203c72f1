import Shared
import TextUI

/// The data-quality findings on the Record screen: each one's marker (⚑) on the line of the field
/// it concerns and its text beside the value, wrapped onto the lines below when it is long;
/// findings about the record as a whole (its visits, its conflicts with the MIS) above the fields,
/// and those about a device under that device.
extension RecordScreen {
    /// The marker of a field with a finding.
    static let findingMarker = "⚑"
    static let findingStyle = Style(foreground: .ansi(5), bold: true)

    /// The style of a finding's text: errors as problems, the rest in the finding colour.
    static func style(of notes: [QualityNote]) -> Style {
        notes.contains { $0.severity == .error } ? problem : findingStyle
    }

    /// The texts of `notes`, each `⚑ message` wrapped to `width` cells (three lines at most a note).
    static func findingTexts(_ notes: [QualityNote], width: Int, language: Language) -> [String] {
        notes.flatMap { TextWrap.lines("\(findingMarker) " + $0.message(in: language), width: max(1, width)).prefix(3) }
    }

    /// Lines holding `texts` from column `x`, no row of their own.
    static func findingLines(_ texts: [String], x: Int, style: Style) -> [Line] {
        texts.map { text in Line(row: nil) { screen, y in screen.putField(text, x: x, y: y, width: screen.width - x, style: style) } }
    }

    /// The findings about the record that no field of its schema shows, above the fields.
    static func recordFindingLines(_ record: RecordScreenState, width: Int, language: Language) -> [Line] {
        let fields = Set(record.state.schema.fields.map(\.name))
        let notes = record.findings.filter { $0.subject == record.state.id && !fields.contains($0.field) }
        guard !notes.isEmpty else { return [] }
        return findingLines(findingTexts(notes, width: width - 1, language: language), x: 1, style: style(of: notes))
            + [Line(row: nil) { _, _ in }]
    }

    /// The findings about `device`, under its line.
    static func deviceFindingLines(_ record: RecordScreenState, device: RecordState, width: Int, language: Language) -> [Line] {
        let notes = record.findings.filter { $0.subject == device.id }
        return findingLines(findingTexts(notes, width: width - 5, language: language), x: 5, style: style(of: notes))
    }
}
