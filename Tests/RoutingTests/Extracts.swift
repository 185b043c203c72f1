import Shared
import Foundation
@testable import Routing

/// The real extracts, each read once per test process and shared by the suites.
enum Extracts {
    static let monacoPath = SharedData.osm.appendingPathComponent("monaco.osm").path
    static let bayreuthXMLPath = SharedData.osm.appendingPathComponent("north-bayreuth.osm.gz").path
    static let bayreuthPBFPath = SharedData.osm.appendingPathComponent("north-bayreuth.osm.pbf").path

    static let monaco: OSMExtract = try! OSMReader.read(path: monacoPath)
    static let bayreuthXML: OSMExtract = try! OSMReader.read(path: bayreuthXMLPath)
    static let bayreuthPBF: OSMExtract = try! OSMReader.read(path: bayreuthPBFPath)

    static let monacoMap = RoutingMap.build(from: monaco)
    static let bayreuthMap = RoutingMap.build(from: bayreuthPBF)

    static func graph(_ map: (map: RoutingMap, reports: [GraphReport]), _ profile: TravelProfile) -> RoadGraph {
        map.map.graph(for: profile)!
    }
}
