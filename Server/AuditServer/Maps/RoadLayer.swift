import Foundation
import Routing
import Shared

/// The roads of a viewport as GeoJSON, drawn from the imported road graph: the office map needs
/// no tile server. Each road class is one `MultiLineString` feature of two-point segments.
enum RoadLayer {
    /// At most this many segments are drawn; a larger view leaves out minor classes first.
    static let segmentLimit = 40_000

    /// The roads inside `box` as a GeoJSON FeatureCollection.
    static func geoJSON(_ map: RoutingMap, inside box: GeoBox) -> Data {
        guard let graph = map.graph(for: .foot) ?? map.graphs.first else { return Data(#"{"type":"FeatureCollection","features":[]}"#.utf8) }
        let south = Int32(box.south * 1e7), north = Int32(box.north * 1e7), west = Int32(box.west * 1e7), east = Int32(box.east * 1e7)
        func inside(_ node: Int) -> Bool {
            (south...north).contains(graph.latitudesE7[node]) && (west...east).contains(graph.longitudesE7[node])
        }
        var byClass: [HighwayClass: [(Int, Int)]] = [:]
        var count = 0
        for node in 0..<graph.nodeCount where inside(node) {
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTarget[edge])
                // One segment per pair of nodes: the reverse edge, when it was drawn, is the same road.
                if target < node, inside(target), graph.edge(from: target, to: node) != nil { continue }
                byClass[graph.highwayClass(of: edge), default: []].append((node, target))
                count += 1
            }
        }
        var classes = HighwayClass.allCases.filter { byClass[$0] != nil }
        while count > segmentLimit, let minor = classes.popLast() { count -= byClass[minor]?.count ?? 0 }
        func coordinate(_ node: Int) -> String {
            String(format: "[%.6f,%.6f]", Double(graph.longitudesE7[node]) / 1e7, Double(graph.latitudesE7[node]) / 1e7)
        }
        let features = classes.map { highway in
            let lines = byClass[highway, default: []].map { "[\(coordinate($0.0)),\(coordinate($0.1))]" }.joined(separator: ",")
            return #"{"type":"Feature","properties":{"class":"\#(highway)"},"geometry":{"type":"MultiLineString","coordinates":[\#(lines)]}}"#
        }
        return Data(#"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.utf8)
    }
}
