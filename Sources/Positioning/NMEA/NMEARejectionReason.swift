/// Why a piece of input did not become a sentence.
public enum NMEARejectionReason: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A `*hh` checksum is present but does not match the sentence.
    case badChecksum
    /// The `*` is not followed by two hexadecimal digits.
    case malformedChecksum
    /// The line ends without a `*hh` checksum (see ``NMEAReaderOptions/MissingChecksumRule``).
    case noChecksum
    /// The sentence was cut off: by a new `$` or `!`, by a NUL byte, or by the end of the input.
    case truncated
    /// The sentence is longer than ``NMEAReaderOptions/maximumLength``.
    case tooLong
    /// The sentence holds a byte that is not printable ASCII.
    case invalidCharacter
    /// The address field is not a two-letter talker plus a three-letter type.
    case badAddress
    /// A well-formed sentence of a type this reader does not decode (ZDA, TXT, proprietary `$P…`, AIS `!…`).
    case unsupportedSentence
    /// Field number N (1 is the first field after the address) is missing or cannot be read.
    case malformedField(Int)
    /// Text outside any sentence: a line that does not start with `$`, `!` or `#`, or bytes after a checksum.
    case strayText

    /// The words printed in summaries, for example `bad checksum` or `malformed field 3`.
    public var description: String {
        switch self {
        case .badChecksum: "bad checksum"
        case .malformedChecksum: "malformed checksum"
        case .noChecksum: "no checksum"
        case .truncated: "truncated"
        case .tooLong: "too long"
        case .invalidCharacter: "invalid character"
        case .badAddress: "bad address"
        case .unsupportedSentence: "unsupported sentence"
        case .malformedField(let index): "malformed field \(index)"
        case .strayText: "stray text"
        }
    }

    /// Orders reasons by their printed words, so summaries list them in a stable order.
    public static func < (lhs: NMEARejectionReason, rhs: NMEARejectionReason) -> Bool {
        lhs.description < rhs.description
    }
}
