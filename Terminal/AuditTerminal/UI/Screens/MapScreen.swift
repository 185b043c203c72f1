import Foundation
import Shared
import TextUI

/// The Map screen: a legend line, then the map (roads and path in braille, markers, the tablet),
/// with the OpenStreetMap attribution in its bottom right corner.
public enum MapScreen {
    /// The attribution the map data's licence asks for.
    public static let attribution = "© OpenStreetMap contributors"

    /// The cells the map itself occupies on a screen of `width` × `height`: below the legend line.
    public static func mapArea(width: Int, height: Int) -> (x: Int, y: Int, columns: Int, rows: Int) {
        let rows = AuditScreen.contentRows(height: height)
        return (0, rows.lowerBound + 1, width, max(0, rows.count - 1))
    }

    /// The viewport in use: the state's, or one fitting the whole scene.
    public static func viewport(_ state: AuditUIState, width: Int, height: Int) -> MapViewport? {
        if let viewport = state.viewport { return viewport }
        let area = mapArea(width: width, height: height)
        return MapViewport.fitting(state.mapScene.allPoints, dotWidth: area.columns * 2, dotHeight: area.rows * 4)
    }

    /// The layout of the state's scene on a screen of `width` × `height`, or `nil` with nothing to show.
    public static func layout(_ state: AuditUIState, width: Int, height: Int) -> MapLayout? {
        layout(scene: state.mapScene, viewport: viewport(state, width: width, height: height), width: width, height: height)
    }

    static func layout(scene: MapScene, viewport: MapViewport?, width: Int, height: Int) -> MapLayout? {
        guard !scene.isEmpty, let viewport else { return nil }
        let area = mapArea(width: width, height: height)
        return MapLayout(scene: scene, viewport: viewport, columns: area.columns, rows: area.rows)
    }

    static func render(_ state: AuditUIState, into screen: inout ScreenBuffer, rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        let scene = state.mapScene
        let viewport = viewport(state, width: screen.width, height: screen.height)
        drawLegend(viewport, state.language, into: &screen, y: rows.lowerBound)
        let area = mapArea(width: screen.width, height: screen.height)
        guard let layout = layout(scene: scene, viewport: viewport, width: screen.width, height: screen.height) else {
            let language = state.language
            let lines = [language.localized("tablet.map.empty.title"), language.localized("tablet.map.empty.no_location"),
                         language.localized("tablet.map.empty.no_roads"), language.localized("tablet.map.empty.hint")]
            for (offset, line) in lines.enumerated() {
                let y = area.y + area.rows / 2 - 1 + offset
                let x = max(0, (screen.width - DisplayWidth.of(line)) / 2)
                screen.put(line, x: x, y: y, style: offset == 0 ? Style(bold: true) : Style(foreground: .ansi(8)))
            }
            screen.putRight(attribution + " ", right: screen.width, y: area.y + area.rows - 1, style: Style(foreground: .ansi(8)))
            return
        }
        layout.draw(into: &screen, x: area.x, y: area.y)
        NextStopPanel.draw(state, into: &screen, y: area.y)
        screen.putRight(" " + attribution + " ", right: screen.width, y: area.y + area.rows - 1, style: Style(foreground: .ansi(8), reverse: true))
    }

    /// `○ pending  ✓ visited  ✎ corrected  ! conflict  ◉ you  ⣿ path   1 cell ≈ 12 m`
    static func drawLegend(_ viewport: MapViewport?, _ language: Language, into screen: inout ScreenBuffer, y: Int) {
        var x = 1
        for status in StopStatus.allCases {
            x = screen.put("\(status.symbol) \(status.label(in: language))", x: x, y: y, style: status.style) + 2
        }
        x = screen.put("◉ " + language.localized("tablet.map.legend.you"), x: x, y: y, style: MapStyle.position) + 2
        x = screen.put("⠒⠒ " + language.localized("tablet.map.legend.path"), x: x, y: y, style: MapStyle.path) + 2
        if let viewport {
            screen.putRight(language.localized("tablet.map.legend.cell", ["distance": scaleText(viewport.metersPerDot * 2)]) + " ", right: screen.width, y: y,
                            maxWidth: max(0, screen.width - x), style: Style(foreground: .ansi(8)))
        }
    }

    /// A distance for a person: `0.5 m`, `12 m`, `1.3 km`.
    static func scaleText(_ meters: Double) -> String {
        if meters < 10 { return String(format: "%.1f m", meters) }
        if meters < 1000 { return "\(Int(meters.rounded())) m" }
        return String(format: "%.1f km", meters / 1000)
    }
}
