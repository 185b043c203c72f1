import Foundation
import Routing

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

    var text: String {
        var lines = ["wrote \(graph) (\(bytes) bytes) from \(nodesRead) nodes and \(waysRead) highway/address ways"]
        for report in profiles {
            lines.append("\(report.profile.rawValue): \(report.nodes) nodes, \(report.edges) edges kept; "
                + "dropped \(report.droppedNodes) nodes and \(report.droppedEdges) edges outside the largest of \(report.components) connected parts")
        }
        return lines.joined(separator: "\n")
    }
}
