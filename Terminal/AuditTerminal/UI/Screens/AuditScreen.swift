import Foundation
import Shared
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
            case .help: HelpScreen.render(into: &screen, rows: area, scroll: state.helpScroll, language: state.language)
            }
        }
        if screen.height >= 2 { StatusBar.render(state, into: &screen, row: screen.height - 1, now: now) }
    }

    static let title = " FieldAudit "

    /// The tabs of the tab line with the columns each occupies; drawing and tapping both use it.
    public static func tabs(_ state: AuditUIState) -> [(label: String, screen: AuditUIState.Screen, columns: Range<Int>)] {
        let language = state.language
        let all: [(String, AuditUIState.Screen)] = [
            ("t " + language.localized("tablet.tab.today"), .today), (language.localized("tablet.tab.record"), .record),
            ("m " + language.localized("tablet.tab.map"), .map), ("? " + language.localized("tablet.tab.help"), .help),
        ]
        var x = DisplayWidth.of(title)
        var tabs: [(label: String, screen: AuditUIState.Screen, columns: Range<Int>)] = []
        for (label, tab) in all where tab != .record || state.record != nil {
            let text = state.screen == tab ? "[\(label)]" : " \(label) "
            tabs.append((text, tab, (x + 1)..<(x + 1 + DisplayWidth.of(text))))
            x += 1 + DisplayWidth.of(text)
        }
        return tabs
    }

    /// The tab line: the program, the screens with the current one highlighted, and the auditor.
    static func drawTabs(_ state: AuditUIState, into screen: inout ScreenBuffer) {
        let bar = Style(foreground: .ansi(15), background: .ansi(4))
        screen.fill(x: 0, y: 0, count: screen.width, style: bar)
        var x = screen.put(title, x: 0, y: 0, style: Style(foreground: .ansi(15), background: .ansi(4), bold: true))
        for tab in tabs(state) {
            let active = state.screen == tab.screen
            x = screen.put(tab.label, x: tab.columns.lowerBound, y: 0,
                           style: active ? Style(foreground: .ansi(0), background: .ansi(15), bold: true) : bar)
        }
        if let auditor = state.snapshot.auditor {
            screen.putRight(state.language.localized("tablet.tab.auditor", ["auditor": auditor]) + " ", right: screen.width, y: 0, maxWidth: max(0, screen.width - x - 1), style: bar)
        }
    }
}
