import Shared

/// Which directions of a way a profile may travel, from its tags.
struct OnewayRule {
    /// Along the node order.
    var forward: Bool
    /// Against the node order.
    var backward: Bool

    /// `oneway=yes|true|1` → forward only; `oneway=-1|reverse` → backward only; `oneway=no` → both;
    /// otherwise roundabouts (`junction=roundabout|circular`) and motorways are forward only.
    /// A profile that does not obey one-way rules may always go both ways.
    init(tags: [String: String], highwayClass: HighwayClass, profile: TravelProfile) {
        guard profile.obeysOneway else {
            self.init(forward: true, backward: true)
            return
        }
        switch tags["oneway"] {
        case "yes", "true", "1": self.init(forward: true, backward: false)
        case "-1", "reverse": self.init(forward: false, backward: true)
        case "no", "false", "0": self.init(forward: true, backward: true)
        default:
            let roundabout = tags["junction"] == "roundabout" || tags["junction"] == "circular"
            self.init(forward: true, backward: !(roundabout || highwayClass.impliesOneway))
        }
    }

    init(forward: Bool, backward: Bool) {
        self.forward = forward
        self.backward = backward
    }
}
