import Shared
import TextUI

/// The Record screen: every field with its value, conflicts side by side with their writers, the
/// edit line with the rule's verdict under it, the customer's devices and the visit form.
public enum RecordScreen {
    /// Width of the field-name column.
    static let nameWidth = 16
    static let dim = Style(foreground: .ansi(8))
    static let problem = Style(foreground: .ansi(1), bold: true)
    static let good = Style(foreground: .ansi(2))
    static let draft = Style(foreground: .ansi(3))

    /// One line of the screen, and the selectable row it belongs to.
    struct Line {
        var row: Int?
        var draw: (inout ScreenBuffer, Int) -> Void
    }

    static func render(_ state: AuditUIState, into screen: inout ScreenBuffer, rows area: Range<Int>) {
        guard let record = state.record, area.count >= 2 else { return }
        let language = state.language
        drawTitle(record, language, into: &screen, y: area.lowerBound)
        let formHeight = record.visit?.height ?? 0
        // The last message (saved, refused, recorded) keeps its own row above the form, so it is
        // seen however long the record is.
        let messageHeight = record.message == nil ? 0 : 1
        let body = (area.lowerBound + 1)..<max(area.lowerBound + 1, area.upperBound - formHeight - messageHeight)
        let lines = lines(record, width: screen.width, language: language)
        let top = scroll(lines, selection: record.selection, current: record.scroll, height: body.count)
        for (offset, y) in body.enumerated() where top + offset < lines.count {
            lines[top + offset].draw(&screen, y)
        }
        if let message = record.message, area.upperBound - formHeight - 1 > area.lowerBound {
            screen.putField(" " + message.text, x: 0, y: area.upperBound - formHeight - 1, width: screen.width,
                            style: message.isProblem ? problem : good)
        }
        if let visit = record.visit { VisitFormView.draw(visit, language, into: &screen, y: area.upperBound - formHeight) }
    }

    /// The first line to show so that the selected row is in view.
    static func scroll(_ lines: [Line], selection: Int, current: Int, height: Int) -> Int {
        guard height > 0, let selected = lines.firstIndex(where: { $0.row == selection }) else { return 0 }
        var last = selected
        while last + 1 < lines.count, lines[last + 1].row == nil, last + 1 - selected < 2 { last += 1 }  // keep the verdict line in view
        if selected < current { return selected }
        if last >= current + height { return last - height + 1 }
        return current
    }

    /// The first line that `render` shows for `record` in `language` in a body `height` rows high (the app keeps it).
    public static func scroll(for record: RecordScreenState, width: Int, height: Int, language: Language = .english) -> Int {
        scroll(lines(record, width: width, language: language), selection: record.selection, current: record.scroll, height: height)
    }

    /// The selectable row drawn on screen row `y` (for taps), if any, with the state normalized for
    /// a screen of `width` × `height` in `language`.
    public static func row(atScreenRow y: Int, _ record: RecordScreenState, width: Int, height: Int, language: Language = .english) -> Int? {
        let body = AuditScreen.contentRows(height: height).lowerBound + 1
        let lines = lines(record, width: width, language: language)
        let index = record.scroll + y - body
        guard y >= body, index >= 0, index < lines.count,
              y < height - 1 - (record.visit?.height ?? 0) - (record.message == nil ? 0 : 1) else { return nil }
        return lines[index].row
    }

    static func drawTitle(_ record: RecordScreenState, _ language: Language, into screen: inout ScreenBuffer, y: Int) {
        let state = record.state
        let name = state.text("name") ?? state.text("serial") ?? state.text("area") ?? ""
        var x = screen.put(" \(state.kind.label(in: language)) \(state.id)  \(name)", x: 0, y: y, style: Style(bold: true))
        let conflicts = state.conflicts.count
        if conflicts > 0 {
            let text = conflicts == 1 ? language.localized("tablet.record.one_conflict") : language.localized("tablet.record.conflicts", ["count": conflicts])
            x = screen.put("   ! " + text, x: x, y: y, style: problem)
        } else {
            x = screen.put("   ✓ " + language.localized("tablet.record.settled"), x: x, y: y, style: good)
        }
        screen.putRight(language.localized("tablet.record.keys_hint") + " ", right: screen.width, y: y, maxWidth: max(0, screen.width - x - 1), style: dim)
    }

    static func lines(_ record: RecordScreenState, width: Int, language: Language) -> [Line] {
        let view = RecordView(record.state)
        let shown = Dictionary(view.fields.map { ($0.name, $0.field) }, uniquingKeysWith: { first, _ in first })
        let valueWidth = max(10, min(40, (width - nameWidth - 4) / 2))
        var lines = hazardLines(record.hazards, width: width, language: language) + recordFindingLines(record, width: width, language: language)
        let noteX = nameWidth + 4 + valueWidth
        lines.append(Line(row: nil) { screen, y in
            screen.put("  " + language.localized("tablet.record.column.field"), x: 0, y: y, style: dim)
            screen.put(language.localized("tablet.record.column.value"), x: nameWidth + 3, y: y, style: dim)
            screen.putField(language.localized("tablet.record.column.conflict"), x: nameWidth + 4 + valueWidth, y: y,
                            width: screen.width - nameWidth - 4 - valueWidth, style: dim)
        })
        for (index, spec) in record.state.schema.fields.enumerated() {
            let field = shown[spec.name]
            let selected = record.selection == index
            let editing = record.editing?.field == spec.name ? record.editing : nil
            let notes = record.findings.filter { $0.concerns(record.state.id, field: spec.name) }
            let noteTexts = findingTexts(notes, width: width - noteX, language: language)
            let conflicted = !(field?.conflict.isEmpty ?? true)
            lines.append(Line(row: index) { screen, y in
                var base = Style.plain
                base.reverse = selected && editing == nil
                screen.fill(x: 0, y: y, count: screen.width, style: base)
                if conflicted {
                    screen.put("!", x: 0, y: y, style: problem)
                } else if !notes.isEmpty {
                    screen.put(findingMarker, x: 0, y: y, style: style(of: notes))
                }
                if selected && editing == nil { screen.put("▶", x: 1, y: y, style: base) }
                screen.putField(spec.label(in: language) + (spec.isRequired ? "*" : ""), x: 2, y: y, width: nameWidth, style: base)
                let valueX = nameWidth + 3
                if let editing {
                    editing.editor.draw(into: &screen, x: valueX, y: y, width: screen.width - valueX - 1, style: Style(underline: true))
                    return
                }
                if let text = record.drafts[spec.name] {
                    screen.putField("✎ " + language.localized("tablet.record.draft", ["text": text]), x: valueX, y: y, width: valueWidth, style: selected ? base : draft)
                } else {
                    screen.putField(field?.value.description ?? "", x: valueX, y: y, width: valueWidth, style: base)
                }
                guard let entries = field?.conflict, conflicted else {
                    if let first = noteTexts.first { screen.putField(first, x: noteX, y: y, width: screen.width - noteX, style: selected ? base : style(of: notes)) }
                    return
                }
                let sides = entries.map { language.localized("record_view.value_by", ["value": $0.value, "writer": $0.replica]) }
                    .joined(separator: "  │  ")
                screen.putField(sides, x: noteX, y: y, width: screen.width - noteX, style: selected ? base : problem)
            })
            if let editing {
                let verdict: (text: String, style: Style)
                switch editing.verdict(in: record.state.schema) {
                case .success: verdict = ("✓ " + language.localized("tablet.record.verdict_fits"), good)
                case .failure(let error): verdict = ("✗ \(error.description)", problem)
                }
                for text in TextWrap.lines(verdict.text, width: max(1, width - nameWidth - 4)).prefix(3) {
                    lines.append(Line(row: nil) { screen, y in
                        screen.putField(text, x: nameWidth + 3, y: y, width: screen.width - nameWidth - 3, style: verdict.style)
                    })
                }
            }
            lines += findingLines(conflicted ? noteTexts : Array(noteTexts.dropFirst()), x: noteX, style: style(of: notes))
        }
        if record.state.kind == .customer {
            lines.append(Line(row: nil) { _, _ in })
            lines.append(Line(row: nil) { screen, y in
                let heading = record.devices.isEmpty ? language.localized("tablet.record.devices_none")
                    : language.localized("tablet.record.devices", ["count": record.devices.count])
                screen.put(" " + heading, x: 0, y: y, style: Style(bold: true))
            })
            for (offset, device) in record.devices.enumerated() {
                let row = record.state.schema.fields.count + offset
                lines.append(Line(row: row) { screen, y in
                    var base = Style.plain
                    base.reverse = record.selection == row
                    screen.fill(x: 0, y: y, count: screen.width, style: base)
                    screen.put(device.hasConflicts ? "!" : " ", x: 0, y: y, style: device.hasConflicts ? problem : base)
                    if record.selection == row { screen.put("▶", x: 1, y: y, style: base) }
                    let parts = [device.text("kind") ?? "", device.text("serial") ?? "", device.text("seal").map { language.localized("tablet.record.device_seal", ["seal": $0]) } ?? "",
                                 device.text("model") ?? "", device.text("status") ?? ""].filter { !$0.isEmpty }
                    screen.putField(parts.joined(separator: " · "), x: 3, y: y, width: screen.width - 2, style: base)
                })
                lines += deviceFindingLines(record, device: device, width: width, language: language)
            }
        }
        return lines
    }

    /// The open hazards at a customer, above its fields: a heading, then each one's severity, type,
    /// state and description (wrapped to two lines at most), and a blank line.
    static func hazardLines(_ hazards: [Hazard], width: Int, language: Language) -> [Line] {
        guard !hazards.isEmpty else { return [] }
        var lines = [Line(row: nil) { screen, y in
            screen.put(" ⚠ " + language.localized("tablet.record.hazards", ["count": hazards.count]), x: 0, y: y, style: problem)
        }]
        for hazard in hazards {
            let head = "\(hazard.severity.label(in: language)) · \(hazard.type.label(in: language)) · \(hazard.state.label(in: language))"
            lines.append(Line(row: nil) { screen, y in screen.putField(head, x: 3, y: y, width: screen.width - 3, style: Style(bold: true)) })
            for text in TextWrap.lines(hazard.description, width: max(1, width - 5)).prefix(2) {
                lines.append(Line(row: nil) { screen, y in screen.putField(text, x: 5, y: y, width: screen.width - 5, style: .plain) })
            }
        }
        lines.append(Line(row: nil) { _, _ in })
        return lines
    }
}
