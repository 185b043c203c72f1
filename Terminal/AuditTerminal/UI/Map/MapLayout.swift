import Shared
import TextUI

/// A map scene laid out on a grid of cells for one viewport: roads and the path as braille dots,
/// customer markers and the tablet's position as cells. Both drawing and tapping use it, so a tap
/// finds exactly the marker drawn under the finger.
public struct MapLayout: Sendable {
    /// A marker placed in a cell.
    public struct PlacedMarker: Hashable, Sendable {
        /// Column within the map area.
        public var column: Int
        /// Row within the map area.
        public var row: Int
        /// The marker.
        public var marker: MapScene.Marker
    }

    /// Size of the map area in cells.
    public let columns: Int, rows: Int
    /// The roads, in dots.
    public private(set) var roads: BrailleCanvas
    /// The audit path, in dots.
    public private(set) var path: BrailleCanvas
    /// The markers inside the area, in drawing order (later ones on top: conflicts, then pending).
    public private(set) var markers: [PlacedMarker] = []
    /// The tablet's cell and the arrow showing its heading, when it is inside the area.
    public private(set) var position: (column: Int, row: Int, symbol: String)?

    /// The drawing order of statuses: audited below, pending above, conflicts on top.
    static func layer(_ status: StopStatus) -> Int {
        switch status {
        case .visited: return 0
        case .corrected: return 1
        case .pending: return 2
        case .conflict: return 3
        }
    }

    /// Lays `scene` out on `columns` × `rows` cells as seen through `viewport`.
    public init(scene: MapScene, viewport: MapViewport, columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        roads = BrailleCanvas(columns: self.columns, rows: self.rows)
        path = BrailleCanvas(columns: self.columns, rows: self.rows)
        let projection = MapProjection(viewport: viewport, dotWidth: roads.dotWidth, dotHeight: roads.dotHeight)
        for road in scene.roads { Self.polyline(road, projection, into: &roads) }
        Self.polyline(scene.path, projection, into: &path)
        for marker in scene.markers {
            let (x, y) = projection.project(marker.point)
            let column = Int((x / 2).rounded(.down)), row = Int((y / 4).rounded(.down))
            guard column >= 0, row >= 0, column < self.columns, row < self.rows else { continue }
            markers.append(PlacedMarker(column: column, row: row, marker: marker))
        }
        markers.sort { Self.layer($0.marker.status) < Self.layer($1.marker.status) }
        if let point = scene.position {
            let (x, y) = projection.project(point)
            let column = Int((x / 2).rounded(.down)), row = Int((y / 4).rounded(.down))
            if column >= 0, row >= 0, column < self.columns, row < self.rows {
                position = (column, row, Self.arrow(for: scene.heading))
            }
        }
    }

    /// The marker drawn at (`column`, `row`) of the map area, or else the nearest one at most one
    /// cell away (a fingertip is wider than a cell).
    public func marker(atColumn column: Int, row: Int) -> MapScene.Marker? {
        if let exact = markers.last(where: { $0.column == column && $0.row == row }) { return exact.marker }
        return markers.filter { abs($0.column - column) <= 1 && abs($0.row - row) <= 1 }
            .min { abs($0.column - column) + abs($0.row - row) < abs($1.column - column) + abs($1.row - row) }?.marker
    }

    /// The marker nearest the middle of the area.
    public var markerNearestCenter: MapScene.Marker? {
        let middleColumn = columns / 2, middleRow = rows / 2
        return markers.min { lhs, rhs in
            let l = (lhs.column - middleColumn) * (lhs.column - middleColumn) + 4 * (lhs.row - middleRow) * (lhs.row - middleRow)
            let r = (rhs.column - middleColumn) * (rhs.column - middleColumn) + 4 * (rhs.row - middleRow) * (rhs.row - middleRow)
            return l < r
        }?.marker
    }

    /// Draws the layout with its top left at (`x`, `y`): roads dim, the path in yellow over them,
    /// markers in their status styles, the position in bold reverse blue.
    public func draw(into screen: inout ScreenBuffer, x: Int, y: Int) {
        roads.draw(into: &screen, x: x, y: y, style: MapStyle.road)
        path.draw(into: &screen, x: x, y: y, style: MapStyle.path)
        for placed in markers {
            screen.put(placed.marker.status.symbol, x: x + placed.column, y: y + placed.row, style: placed.marker.status.style)
        }
        if let position {
            screen.put(position.symbol, x: x + position.column, y: y + position.row, style: MapStyle.position)
        }
    }

    /// An arrow for a heading in degrees from north, or a ring when the heading is unknown.
    static func arrow(for heading: Double?) -> String {
        guard let heading, heading.isFinite else { return "◉" }
        let arrows = ["↑", "↗", "→", "↘", "↓", "↙", "←", "↖"]
        let normalized = (heading.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        return arrows[Int((normalized + 22.5) / 45) % 8]
    }

    private static func polyline(_ points: [GeoPoint], _ projection: MapProjection, into canvas: inout BrailleCanvas) {
        guard var previous = points.first.map(projection.project) else { return }
        if points.count == 1 { canvas.line(fromX: previous.x, y0: previous.y, toX: previous.x, y1: previous.y) }
        for point in points.dropFirst() {
            let next = projection.project(point)
            canvas.line(fromX: previous.x, y0: previous.y, toX: next.x, y1: next.y)
            previous = next
        }
    }
}

/// The styles of the map's layers.
enum MapStyle {
    static let road = Style(foreground: .palette(245))
    static let path = Style(foreground: .ansi(11), bold: true)
    static let position = Style(foreground: .ansi(12), bold: true, reverse: true)
}
