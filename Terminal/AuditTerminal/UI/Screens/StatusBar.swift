import Foundation
import Shared
import TextUI

/// The bottom line of every screen: link, last sync, outbox, refused batches, GPS, a running sync, the clock.
public enum StatusBar {
    static let bar = Style(foreground: .ansi(0), background: .ansi(7))
    static let stale = Style(foreground: .ansi(0), background: .ansi(3))

    /// The status bar's text segments for `status` in `language`, left to right.
    public static func segments(_ status: ConnectionStatus, timeZone: TimeZone, language: Language = .english) -> [(text: String, style: Style)] {
        var parts: [(String, Style)] = []
        switch status.link {
        case .notEnrolled: parts.append(("○ " + language.localized("tablet.status_bar.not_enrolled"), bar))
        case .unknown: parts.append(("◌ " + language.localized("tablet.status_bar.not_synced_yet"), bar))
        case .online: parts.append(("● " + language.localized("tablet.status_bar.online"), Style(foreground: .ansi(0), background: .ansi(2))))
        case .offline(let reason):
            parts.append(("○ " + language.localized("tablet.status_bar.offline", ["reason": reason]), Style(foreground: .ansi(15), background: .ansi(1))))
        }
        let synced = status.lastSync.map { language.localized("tablet.status_bar.synced", ["time": String(clock($0, timeZone).prefix(5))]) }
        parts.append((synced ?? language.localized("tablet.status_bar.never_synced"), bar))
        parts.append((language.localized("tablet.status_bar.outbox", ["count": status.outbox]),
                      status.outbox > 0 ? Style(foreground: .ansi(0), background: .ansi(3)) : bar))
        if status.refused > 0 {
            parts.append(("⚠ " + language.localized("tablet.status_bar.refused", ["count": status.refused]), Style(foreground: .ansi(15), background: .ansi(1))))
        }
        parts.append((GPSIndicator.label(status.gps, language: language),
                      status.gps.map { if case .stale = $0 { return stale } else { return bar } } ?? bar))
        if status.syncing { parts.append(("⟳ " + language.localized("tablet.status_bar.syncing"), bar)) }
        return parts
    }

    /// Draws the bar on `row`.
    static func render(_ state: AuditUIState, into screen: inout ScreenBuffer, row: Int, now: Date) {
        screen.fill(x: 0, y: row, count: screen.width, style: bar)
        let right = screen.putRight(" \(clock(now, state.timeZone)) ", right: screen.width, y: row, style: bar)
        // The link (with a failure's reason) gets what the other facts leave free, so the outbox
        // and GPS always show; each segment is " text " followed by a separator.
        let segments = segments(state.status, timeZone: state.timeZone, language: state.language)
        let others = segments.dropFirst().reduce(0) { $0 + DisplayWidth.of($1.text) + 3 }
        var x = 0
        for (index, (text, style)) in segments.enumerated() {
            let room = index == 0 ? max(3, right - 1 - others - 3) : DisplayWidth.of(text)
            guard x + room + 3 <= right else { break }
            let shown = DisplayWidth.of(text) <= room ? text : DisplayWidth.truncate(text, toWidth: room - 1) + "…"
            x = screen.putField(" \(shown) ", x: x, y: row, width: min(DisplayWidth.of(text), room) + 2, style: style)
            x = screen.put("│", x: x, y: row, style: bar)
        }
    }

    /// `HH:MM:SS` of `date` in `timeZone`.
    static func clock(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
