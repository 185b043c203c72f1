import Shared
import Foundation
import Testing
@testable import Routing

@Suite("road graphs: profiles, one-way streets, largest component")
struct GraphTests {
    @Test("the gzipped XML and the PBF of Bayreuth give identical graphs for every profile")
    func encodingsGiveIdenticalGraphs() {
        let fromXML = RoutingMap.build(from: Extracts.bayreuthXML), fromPBF = Extracts.bayreuthMap
        #expect(fromXML.map == fromPBF.map)
        #expect(fromXML.reports == fromPBF.reports)
        #expect(fromPBF.map.graphs.allSatisfy { $0.nodeCount > 1000 && $0.edgeCount > $0.nodeCount })
    }

    /// Avenue Princesse Grace (OSM way 4230044), a one-way secondary road along Monaco's seafront.
    static let onewayWay: Int64 = 4_230_044

    @Test("Avenue Princesse Grace in Monaco is one-way for cars and two-way on foot")
    func onewayStreet() throws {
        let way = try #require(Extracts.monaco.ways.first { $0.id == Self.onewayWay })
        #expect(way.tags["oneway"] == "yes")
        #expect(way.tags["name"] == "Avenue Princesse Grace")
        let car = Extracts.graph(Extracts.monacoMap, .car), foot = Extracts.graph(Extracts.monacoMap, .foot)
        var checked = 0
        for (a, b) in zip(way.refs, way.refs.dropFirst()) {
            guard let carA = car.nodeIDs.firstIndex(of: a), let carB = car.nodeIDs.firstIndex(of: b) else { continue }
            #expect(car.edge(from: carA, to: carB).map { car.name(of: $0) } == "Avenue Princesse Grace")
            #expect(car.edge(from: carB, to: carA) == nil, "no car edge against the one-way direction")
            let footA = try #require(foot.nodeIDs.firstIndex(of: a)), footB = try #require(foot.nodeIDs.firstIndex(of: b))
            #expect(foot.edge(from: footA, to: footB) != nil && foot.edge(from: footB, to: footA) != nil)
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test("a car route against a one-way street never drives it backwards and is longer; on foot it is not")
    func onewayRouting() throws {
        let car = Router(graph: Extracts.graph(Extracts.monacoMap, .car))
        let foot = Router(graph: Extracts.graph(Extracts.monacoMap, .foot))
        let way = try #require(Extracts.monaco.ways.first { $0.id == Self.onewayWay })
        let index = Extracts.monaco.nodeIndex()
        let first = Extracts.monaco.point(at: index[way.refs[3]]!), last = Extracts.monaco.point(at: index[way.refs[15]]!)
        let along = try car.route(from: first, to: last), against = try car.route(from: last, to: first)
        let forbidden = Set(zip(way.refs, way.refs.dropFirst()).map { [$0.1, $0.0] })
        let driven = zip(against.nodes, against.nodes.dropFirst()).map { [car.graph.nodeIDs[$0.0], car.graph.nodeIDs[$0.1]] }
        #expect(driven.allSatisfy { !forbidden.contains($0) }, "the car never drives the street against its direction")
        #expect(against.length > along.length + 50, "cars must go round: \(against.length) m vs \(along.length) m")
        let onFoot = try foot.route(from: last, to: first)
        #expect(onFoot.length <= along.length + 1, "walkers may use the street both ways")
    }

    @Test("only the largest strongly connected component is kept, and what was dropped is counted")
    func largestComponent() {
        for (map, extract) in [(Extracts.monacoMap, Extracts.monaco), (Extracts.bayreuthMap, Extracts.bayreuthPBF)] {
            for (graph, report) in zip(map.map.graphs, map.reports) {
                #expect(report.nodes == graph.nodeCount && report.edges == graph.edgeCount)
                #expect(report.components > 1 && report.droppedNodes > 0, "the real extracts have stranded pieces")
                #expect(Self.reachesAll(graph, forward: true) && Self.reachesAll(graph, forward: false))
                let unfiltered = RoadGraphBuilder.build(extract, profile: graph.profile).report
                #expect(unfiltered.nodes + unfiltered.droppedNodes > graph.nodeCount)
            }
        }
    }

    @Test("cars keep off footways and tracks; walkers keep off motorways")
    func profiles() {
        let car = Extracts.graph(Extracts.bayreuthMap, .car), foot = Extracts.graph(Extracts.bayreuthMap, .foot)
        let carClasses = Set(car.edgeClass.compactMap(HighwayClass.init(rawValue:)))
        let footClasses = Set(foot.edgeClass.compactMap(HighwayClass.init(rawValue:)))
        #expect(carClasses.isDisjoint(with: [.footway, .track, .path, .steps, .pedestrian]))
        #expect(carClasses.contains(.motorway))
        #expect(footClasses.isDisjoint(with: [.motorway, .motorwayLink, .trunk, .trunkLink]))
        #expect(footClasses.contains(.track) && footClasses.contains(.residential))
    }

    @Test("a cut keeps the nodes inside the box plus margin, strongly connected")
    func cut() {
        let graph = Extracts.graph(Extracts.bayreuthMap, .foot)
        let box = GeoBox(south: 50.010, west: 11.490, north: 50.020, east: 11.510)
        let (part, report) = graph.cut(to: box, margin: 200)
        let area = box.expanded(by: 200)
        #expect(part.nodeCount > 100 && part.nodeCount < graph.nodeCount)
        #expect((0..<part.nodeCount).allSatisfy { area.contains(part.point($0)) })
        #expect(report.nodes == part.nodeCount)
        #expect(Self.reachesAll(part, forward: true) && Self.reachesAll(part, forward: false))
    }

    /// Whether every node is reached from node 0 along (or against) the edges.
    static func reachesAll(_ graph: RoadGraph, forward: Bool) -> Bool {
        var adjacency = [[Int]](repeating: [], count: graph.nodeCount)
        for edge in 0..<graph.edgeCount {
            let (a, b) = (Int(graph.edgeSource[edge]), Int(graph.edgeTarget[edge]))
            if forward { adjacency[a].append(b) } else { adjacency[b].append(a) }
        }
        var seen = [Bool](repeating: false, count: graph.nodeCount)
        var stack = [0]
        seen[0] = true
        while let node = stack.popLast() {
            for next in adjacency[node] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return !seen.contains(false)
    }
}
