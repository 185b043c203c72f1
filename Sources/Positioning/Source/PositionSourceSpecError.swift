/// A source spec that cannot be read, with the reason and the accepted forms.
public struct PositionSourceSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The spec as given.
    public var spec: String
    /// What is wrong with it.
    public var problem: String

    /// `GPS source "x": unknown kind of source; expected gpsd://HOST:PORT, …`.
    public var description: String {
        "GPS source \"\(spec)\": \(problem); expected gpsd://HOST:PORT, nmea:PATH[?speed=N], gpx:PATH[?speed=N] or none"
    }
}
