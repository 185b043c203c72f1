import Shared
import TextUI

/// The visit form at the foot of the Record screen: the outcomes with the chosen one marked, the
/// note being typed, the hazards added so far and a hint; while a hazard is being added, its form
/// (type, severity, description) in the same place.
enum VisitFormView {
    static let box = Style(background: .palette(236))
    static let label = Style(background: .palette(236), bold: true)
    static let hint = Style(foreground: .ansi(8), background: .palette(236))

    static func draw(_ visit: VisitForm, _ language: Language, into screen: inout ScreenBuffer, y: Int) {
        for row in y..<(y + visit.height) { screen.fill(x: 0, y: row, count: screen.width, style: box) }
        if let hazard = visit.hazard { return draw(hazard, language, into: &screen, y: y) }
        var x = screen.put(" " + language.localized("tablet.visit_form.outcome") + " ", x: 0, y: y, style: label)
        for (index, outcome) in VisitForm.outcomes.enumerated() {
            let chosen = index == visit.choice
            x = screen.put("\(chosen ? "(•)" : "( )") \(outcome.label(in: language))", x: x, y: y,
                           style: Style(background: .palette(236), bold: chosen, reverse: chosen)) + 2
        }
        let noteX = screen.put(" " + language.localized("tablet.visit_form.note") + " ", x: 0, y: y + 1, style: label)
        visit.note.draw(into: &screen, x: noteX, y: y + 1, width: screen.width - noteX - 1, style: Style(background: .palette(236), underline: true))
        if !visit.hazards.isEmpty {
            let listX = screen.put(" " + language.localized("tablet.visit_form.hazards", ["count": visit.hazards.count]) + " ", x: 0, y: y + 2,
                                   style: Style(foreground: .ansi(1), background: .palette(236), bold: true))
            let items = visit.hazards.map { "\($0.severity.label(in: language)) · \($0.type.label(in: language)) · \($0.description)" }
            screen.putField(items.joined(separator: "; "), x: listX, y: y + 2, width: screen.width - listX - 1, style: box)
        }
        screen.put(" " + language.localized("tablet.visit_form.hint"), x: 0, y: y + visit.height - 1, style: hint)
    }

    /// The hazard's form: type and severity as `‹ choice ›` (the one in focus reversed), the
    /// description being typed, and the hint or what is missing.
    static func draw(_ hazard: HazardForm, _ language: Language, into screen: inout ScreenBuffer, y: Int) {
        let labels = ["tablet.hazard_form.type", "tablet.hazard_form.severity", "tablet.hazard_form.description"]
            .map { " " + language.localized($0) + " " }
        let valueX = labels.map { DisplayWidth.of($0) }.max() ?? 0
        for (row, text) in labels.enumerated() { screen.put(text, x: 0, y: y + row, style: label) }
        let type = HazardForm.types[hazard.type], severity = HazardForm.severities[hazard.severity]
        for (row, part, text) in [(0, HazardForm.Part.type, type.label(in: language)), (1, .severity, severity.label(in: language))] {
            let focused = hazard.focus == part
            screen.put("‹ \(text) ›", x: valueX, y: y + row, style: Style(background: .palette(236), bold: focused, reverse: focused))
        }
        hazard.description.draw(into: &screen, x: valueX, y: y + 2, width: screen.width - valueX - 1,
                                style: Style(background: .palette(236), underline: true))
        let (key, style) = hazard.isIncomplete ? ("tablet.hazard_form.incomplete", Style(foreground: .ansi(1), background: .palette(236), bold: true))
                                               : ("tablet.hazard_form.hint", hint)
        screen.put(" " + language.localized(key), x: 0, y: y + 3, style: style)
    }
}
