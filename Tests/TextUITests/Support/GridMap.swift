import AuditTerminal
import Foundation
import Routing
import Shared

/// A small hand-made street grid around ``SeededHome``'s customers, built through the Routing API
/// (OSM XML → ``RoutingMap`` → graph file) and cached for its work order, as a sync would.
enum GridMap {
    static let latitudes = [49.9470, 49.9490, 49.9510, 49.9525]
    static let longitudes = [11.5700, 11.5720, 11.5750, 11.5780]
    static let rowNames = ["Maximilianstraße", "Opernstraße", "Bahnhofstraße", "Kanalstraße"]
    static let columnNames = ["Wölfelstraße", "Sophienstraße", "Luitpoldplatz", "Richard-Wagner-Straße"]

    /// The grid as OSM XML: a node at every crossing, a residential street along every row and column.
    static var xml: String {
        var lines = ["<?xml version='1.0'?>", "<osm version='0.6'>"]
        func node(_ row: Int, _ column: Int) -> Int { 1 + row * longitudes.count + column }
        for (row, latitude) in latitudes.enumerated() {
            for (column, longitude) in longitudes.enumerated() {
                lines.append("<node id='\(node(row, column))' lat='\(latitude)' lon='\(longitude)'/>")
            }
        }
        var way = 100
        func street(_ nodes: [Int], _ name: String) {
            way += 1
            lines.append("<way id='\(way)'>" + nodes.map { "<nd ref='\($0)'/>" }.joined()
                         + "<tag k='highway' v='residential'/><tag k='name' v='\(name)'/></way>")
        }
        for row in latitudes.indices { street(longitudes.indices.map { node(row, $0) }, rowNames[row]) }
        for column in longitudes.indices { street(latitudes.indices.map { node($0, column) }, columnNames[column]) }
        lines.append("</osm>")
        return lines.joined(separator: "\n")
    }

    /// Caches the grid as the road map of the seeded work order.
    static func install(in home: SeededHome) throws {
        let extract = try OSMReader.read(Data(xml.utf8), file: "grid.osm")
        try home.store.storeMap(GraphFile.encode(RoutingMap.build(from: extract).map), workOrder: "wo-north-1")
    }
}
