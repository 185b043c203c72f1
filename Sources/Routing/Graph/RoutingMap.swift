import Shared

/// The routable graphs of one extract, one per ``TravelProfile``; what a graph file holds.
public struct RoutingMap: Sendable, Equatable {
    /// The graphs, one per profile, in ``TravelProfile/allCases`` order.
    public var graphs: [RoadGraph]

    /// Creates a map from its graphs.
    public init(graphs: [RoadGraph]) {
        self.graphs = graphs
    }

    /// The graph for `profile`, if the map has one.
    public func graph(for profile: TravelProfile) -> RoadGraph? {
        graphs.first { $0.profile == profile }
    }

    /// Builds a graph per profile from `extract`; `progress` is told each profile as it starts.
    public static func build(from extract: OSMExtract, progress: (TravelProfile) -> Void = { _ in }) -> (map: RoutingMap, reports: [GraphReport]) {
        var graphs: [RoadGraph] = [], reports: [GraphReport] = []
        for profile in TravelProfile.allCases {
            progress(profile)
            let (graph, report) = RoadGraphBuilder.build(extract, profile: profile)
            graphs.append(graph)
            reports.append(report)
        }
        return (RoutingMap(graphs: graphs), reports)
    }

    /// Every graph cut to `box` plus `margin` metres (see ``RoadGraph/cut(to:margin:)``).
    public func cut(to box: GeoBox, margin: Double = 500) -> (map: RoutingMap, reports: [GraphReport]) {
        let cuts = graphs.map { $0.cut(to: box, margin: margin) }
        return (RoutingMap(graphs: cuts.map(\.graph)), cuts.map(\.report))
    }
}
