import Foundation
import Routing
import Shared

/// What `map import` reports.
struct MapImportSummary: Encodable {
    let graph: String
    let bytes: Int
    let nodesRead: Int
    let waysRead: Int
    let profiles: [GraphReport]

    enum CodingKeys: String, CodingKey {
        case graph, bytes, profiles
        case nodesRead = "nodes_read"
        case waysRead = "ways_read"
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// What was written and, per travel profile, what was kept and dropped, for a person in `language`.
    func text(in language: Language) -> String {
        var lines = [language.localized("server.map.wrote", ["graph": graph, "bytes": bytes, "nodes": nodesRead, "ways": waysRead])]
        for report in profiles {
            lines.append(language.localized("server.map.profile", [
                "profile": report.profile.label(in: language), "nodes": report.nodes, "edges": report.edges,
                "dropped_nodes": report.droppedNodes, "dropped_edges": report.droppedEdges, "components": report.components]))
        }
        return lines.joined(separator: "\n")
    }
}
