/// The source of `none`: no positions; its sequence ends at once.
public struct NoPositionSource: PositionSource {
    /// Creates the empty source.
    public init() {}

    public func events() -> AsyncThrowingStream<PositionEvent, any Error> {
        AsyncThrowingStream { $0.finish() }
    }
}
