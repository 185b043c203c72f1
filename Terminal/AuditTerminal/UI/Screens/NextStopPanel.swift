import Foundation
import Shared
import TextUI

/// The next-stop panel over the top of the map: the next customer with the distance over the path
/// and the arrival at walking pace, then the next instruction ("in 120 m turn left onto …").
public enum NextStopPanel {
    static let style = Style(foreground: .ansi(15), background: .ansi(4))
    static let warning = Style(foreground: .ansi(0), background: .ansi(3))

    /// The panel's two lines for `state`, or none without a planned path and a position.
    public static func lines(_ state: AuditUIState) -> [(text: String, style: Style)] {
        let language = state.language
        if let problem = state.navigationProblem { return [("⚠ " + language.localized("tablet.next_stop.no_path", ["problem": problem]), warning)] }
        guard let next = state.nextStop else { return [] }
        let entry = state.snapshot.entries.first { $0.id == next.id }
        let who = entry.map { "\($0.name)" + ($0.address.map { ", \($0)" } ?? "") } ?? next.id
        let remaining = state.navigation.map { $0.tour.stops.count } ?? 0
        var first = "▶ " + language.localized("tablet.next_stop.next", ["who": who, "distance": MapScreen.scaleText(next.distance),
                                                                   "arrival": minutes(next.secondsToArrival, language)])
        if remaining > 1 { first += " · " + language.localized("tablet.next_stop.stops_left", ["count": remaining]) }
        var second = "↪ \(next.instruction)"
        if next.offPath > 40 { second += " · " + language.localized("tablet.next_stop.off_path", ["meters": Int(next.offPath.rounded())]) }
        return [(first, style), (second, next.offPath > 40 ? warning : style)]
    }

    /// Draws the panel on the rows from `y`, across the screen.
    static func draw(_ state: AuditUIState, into screen: inout ScreenBuffer, y: Int) {
        for (offset, line) in lines(state).enumerated() {
            screen.fill(x: 0, y: y + offset, count: screen.width, style: line.style)
            screen.putField(" " + line.text, x: 0, y: y + offset, width: screen.width, style: line.style)
        }
    }

    /// `under a minute`, `about 3 min`, `about 1 h 20 min` in `language`.
    static func minutes(_ seconds: Double, _ language: Language) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 1 { return language.localized("tablet.next_stop.under_a_minute") }
        return minutes < 60 ? language.localized("tablet.next_stop.about_minutes", ["minutes": minutes])
            : language.localized("tablet.next_stop.about_hours", ["hours": minutes / 60, "minutes": minutes % 60])
    }
}
