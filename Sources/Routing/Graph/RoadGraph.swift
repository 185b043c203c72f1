import Shared

/// A routable road graph for one ``TravelProfile``: nodes at OSM node positions and directed edges
/// between consecutive nodes of the usable ways, in compressed-sparse-row form (the edges leaving
/// node `n` are `edgeStart[n]..<edgeStart[n+1]`). Every node is kept (no geometry compression), so a
/// path's node list is its exact geometry, and each edge carries its way's class and street name.
///
/// Nodes are numbered in increasing OSM id order and edges sorted, so the same data read from any
/// encoding gives an equal graph.
public struct RoadGraph: Sendable, Equatable {
    /// The profile the graph was built for.
    public let profile: TravelProfile
    /// OSM node id of each node.
    public let nodeIDs: [Int64]
    /// Latitude of each node in 10⁻⁷ degree.
    public let latitudesE7: [Int32]
    /// Longitude of each node in 10⁻⁷ degree.
    public let longitudesE7: [Int32]
    /// `nodeCount + 1` offsets into the edge arrays.
    public let edgeStart: [Int32]
    /// Target node of each edge.
    public let edgeTarget: [Int32]
    /// Length of each edge in metres.
    public let edgeLength: [Double]
    /// ``HighwayClass`` raw value of each edge.
    public let edgeClass: [UInt8]
    /// Index into ``names`` of each edge's street name, or −1 when the way has none.
    public let edgeName: [Int32]
    /// The street names, sorted.
    public let names: [String]
    /// ``EdgeFlags`` raw value of each edge.
    public let edgeFlags: [UInt8]
    /// The speed limit of each edge in km/h (`maxspeed`), 0 when untagged.
    public let edgeMaxSpeed: [UInt8]
    /// The forbidden turns (from turn restrictions): entering by edge `turnFrom[i]`, the profile may
    /// not leave by edge `turnTo[i]`. Sorted by entering edge, then leaving edge.
    public let turnFrom: [Int32]
    /// See ``turnFrom``.
    public let turnTo: [Int32]
    /// The forbidden runs of edges (from turn restrictions over via ways), each of three edges or
    /// more: the edges of run `i` are `forbiddenPathEdges[forbiddenPathStart[i]..<forbiddenPathStart[i+1]]`,
    /// in order (arriving, along the via ways, leaving). Sorted.
    public let forbiddenPathStart: [Int32]
    /// See ``forbiddenPathStart``.
    public let forbiddenPathEdges: [Int32]
    /// Source node of each edge (derived, not stored in files).
    public let edgeSource: [Int32]

    /// Creates a graph from its arrays; the builders and the graph file decoder check them first.
    init(profile: TravelProfile, nodeIDs: [Int64], latitudesE7: [Int32], longitudesE7: [Int32], edgeStart: [Int32],
         edgeTarget: [Int32], edgeLength: [Double], edgeClass: [UInt8], edgeName: [Int32], names: [String], edgeFlags: [UInt8], edgeMaxSpeed: [UInt8],
         turnFrom: [Int32], turnTo: [Int32], forbiddenPathStart: [Int32] = [0], forbiddenPathEdges: [Int32] = []) {
        self.profile = profile
        self.nodeIDs = nodeIDs
        self.latitudesE7 = latitudesE7
        self.longitudesE7 = longitudesE7
        self.edgeStart = edgeStart
        self.edgeTarget = edgeTarget
        self.edgeLength = edgeLength
        self.edgeClass = edgeClass
        self.edgeName = edgeName
        self.names = names
        self.edgeFlags = edgeFlags
        self.edgeMaxSpeed = edgeMaxSpeed
        self.turnFrom = turnFrom
        self.turnTo = turnTo
        self.forbiddenPathStart = forbiddenPathStart
        self.forbiddenPathEdges = forbiddenPathEdges
        var sources = [Int32](repeating: 0, count: edgeTarget.count)
        for node in 0..<nodeIDs.count {
            for edge in Int(edgeStart[node])..<Int(edgeStart[node + 1]) { sources[edge] = Int32(node) }
        }
        self.edgeSource = sources
    }

    /// The number of nodes.
    public var nodeCount: Int { nodeIDs.count }
    /// The number of directed edges.
    public var edgeCount: Int { edgeTarget.count }

    /// The position of `node`.
    @inlinable public func point(_ node: Int) -> GeoPoint {
        GeoPoint(latitude: Double(latitudesE7[node]) / 1e7, longitude: Double(longitudesE7[node]) / 1e7)
    }

    /// The edges leaving `node`.
    @inlinable public func edges(from node: Int) -> Range<Int> {
        Int(edgeStart[node])..<Int(edgeStart[node + 1])
    }

    /// The street name of `edge`, or nil.
    public func name(of edge: Int) -> String? {
        edgeName[edge] >= 0 ? names[Int(edgeName[edge])] : nil
    }

    /// The highway class of `edge`.
    public func highwayClass(of edge: Int) -> HighwayClass {
        HighwayClass(rawValue: edgeClass[edge]) ?? .road
    }

    /// The flags of `edge`.
    public func flags(of edge: Int) -> EdgeFlags {
        EdgeFlags(rawValue: edgeFlags[edge])
    }

    /// Whether `edge` may be used only at the start or end of a leg, never to pass through.
    @inlinable public func isDestinationOnly(_ edge: Int) -> Bool {
        edgeFlags[edge] & EdgeFlags.destinationOnly.rawValue != 0
    }

    /// Whether a turn restriction forbids leaving by `next` after arriving by `edge`.
    public func isForbiddenTurn(from edge: Int, to next: Int) -> Bool {
        var low = 0, high = turnFrom.count
        while low < high {
            let middle = (low + high) / 2
            if (Int(turnFrom[middle]), Int(turnTo[middle])) < (edge, next) { low = middle + 1 } else { high = middle }
        }
        return low < turnFrom.count && Int(turnFrom[low]) == edge && Int(turnTo[low]) == next
    }

    /// The forbidden runs of edges (``forbiddenPathStart``), each in order.
    public var forbiddenPaths: [[Int]] {
        zip(forbiddenPathStart, forbiddenPathStart.dropFirst()).map { start, end in forbiddenPathEdges[Int(start)..<Int(end)].map { Int($0) } }
    }

    /// The profile's speed on `edge` in metres per second (its class and speed limit).
    public func speed(of edge: Int) -> Double {
        profile.speed(on: highwayClass(of: edge), limit: edgeMaxSpeed[edge] > 0 ? Double(edgeMaxSpeed[edge]) : nil) ?? 1
    }

    /// The highest speed on any edge (the A* time heuristic divides by it).
    public var topSpeed: Double {
        (0..<edgeCount).reduce(profile.topSpeed) { max($0, speed(of: $1)) }
    }

    /// Seconds to travel `edge` at the profile's speed there.
    public func travelTime(of edge: Int) -> Double {
        edgeLength[edge] / speed(of: edge)
    }

    /// The cost of `edge` under `metric`.
    @inlinable public func cost(of edge: Int, _ metric: RouteMetric) -> Double {
        metric == .distance ? edgeLength[edge] : travelTime(of: edge)
    }

    /// The cheapest edge from `from` to `to`, if any.
    public func edge(from: Int, to: Int) -> Int? {
        edges(from: from).filter { Int(edgeTarget[$0]) == to }.min { edgeLength[$0] < edgeLength[$1] }
    }

    /// Graphs are equal when every stored array is (the derived ``edgeSource`` follows from them).
    public static func == (lhs: RoadGraph, rhs: RoadGraph) -> Bool {
        lhs.profile == rhs.profile && lhs.nodeIDs == rhs.nodeIDs && lhs.latitudesE7 == rhs.latitudesE7
            && lhs.longitudesE7 == rhs.longitudesE7 && lhs.edgeStart == rhs.edgeStart && lhs.edgeTarget == rhs.edgeTarget
            && lhs.edgeLength == rhs.edgeLength && lhs.edgeClass == rhs.edgeClass && lhs.edgeName == rhs.edgeName
            && lhs.names == rhs.names && lhs.edgeFlags == rhs.edgeFlags && lhs.edgeMaxSpeed == rhs.edgeMaxSpeed && lhs.turnFrom == rhs.turnFrom && lhs.turnTo == rhs.turnTo
            && lhs.forbiddenPathStart == rhs.forbiddenPathStart && lhs.forbiddenPathEdges == rhs.forbiddenPathEdges
    }
}

/// What a route minimises.
public enum RouteMetric: String, Sendable, Codable, CaseIterable {
    /// Metres.
    case distance
    /// Seconds at the profile's speeds.
    case time
}
