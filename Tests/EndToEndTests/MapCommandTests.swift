import Foundation
import TestSupport
import Testing

/// `audit-server map import` and `audit-server route` as operators run them, on the real extracts.
@Suite("audit-server map import and route", .serialized)
struct MapCommandTests {
    /// `../shared/data/osm`, or `$FIELDAUDIT_SHARED_DATA/osm`.
    static let osm: String = {
        if let root = ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"] { return root + "/osm" }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("shared/data/osm").path
    }()
    static let pbf = osm + "/north-bayreuth.osm.pbf"
    static let gzip = osm + "/north-bayreuth.osm.gz"
    /// Addressed buildings of northern Bayreuth (from the extract's addr:* tags).
    static let stops = """
        id,lat,lon,label
        nr17,50.0179468,11.4987665,Neuenreuther Straße 17
        ad8,50.0117962,11.4959292,Altdrossenfeld 8
        gb1,50.0223737,11.4998711,Gutenbergstraße 1
        sp1,50.0158561,11.5025021,Schloßplatz 1
        mp2a,50.0155246,11.5035635,Marktplatz 2a
        """

    static func json(_ result: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test("map import compiles the PBF into DATA/map/graph.bin and reports both profiles and what was dropped")
    func importPBF() throws {
        let directory = try TemporaryDirectory("map-import")
        defer { directory.remove() }
        let data = directory.file("data")
        let result = try run("audit-server", ["map", "import", Self.pbf, "--data", data, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result)
        #expect(report["nodes_read"] as? Int == 58_631)
        let profiles = try #require(report["profiles"] as? [[String: Any]])
        #expect(profiles.compactMap { $0["profile"] as? String } == ["foot", "car"])
        for profile in profiles {
            #expect((profile["nodes"] as? Int ?? 0) > 1000)
            #expect((profile["edges"] as? Int ?? 0) > (profile["nodes"] as? Int ?? 0))
            #expect((profile["dropped_nodes"] as? Int ?? 0) > 0, "the extract has stranded road pieces")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: data + "/map")
        #expect(files == ["graph.bin"], "no temporary file is left behind")
        let size = try FileManager.default.attributesOfItem(atPath: data + "/map/graph.bin")[.size] as? Int
        #expect(size == report["bytes"] as? Int)

        let text = try run("audit-server", ["map", "import", Self.gzip, "--data", data])
        #expect(text.status == 0)
        #expect(text.stdout.contains("foot: ") && text.stdout.contains("car: ") && text.stdout.contains("dropped"))
    }

    @Test("route plans the same path on the compiled graph as on the extract itself, every stop once")
    func routeOnGraphAndExtract() throws {
        let directory = try TemporaryDirectory("route")
        defer { directory.remove() }
        let data = directory.file("data"), csv = directory.file("stops.csv")
        try Self.stops.write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try run("audit-server", ["map", "import", Self.pbf, "--data", data]).status == 0)
        let arguments = ["--from", "50.0170,11.5000", "--stops", csv, "--profile", "car", "--json"]
        let compiled = try run("audit-server", ["route", "--map", data + "/map/graph.bin"] + arguments)
        let raw = try run("audit-server", ["route", "--map", Self.gzip] + arguments)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let a = try Self.json(compiled), b = try Self.json(raw)
        let order = try #require(a["order"] as? [String])
        #expect(order.sorted() == ["ad8", "gb1", "mp2a", "nr17", "sp1"])
        #expect(order == b["order"] as? [String])
        let legs = try #require(a["legs_m"] as? [Double])
        let total = try #require(a["total_m"] as? Double)
        #expect(legs.count == 5 && legs.allSatisfy { $0 > 0 })
        #expect(abs(legs.reduce(0, +) - total) < 1)
        #expect(abs(total - (b["total_m"] as? Double ?? 0)) < 0.01)
        #expect(a["plan_ms"] is Double)

        let table = try run("audit-server", ["route", "--map", data + "/map/graph.bin", "--from", "50.0170,11.5000", "--stops", csv])
        #expect(table.status == 0)
        #expect(table.stdout.contains("5 stops"))
        #expect(order.allSatisfy { table.stdout.contains($0) })
    }

    @Test("bad stop rows are named by line, the good ones planned, exit status 2")
    func badRows() throws {
        let directory = try TemporaryDirectory("route-bad")
        defer { directory.remove() }
        let csv = directory.file("stops.csv")
        try "id,lat,lon\na,50.0179468,11.4987665\nb,95,11.5\n,50.0117962,11.4959292\nc,50.0155246,east\nd,50.0223737,11.4998711\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try run("audit-server", ["route", "--map", Self.pbf, "--from", "50.0170,11.5000", "--stops", csv, "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("stops.csv:3: location: latitude must be between -90 and 90"))
        #expect(result.stderr.contains("stops.csv:4: id: must not be empty"))
        #expect(result.stderr.contains("stops.csv:5: lat/lon: must be decimal degrees"))
        #expect(try Self.json(result)["order"] as? [String] == ["a", "d"])
    }

    @Test("a damaged graph file or a non-OSM file is refused by name, and import writes nothing")
    func refusals() throws {
        let directory = try TemporaryDirectory("map-bad")
        defer { directory.remove() }
        let data = directory.file("data"), csv = directory.file("stops.csv"), junk = directory.file("junk.osm.pbf")
        try Self.stops.write(toFile: csv, atomically: true, encoding: .utf8)
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: junk))
        let refused = try run("audit-server", ["map", "import", junk, "--data", data])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("junk.osm.pbf") && refused.stderr.contains("not an OSM file"))
        #expect(!FileManager.default.fileExists(atPath: data + "/map/graph.bin"))

        #expect(try run("audit-server", ["map", "import", Self.pbf, "--data", data]).status == 0)
        let graph = data + "/map/graph.bin"
        let whole = try Data(contentsOf: URL(fileURLWithPath: graph))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: graph))
        let cut = try run("audit-server", ["route", "--map", graph, "--from", "50.0170,11.5000", "--stops", csv])
        #expect(cut.status != 0)
        #expect(cut.stderr.contains("graph.bin") && cut.stderr.contains("truncated"))
    }
}
