/// What the auditor does at a maneuver point.
public enum TurnKind: String, Sendable, Equatable, Codable {
    /// Less than 20° off the current heading.
    case straight
    /// 20–45° to the left.
    case slightLeft
    /// 45–120° to the left.
    case left
    /// 120–165° to the left.
    case sharpLeft
    /// 165° or more either way.
    case uTurn
    /// 20–45° to the right.
    case slightRight
    /// 45–120° to the right.
    case right
    /// 120–165° to the right.
    case sharpRight
    /// Arrival at a stop.
    case arrive

    /// Classifies a change of bearing in degrees (−180…180, positive clockwise = to the right):
    /// under 20° straight, under 45° slight, under 120° a turn, under 165° sharp, else a U-turn.
    public init(bearingChange angle: Double) {
        let size = abs(angle)
        switch size {
        case ..<20: self = .straight
        case ..<45: self = angle > 0 ? .slightRight : .slightLeft
        case ..<120: self = angle > 0 ? .right : .left
        case ..<165: self = angle > 0 ? .sharpRight : .sharpLeft
        default: self = .uTurn
        }
    }

    /// The words for the turn, as in "turn left" or "keep slightly right".
    public var phrase: String {
        switch self {
        case .straight: "continue"
        case .slightLeft: "bear left"
        case .left: "turn left"
        case .sharpLeft: "turn sharp left"
        case .uTurn: "make a U-turn"
        case .slightRight: "bear right"
        case .right: "turn right"
        case .sharpRight: "turn sharp right"
        case .arrive: "arrive"
        }
    }
}
