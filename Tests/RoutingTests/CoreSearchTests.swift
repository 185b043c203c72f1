import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("cost tables: the node-based search gives exactly the chain search's costs where no turn is forbidden")
struct CoreSearchTests {
    static let rounds = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == "1" ? 40 : 6

    /// Graphs without forbidden turns: the foot graphs (destination-only ways and all), Monaco's car
    /// graph (one-way streets, no restriction), and Bayreuth's car graph with its restrictions taken away.
    static let cases: [(String, RoadGraph, RouteMetric)] = [
        ("Monaco foot", Extracts.graph(Extracts.monacoMap, .foot), .time),
        ("Monaco foot by distance", Extracts.graph(Extracts.monacoMap, .foot), .distance),
        ("Bayreuth foot", Extracts.graph(Extracts.bayreuthMap, .foot), .time),
        ("Monaco car", Extracts.graph(Extracts.monacoMap, .car), .time),
        ("Bayreuth car without restrictions", withoutTurns(Extracts.graph(Extracts.bayreuthMap, .car)), .time),
    ]

    @Test("the foot graphs have destination-only ways (so the leg phases matter) and no forbidden turn; tables use the node-based search")
    func footGraphs() {
        for graph in [Extracts.graph(Extracts.monacoMap, .foot), Extracts.graph(Extracts.bayreuthMap, .foot)] {
            #expect((0..<graph.edgeCount).contains { graph.isDestinationOnly($0) })
            #expect(!Router(graph: graph).chains.forbidsTurns)
        }
        #expect(Router(graph: Extracts.graph(Extracts.bayreuthMap, .car)).chains.forbidsTurns)
    }

    @Test("every entry of the node-based table equals the chain search's on the real extracts (property)", arguments: 0..<5)
    func tablesAgree(caseIndex: Int) async {
        let (name, graph, metric) = Self.cases[caseIndex]
        let router = Router(graph: graph, metric: metric)
        // Half the points on destination-only ways (private lanes, where the phases decide), half anywhere.
        let restricted = (0..<graph.edgeCount).filter { graph.isDestinationOnly($0) }.map { Int(graph.edgeSource[$0]) }
        let pick = Gen.int(in: 0..<graph.nodeCount).array(of: 24)
        await propertyCheck(count: Self.rounds, input: pick, Gen.int(in: 0..<max(restricted.count, 1)).array(of: 16)) { nodes, lanes in
            let chosen = nodes + (restricted.isEmpty ? [] : lanes.map { restricted[$0] })
            // Beside a node (inside an edge) or exactly on one (junctions, dead ends too).
            let snapped = chosen.enumerated().compactMap { index, node in
                router.snap(index % 2 == 0 ? ShortestPathTests.nudge(graph.point(node)) : graph.point(node))
            }
            let chain = router.table(snapped, search: ChainSearch(chains: router.chains))
            let core = router.table(snapped, search: CoreSearch(chains: router.chains))
            for i in snapped.indices {
                for j in snapped.indices {
                    let (a, b) = (chain[i][j], core[i][j])
                    #expect(a == b || abs(a - b) <= 1e-9 * max(1, a), "\(name) \(i) → \(j): chains \(a), cores \(b)")
                }
            }
        }
    }

    /// `graph` with no forbidden turn.
    static func withoutTurns(_ graph: RoadGraph) -> RoadGraph {
        RoadGraph(profile: graph.profile, nodeIDs: graph.nodeIDs, latitudesE7: graph.latitudesE7, longitudesE7: graph.longitudesE7,
                  edgeStart: graph.edgeStart, edgeTarget: graph.edgeTarget, edgeLength: graph.edgeLength, edgeClass: graph.edgeClass,
                  edgeName: graph.edgeName, names: graph.names, edgeFlags: graph.edgeFlags, edgeMaxSpeed: graph.edgeMaxSpeed,
                  turnFrom: [], turnTo: [])
    }
}
