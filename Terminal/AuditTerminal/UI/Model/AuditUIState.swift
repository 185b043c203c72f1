import Foundation
import Shared

/// Everything the UI shows, as one value: the screens draw it, the app changes it.
public struct AuditUIState: Sendable {
    /// The screens.
    public enum Screen: Hashable, Sendable {
        case today, record, map, help
    }

    /// The screen shown.
    public var screen: Screen = .today
    /// The screen help returns to.
    public var screenBeforeHelp: Screen = .today
    /// The first help line shown.
    public var helpScroll = 0
    /// The cached work.
    public var snapshot: AuditSnapshot
    /// The Today list.
    public var today = TodayState()
    /// The open record, if any.
    public var record: RecordScreenState?
    /// The map's view, once set.
    public var viewport: MapViewport?
    /// Road centre lines of the cached area, once routing provides them.
    public var roads: [[GeoPoint]] = []
    /// The tablet's position and heading, once positioning provides them.
    public var position: GeoPoint?
    /// The direction of travel in degrees from north.
    public var heading: Double?
    /// The audit path over the roads, once planned.
    public var navigation: NavigationPlan?
    /// Why the last planning round failed, if it did.
    public var navigationProblem: String?
    /// The status bar's facts.
    public var status = ConnectionStatus()
    /// The time zone clock times are shown in.
    public var timeZone = TimeZone.current
    /// The language every screen speaks (`--lang` or the locale; English unless asked).
    public var language = Language.english

    /// The state showing `snapshot` on the Today screen.
    public init(snapshot: AuditSnapshot) {
        self.snapshot = snapshot
        status.outbox = snapshot.outbox
        status.link = snapshot.auditor == nil ? .notEnrolled : .unknown
    }

    /// The map scene of today's work.
    public var mapScene: MapScene {
        var scene = MapScene(entries: snapshot.entries, position: position, heading: heading)
        scene.roads = roads
        if let navigation { scene.path = navigation.points }
        return scene
    }

    /// The next stop from the current position on the planned path, for the panel.
    public var nextStop: NextStop? {
        guard let navigation, let position else { return nil }
        return navigation.nextStop(at: position)
    }

    /// The context the keys are looked up in.
    public var keyContext: KeyContext {
        switch screen {
        case .today: return today.searching ? .search : .today
        case .record: return record?.editing != nil ? .editing : record?.visit?.hazard != nil ? .hazard : record?.visit != nil ? .visit : .record
        case .map: return .map
        case .help: return .help
        }
    }
}
