import Shared

extension RoutingMap {
    /// The box around every node of every graph: the area the imported extract covers; `nil` for
    /// a map without nodes.
    public var bounds: GeoBox? {
        var box: GeoBox?
        for graph in graphs {
            for (lat, lon) in zip(graph.latitudesE7, graph.longitudesE7) {
                let latitude = Double(lat) / 1e7, longitude = Double(lon) / 1e7
                if var known = box {
                    known.south = min(known.south, latitude); known.north = max(known.north, latitude)
                    known.west = min(known.west, longitude); known.east = max(known.east, longitude)
                    box = known
                } else {
                    box = GeoBox(south: latitude, west: longitude, north: latitude, east: longitude)
                }
            }
        }
        return box
    }
}
