import Shared

/// What an OpenStreetMap extract holds that routing needs: every node's position, the ways with
/// their node references and tags, the turn restrictions, and the addressed objects (potential
/// customer sites).
///
/// Coordinates are kept as fixed-point integers in units of 10⁻⁷ degree (OSM's own precision),
/// so an XML file and a PBF file of the same data give bit-identical positions.
public struct OSMExtract: Sendable {
    /// Node ids in file order.
    public internal(set) var nodeIDs: [Int64] = []
    /// Latitudes in 10⁻⁷ degree, parallel to ``nodeIDs``.
    public internal(set) var latitudesE7: [Int32] = []
    /// Longitudes in 10⁻⁷ degree, parallel to ``nodeIDs``.
    public internal(set) var longitudesE7: [Int32] = []
    /// The ways that carry a `highway` or `addr:housenumber` tag, in file order.
    public internal(set) var ways: [OSMWay] = []
    /// Nodes that carry an `addr:housenumber` tag.
    public internal(set) var addressedNodes: [OSMAddressedNode] = []
    /// The turn restriction relations, in file order.
    public internal(set) var restrictions: [OSMRestriction] = []

    /// An empty extract, filled by the readers.
    public init() {}

    /// The number of nodes read.
    public var nodeCount: Int { nodeIDs.count }

    /// Adds a node at a fixed-point position.
    mutating func addNode(id: Int64, latitudeE7: Int32, longitudeE7: Int32) {
        nodeIDs.append(id)
        latitudesE7.append(latitudeE7)
        longitudesE7.append(longitudeE7)
    }

    /// Adds a way when it is relevant to routing or addresses.
    mutating func addWay(_ way: OSMWay) {
        if way.tags["highway"] != nil || way.tags["addr:housenumber"] != nil { ways.append(way) }
    }

    /// Adds a relation when it is a turn restriction (`type=restriction`).
    mutating func addRelation(id: Int64, tags: [String: String], members: [(type: String, ref: Int64, role: String)]) {
        guard tags["type"] == "restriction" else { return }
        restrictions.append(OSMRestriction(id: id, tags: tags, members: members))
    }

    /// Records a node's address tags, when it has `addr:housenumber`.
    mutating func addNodeTags(id: Int64, tags: [String: String]) {
        guard let number = tags["addr:housenumber"] else { return }
        addressedNodes.append(OSMAddressedNode(id: id, houseNumber: number, street: tags["addr:street"]))
    }

    /// A lookup from node id to its index in the node arrays.
    public func nodeIndex() -> [Int64: Int] {
        var index = [Int64: Int](minimumCapacity: nodeIDs.count)
        for (position, id) in nodeIDs.enumerated() { index[id] = position }
        return index
    }

    /// The position of the node at `index`.
    public func point(at index: Int) -> GeoPoint {
        GeoPoint(latitude: Double(latitudesE7[index]) / 1e7, longitude: Double(longitudesE7[index]) / 1e7)
    }

    /// Every addressed building or entrance: addressed nodes at their position, addressed ways at the
    /// mean of their nodes. Sorted by OSM id (nodes first), so both encodings of one extract agree.
    public func addresses() -> [OSMAddress] {
        let index = nodeIndex()
        var result: [OSMAddress] = []
        for node in addressedNodes.sorted(by: { $0.id < $1.id }) {
            guard let at = index[node.id] else { continue }
            result.append(OSMAddress(label: node.label, point: point(at: at)))
        }
        for way in ways.sorted(by: { $0.id < $1.id }) {
            guard let number = way.tags["addr:housenumber"] else { continue }
            let positions = way.refs.compactMap { index[$0] }
            guard !positions.isEmpty else { continue }
            let lat = positions.reduce(0.0) { $0 + Double(latitudesE7[$1]) } / Double(positions.count) / 1e7
            let lon = positions.reduce(0.0) { $0 + Double(longitudesE7[$1]) } / Double(positions.count) / 1e7
            let label = [way.tags["addr:street"], number].compactMap { $0 }.joined(separator: " ")
            result.append(OSMAddress(label: label, point: GeoPoint(latitude: lat, longitude: lon)))
        }
        return result
    }
}
