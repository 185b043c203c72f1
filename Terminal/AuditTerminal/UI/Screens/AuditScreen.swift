import Foundation
import TextUI

/// Draws the whole UI for a state: the tab line on top, the current screen, the status bar below.
/// A pure function of the state, the size and the time, so every screen can be tested without a terminal.
public enum AuditScreen {
    /// The rows of the screen area between the tab line and the status bar.
    public static func contentRows(height: Int) -> Range<Int> { 1..<max(1, height - 1) }

    /// Draws `state` into `screen` as of `now`.
    public static func render(_ state: AuditUIState, into screen: inout ScreenBuffer, now: Date) {
        guard screen.width > 0, screen.height > 0 else { return }
        drawTabs(state, into: &screen)
        let area = contentRows(height: screen.height)
        if screen.height >= 3 {
            switch state.screen {
            case .today: TodayScreen.render(state, into: &screen, rows: area)
            case .record: RecordScreen.render(state, into: &screen, rows: area)
            case .map: MapScreen.render(state, into: &screen, rows: area)
            case .help: HelpScreen.render(into: &screen, rows: area)
            }
        }
        if screen.height >= 2 { StatusBar.render(state, into: &screen, row: screen.height - 1, now: now) }
    }

    /// The tab line: the program, the screens with the current one highlighted, and the auditor.
    static func drawTabs(_ state: AuditUIState, into screen: inout ScreenBuffer) {
        let bar = Style(foreground: .ansi(15), background: .ansi(4))
        screen.fill(x: 0, y: 0, count: screen.width, style: bar)
        var x = screen.put(" FieldAudit ", x: 0, y: 0, style: Style(foreground: .ansi(15), background: .ansi(4), bold: true))
        let tabs: [(String, AuditUIState.Screen)] = [("t Today", .today), ("Record", .record), ("m Map", .map), ("? Help", .help)]
        for (label, tab) in tabs where tab != .record || state.record != nil {
            let active = state.screen == tab
            x = screen.put(active ? "[\(label)]" : " \(label) ", x: x + 1, y: 0,
                           style: active ? Style(foreground: .ansi(0), background: .ansi(15), bold: true) : bar)
        }
        if let auditor = state.snapshot.auditor {
            screen.putRight("auditor \(auditor) ", right: screen.width, y: 0, maxWidth: max(0, screen.width - x - 1), style: bar)
        }
    }
}
