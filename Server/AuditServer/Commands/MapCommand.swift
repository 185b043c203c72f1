import ArgumentParser
import CommandLanguage
import Foundation
import Routing
import Shared

/// `audit-server map import`: compiles an OpenStreetMap extract into the server's routing graph.
struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Road maps for routing: compile an OpenStreetMap extract into DIR/map/graph.bin.",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Build the foot and car road graphs of an OSM extract and store them in the data directory.",
            discussion: """
                FILE may be OSM XML (.osm), gzipped XML (.osm.gz) or PBF (.osm.pbf, what operators \
                download); the format is recognised by content. For each profile the command keeps the \
                largest strongly connected part of the road network (so every kept point can reach every \
                other) and reports what it dropped. The graph is written to DIR/map/graph.bin through a \
                temporary file and a rename, so a running server never sees half a graph.

                Data: © OpenStreetMap contributors, ODbL (see maps/README.md).

                Example: audit-server map import maps/north-bayreuth.osm.pbf --data /var/lib/fieldaudit --json
                """
        )
        @Argument(help: ArgumentHelp("The OSM extract to compile.", valueName: "file")) var file: String
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Flag(help: "Print the report as JSON: counts per profile and what was dropped.") var json = false

        func run() async throws {
            let language = messages.language
            var bar = ProgressBar(total: 3, label: language.localized("server.map.progress"))
            bar.update(0)
            let extract: OSMExtract
            do { extract = try OSMReader.read(path: file) } catch { throw ExitCodeMessage("\(error)") }
            bar.update(1)
            var step = 1
            let (map, reports) = RoutingMap.build(from: extract) { _ in step += 1; bar.update(step) }
            let out = URL(fileURLWithPath: data.data).appendingPathComponent("map/graph.bin").path
            do {
                try FileManager.default.createDirectory(atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw ExitCodeMessage(language.localized("server.cannot_write", ["file": "\(data.data)/map", "error": error.localizedDescription]))
            }
            let bytes = GraphFile.encode(map)
            try AtomicFile.write(bytes, to: out, in: language)
            bar.update(3)
            let summary = MapImportSummary(graph: out, bytes: bytes.count, nodesRead: extract.nodeCount,
                                           waysRead: extract.ways.count, profiles: reports)
            print(json ? summary.json : summary.text(in: language))
        }
    }
}
