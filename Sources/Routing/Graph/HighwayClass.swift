/// The OSM `highway=*` values routing understands, from motorway down to steps. The raw value is
/// what the graph file stores.
public enum HighwayClass: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Roads for motor traffic, from the fastest (`motorway`) to the least important public road
    /// (`unclassified`), with their slip roads (`…_link`).
    case motorway, motorwayLink, trunk, trunkLink, primary, primaryLink, secondary, secondaryLink
    /// See ``motorway``; `residential` and `living_street` are streets people live on, `service` an
    /// access road (car parks, yards), `road` a road of unknown class.
    case tertiary, tertiaryLink, unclassified, residential, livingStreet, service, road
    /// Ways for people on foot (and bikes, horses, farm vehicles): `track` is an agricultural or
    /// forest road, `pedestrian` a pedestrian street or square, `steps` a flight of stairs.
    case track, pedestrian, footway, path, steps, cycleway, bridleway

    /// The class for an OSM `highway` tag value, or nil for values that are not roads or paths
    /// (`proposed`, `construction`, `platform`, …).
    public init?(tag: String) {
        guard let known = Self.byTag[tag] else { return nil }
        self = known
    }

    private static let byTag: [String: HighwayClass] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.description, $0) })

    /// The OSM tag value, e.g. `motorway_link`.
    public var description: String {
        switch self {
        case .motorway: "motorway"
        case .motorwayLink: "motorway_link"
        case .trunk: "trunk"
        case .trunkLink: "trunk_link"
        case .primary: "primary"
        case .primaryLink: "primary_link"
        case .secondary: "secondary"
        case .secondaryLink: "secondary_link"
        case .tertiary: "tertiary"
        case .tertiaryLink: "tertiary_link"
        case .unclassified: "unclassified"
        case .residential: "residential"
        case .livingStreet: "living_street"
        case .service: "service"
        case .road: "road"
        case .track: "track"
        case .pedestrian: "pedestrian"
        case .footway: "footway"
        case .path: "path"
        case .steps: "steps"
        case .cycleway: "cycleway"
        case .bridleway: "bridleway"
        }
    }

    /// Whether the class is a motorway or its link, which are one-way unless tagged otherwise.
    var impliesOneway: Bool { self == .motorway || self == .motorwayLink }
}
