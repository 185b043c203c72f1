/// The track of a GPX file: its segments of points, each point a ``Fix``.
public struct GPXTrack: Hashable, Sendable {
    /// The GPX version the file declares, `1.0` or `1.1`.
    public var version: String
    /// The track segments of every `<trk>` in file order; each is a list of points.
    public var segments: [[Fix]]

    /// Every point of every segment, in file order.
    public var fixes: [Fix] { segments.flatMap { $0 } }
}
