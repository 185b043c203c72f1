import Shared

/// The stretches of each named street of a graph, for the question "how far is this point from
/// the street its address names?" (a data-quality rule: a customer placed far from its street
/// was placed wrongly, or its address is wrong).
///
/// Names are compared loosely, as people write them: case, dots, spaces and hyphens do not count,
/// and `Straße`, `Strasse` and `Str.` are one word (`St.-Georgen-Straße` is `St. Georgen Str.`).
public struct StreetIndex: Sendable {
    private let graph: RoadGraph
    private let edges: [String: [Int32]]

    /// Indexes every named edge of `graph` (one direction of each two-way pair).
    public init(graph: RoadGraph) {
        self.graph = graph
        var edges: [String: [Int32]] = [:]
        for edge in 0..<graph.edgeCount {
            let name = Int(graph.edgeName[edge])
            guard name >= 0 else { continue }
            let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
            if from > to, graph.edge(from: to, to: from) != nil { continue }
            edges[Self.key(graph.names[name]), default: []].append(Int32(edge))
        }
        self.edges = edges
    }

    /// The distance in metres from `point` to the nearest stretch of `street`, or `nil` when the
    /// graph has no street of that name.
    public func distance(from point: GeoPoint, toStreet street: String) -> Double? {
        guard let stretches = edges[Self.key(street)] else { return nil }
        let projection = PlanarProjection(origin: point)
        return stretches.lazy.map { edge in
            projection.closest(on: graph.point(Int(graph.edgeSource[Int(edge)])), graph.point(Int(graph.edgeTarget[Int(edge)]))).0
        }.min()
    }

    /// The street an address names: the text before its first comma without the house number
    /// (`Ruhstraße 12a, 95448 Bayreuth` → `Ruhstraße`); `nil` when nothing is left.
    public static func street(ofAddress address: String) -> String? {
        let first = address.split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
        var words = first.split(whereSeparator: \.isWhitespace).map(String.init)
        while let last = words.last, last.first?.isNumber == true { words.removeLast() }
        let street = words.joined(separator: " ")
        return street.isEmpty ? nil : street
    }

    /// The loose form a name is compared in.
    static func key(_ name: String) -> String {
        var text = name.lowercased()
        for long in ["straße", "strasse"] { text = text.replacingOccurrences(of: long, with: "str") }
        return String(text.unicodeScalars.filter { !".- \t'".unicodeScalars.contains($0) }.map(Character.init))
    }
}
