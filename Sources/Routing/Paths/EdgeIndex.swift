import Shared

/// A uniform grid over a graph's edges for nearest-edge queries: each edge is listed in every cell
/// its bounding box touches, and a query searches rings of cells outwards until no nearer edge can
/// exist.
public struct EdgeIndex: Sendable {
    /// Cell size in degrees of latitude (about 110 m).
    static let cellDegrees = 0.001
    private let graph: RoadGraph
    private let longitudeScale: Double
    private var cells: [Int64: [Int32]] = [:]

    /// Indexes every edge of `graph` (one direction of each two-way pair).
    public init(graph: RoadGraph) {
        self.graph = graph
        let middle = graph.nodeCount == 0 ? 0 : Double(graph.latitudesE7.reduce(0) { $0 + Int64($1) }) / Double(graph.nodeCount) * 1e-7
        longitudeScale = max(cos(middle * .pi / 180), 0.01)
        for edge in 0..<graph.edgeCount {
            let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
            if from > to, graph.edge(from: to, to: from) != nil { continue }
            let (ax, ay) = cell(graph.point(from)), (bx, by) = cell(graph.point(to))
            for x in min(ax, bx)...max(ax, bx) {
                for y in min(ay, by)...max(ay, by) { cells[key(x, y), default: []].append(Int32(edge)) }
            }
        }
    }

    private func cell(_ point: GeoPoint) -> (Int, Int) {
        (Int((point.longitude * longitudeScale / Self.cellDegrees).rounded(.down)), Int((point.latitude / Self.cellDegrees).rounded(.down)))
    }

    private func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }

    /// The nearest point on any edge, or nil when the graph is empty or nothing lies within `limit` metres.
    public func snap(_ point: GeoPoint, limit: Double = 5_000) -> SnappedPoint? {
        guard point.latitude.isFinite, point.longitude.isFinite, limit.isFinite else { return nil }
        let (cx, cy) = cell(point)
        let cellMetres = Self.cellDegrees * 111_195.0
        var best: (distance: Double, edge: Int, fraction: Double)?
        let maxRing = Int(limit / cellMetres) + 2
        for ring in 0...maxRing {
            for x in (cx - ring)...(cx + ring) {
                for y in (cy - ring)...(cy + ring) where max(abs(x - cx), abs(y - cy)) == ring {
                    guard let edges = cells[key(x, y)] else { continue }
                    for edge in edges {
                        let (distance, fraction) = project(point, onto: Int(edge))
                        if distance < best?.distance ?? .infinity { best = (distance, Int(edge), fraction) }
                    }
                }
            }
            if let best, best.distance <= Double(ring) * cellMetres { break }
        }
        guard let best, best.distance <= limit else { return nil }
        let from = graph.point(Int(graph.edgeSource[best.edge])), to = graph.point(Int(graph.edgeTarget[best.edge]))
        let snapped = GeoPoint(latitude: from.latitude + (to.latitude - from.latitude) * best.fraction,
                               longitude: from.longitude + (to.longitude - from.longitude) * best.fraction)
        return SnappedPoint(original: point, edge: best.edge, fraction: best.fraction, point: snapped, distance: point.distance(to: snapped))
    }

    /// Distance in metres (local flat projection) from `point` to `edge`, and the fraction along it.
    private func project(_ point: GeoPoint, onto edge: Int) -> (Double, Double) {
        let a = graph.point(Int(graph.edgeSource[edge])), b = graph.point(Int(graph.edgeTarget[edge]))
        return PlanarProjection(origin: point).closest(on: a, b)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
