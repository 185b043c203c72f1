/// What a position source reports: fixes, and for NMEA input every sentence read and every rejection.
public enum PositionEvent: Hashable, Sendable {
    /// A position.
    case fix(Fix)
    /// An NMEA sentence that was read and decoded.
    case sentence(NMEASentence)
    /// NMEA input that was refused, with the reason.
    case rejected(NMEARejection)

    /// The fix, when this event is one.
    public var fix: Fix? {
        if case .fix(let fix) = self { return fix }
        return nil
    }
}
