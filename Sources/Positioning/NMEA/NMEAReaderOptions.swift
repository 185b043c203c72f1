/// Rules the NMEA reader applies to input of doubtful shape.
public struct NMEAReaderOptions: Hashable, Sendable {
    /// What to do with a sentence that ends without a `*hh` checksum.
    ///
    /// NMEA 0183 lets some talkers omit the checksum, but every receiver whose logs we hold sends one,
    /// and a line without one is far more often a damaged line (a cut-off write, a lost line ending)
    /// than a legal sentence. So the default is ``reject``: such a line is refused with reason
    /// ``NMEARejectionReason/noChecksum``. Choose ``accept`` for an old talker known to send none; its
    /// sentences are then decoded like any other.
    public enum MissingChecksumRule: Hashable, Sendable {
        /// Refuse the sentence with reason ``NMEARejectionReason/noChecksum`` (the default).
        case reject
        /// Decode the sentence as if its checksum had matched.
        case accept
    }

    /// The rule for sentences without a checksum; ``MissingChecksumRule/reject`` by default.
    public var missingChecksum: MissingChecksumRule
    /// The longest sentence accepted, in bytes from `$` to the checksum. NMEA allows 82 with the line
    /// ending; real receivers exceed that a little, so the default is 200.
    public var maximumLength: Int

    /// Creates options; the defaults reject sentences without a checksum and longer than 200 bytes.
    public init(missingChecksum: MissingChecksumRule = .reject, maximumLength: Int = 200) {
        self.missingChecksum = missingChecksum
        self.maximumLength = max(8, maximumLength)
    }
}
