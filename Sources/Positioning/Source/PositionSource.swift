/// Anything that reports positions: a replayed NMEA log or GPX track, or gpsd.
public protocol PositionSource: Sendable {
    /// Starts reading. The sequence ends when the source has nothing more (a log at its end) and
    /// throws when the source cannot be read (a missing file, a broken GPX file).
    func events() -> AsyncThrowingStream<PositionEvent, any Error>
}

extension PositionSource {
    /// Only the fixes of ``events()``.
    public func fixes() -> some AsyncSequence<Fix, any Error> {
        events().compactMap(\.fix)
    }
}
