/// How a profile may use a way, from its access tags.
public enum WayAccess: Sendable, Equatable {
    /// Open to through traffic.
    case open
    /// Usable only to reach or leave a place on it (`access=private|no|destination`, `customers`,
    /// `delivery`, …): at the start or the end of a leg, never to pass through.
    case destinationOnly
    /// Not usable at all (`area=yes` squares for cars).
    case closed

    /// Tag values that open a way to the profile.
    static let openValues: Set<String> = ["yes", "designated", "permissive", "official", "public"]
}
