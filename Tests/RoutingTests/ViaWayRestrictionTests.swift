import Foundation
import Shared
import Testing
@testable import Routing

/// Neither real extract has a restriction over a via way (Bayreuth's 40 all turn at a node, Monaco
/// has none), so these run on a hand-written junction:
///
///     1 ─── 2 ─── 3        Anna (1–2) meets the connector (2–7–5), which meets Berta (5–6).
///     │     7     │        "no_left_turn from Anna via the connector to Berta" forbids 1→2→7→5→6.
///     4 ─── 5 ─── 6
@Suite("turn restrictions over via ways: read from XML and PBF, kept as forbidden runs, never travelled")
struct ViaWayRestrictionTests {
    static let nodes: [(Int64, Double, Double)] = [(1, 50.001, 11.000), (2, 50.001, 11.001), (3, 50.001, 11.002), (4, 50.000, 11.000),
                                                   (5, 50.000, 11.001), (6, 50.000, 11.002), (7, 50.0005, 11.001)]
    static let ways: [(Int64, [Int64], String)] = [(10, [1, 2], "Anna"), (12, [5, 6], "Berta"), (13, [2, 3], "Anna"), (14, [3, 6], "Cäcilie"),
                                                   (15, [4, 5], "Berta"), (16, [1, 4], "Dora"), (17, [5, 7], "Steg"), (18, [7, 2], "Steg")]

    /// The junction as OSM XML, with the restriction relation over the two connector ways (listed
    /// against their direction) when `restriction` is given.
    static func xml(_ restriction: String?, to: Int64 = 12) -> Data {
        var text = "<?xml version='1.0'?><osm version='0.6'>"
        for (id, lat, lon) in nodes { text += "<node id='\(id)' lat='\(lat)' lon='\(lon)'/>" }
        for (id, refs, name) in ways {
            text += "<way id='\(id)'>" + refs.map { "<nd ref='\($0)'/>" }.joined()
            text += "<tag k='highway' v='residential'/><tag k='name' v='\(name)'/></way>"
        }
        if let restriction {
            text += "<relation id='99'><member type='way' ref='10' role='from'/><member type='way' ref='17' role='via'/>"
            text += "<member type='way' ref='18' role='via'/><member type='way' ref='\(to)' role='to'/>"
            text += "<tag k='type' v='restriction'/><tag k='restriction' v='\(restriction)'/></relation>"
        }
        return Data((text + "</osm>").utf8)
    }

    static func graph(_ restriction: String?, _ profile: TravelProfile = .car, to: Int64 = 12) throws -> RoadGraph {
        let extract = try OSMReader.read(xml(restriction, to: to), file: "junction.osm")
        return try #require(RoutingMap.build(from: extract).map.graph(for: profile))
    }

    /// The edge between two OSM nodes.
    static func edge(_ graph: RoadGraph, _ from: Int64, _ to: Int64) -> Int {
        let a = graph.nodeIDs.firstIndex(of: from)!, b = graph.nodeIDs.firstIndex(of: to)!
        return graph.edge(from: a, to: b)!
    }

    /// The route by time from the middle of Anna (1→2) to the middle of Berta (5→6).
    static func route(_ graph: RoadGraph) throws -> Route {
        let router = Router(graph: graph, metric: .time)
        return try #require(router.route(from: TurnRestrictionTests.middle(of: edge(graph, 1, 2), graph),
                                         to: TurnRestrictionTests.middle(of: edge(graph, 5, 6), graph)))
    }

    /// Whether `route` travels the edges of `run` one after the other.
    static func travels(_ route: Route, _ run: [Int]) -> Bool {
        route.edges.count >= run.count && (0...(route.edges.count - run.count)).contains { Array(route.edges[$0..<($0 + run.count)]) == run }
    }

    @Test("the relation reads the same from XML and PBF: one from way, two via ways, one to way")
    func readers() throws {
        let xml = try OSMReader.read(Self.xml("no_left_turn"), file: "junction.osm").restrictions
        #expect(xml.count == 1 && xml.first?.viaWays == [17, 18] && xml.first?.viaNodes == [] && xml.first?.from == [10] && xml.first?.to == [12])
        var strings = ProtobufWriter()
        for text in ["", "type", "restriction", "no_left_turn", "from", "via", "to"] { strings.field(1, string: text) }
        var relation = ProtobufWriter()
        relation.field(1, varint: 99)
        relation.field(2, packed: [1, 2])
        relation.field(3, packed: [2, 3])
        relation.field(8, packed: [4, 5, 5, 6])
        relation.field(9, packedSigned: [10, 7, 1, -6])            // members 10, 17, 18, 12
        relation.field(10, packed: [1, 1, 1, 1])
        var group = ProtobufWriter()
        group.field(4, message: relation)
        var block = ProtobufWriter()
        block.field(1, message: strings)
        block.field(2, message: group)
        let pbf = try OSMReader.read(Data(ProtobufWriter.header() + ProtobufWriter.blob(type: "OSMData", content: block)), file: "junction.pbf")
        #expect(pbf.restrictions == xml)
    }

    @Test("the car graph keeps the restriction as one forbidden run of edges, through graph files and cuts; walkers are not bound")
    func kept() throws {
        let graph = try Self.graph("no_left_turn")
        let run = [Self.edge(graph, 1, 2), Self.edge(graph, 2, 7), Self.edge(graph, 7, 5), Self.edge(graph, 5, 6)]
        #expect(graph.forbiddenPaths == [run] && graph.turnFrom.isEmpty)
        let map = RoutingMap(graphs: [graph])
        #expect(try GraphFile.decode(GraphFile.encode(map), file: "junction.bin") == map)
        let box = GeoBox(enclosing: Self.nodes.map { GeoPoint(latitude: $0.1, longitude: $0.2) })
        #expect(graph.cut(to: try #require(box), margin: 100).graph == graph)
        #expect(try Self.graph("no_left_turn", .foot).forbiddenPaths.isEmpty)
        let only = try Self.graph("only_straight_on", to: 15)
        let back = [Self.edge(only, 1, 2), Self.edge(only, 2, 7), Self.edge(only, 7, 5), Self.edge(only, 5, 7)]
        #expect(Set(only.forbiddenPaths) == [run, back], "only_*: every other way off the connector, back along it too")
    }

    @Test("no car route travels a forbidden run: it goes round instead; the table agrees; without the restriction, or on foot, it goes through")
    func obeyed() throws {
        for (restriction, to) in [("no_left_turn", Int64(12)), ("only_straight_on", Int64(15))] {
            let graph = try Self.graph(restriction, to: to)
            let route = try Self.route(graph)
            #expect(!graph.forbiddenPaths.isEmpty && graph.forbiddenPaths.allSatisfy { !Self.travels(route, $0) }, "\(restriction)")
            let free = try Self.route(Self.graph(nil))
            #expect(route.time > free.time + 1 && free.length < 190, "\(restriction): round the block, \(route.length) m against \(free.length) m")
            #expect(try Self.route(Self.graph(restriction, .foot)).length < 190)
            let router = Router(graph: graph, metric: .time)
            #expect(router.chains.forbidsTurns)
            let points = [TurnRestrictionTests.middle(of: Self.edge(graph, 1, 2), graph), TurnRestrictionTests.middle(of: Self.edge(graph, 5, 6), graph)]
            #expect(abs(router.table(points)[0][1] - route.time) < 1e-6)
        }
    }
}
