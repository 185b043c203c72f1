/// How the characters of a text message are coded on the air.
public enum SMSCoding: String, Sendable, Hashable, CaseIterable {
    /// The GSM 03.38 7-bit default alphabet: 160 characters in one message, 153 in each part of a
    /// longer one. Used whenever every character of the text is in ``GSMAlphabet``.
    case gsm7 = "GSM"
    /// UCS-2 (sent as UTF-16BE): any character, 70 in one message, 67 in each part of a longer one.
    /// Used for Chinese and for any text with a character outside the GSM alphabet.
    case ucs2 = "UCS-2"

    /// The coding `text` needs: ``gsm7`` when it can, ``ucs2`` otherwise.
    ///
    /// ```swift
    /// SMSCoding.choose(for: "Work order 1042 is due today")   // .gsm7
    /// SMSCoding.choose(for: "工单 1042 今天到期")                // .ucs2
    /// ```
    public static func choose(for text: String) -> SMSCoding {
        GSMAlphabet.canEncode(text) ? .gsm7 : .ucs2
    }

    /// The characters (septets for GSM, UTF-16 code units for UCS-2) one message holds alone.
    public var singleMessageCapacity: Int {
        switch self {
        case .gsm7: return 160
        case .ucs2: return 70
        }
    }

    /// The characters each part of a concatenated message holds: 140 octets less the 6-octet
    /// concatenation header.
    public var partCapacity: Int {
        switch self {
        case .gsm7: return 153
        case .ucs2: return 67
        }
    }
}
