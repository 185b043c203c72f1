/// The source of `none`: no positions; its sequence ends at once.
public struct NoPositionSource: PositionSource {
    /// Creates the empty source.
    public init() {}

    /// Starts the source; see ``PositionSource/events()``.
    public func events() -> AsyncThrowingStream<PositionEvent, any Error> {
        AsyncThrowingStream { $0.finish() }
    }
}
