/// How a text goes out as SMS: its coding, its length in that coding and how many messages it
/// takes, counted the way Kannel splits it.
///
/// A text that fits one message (160 GSM septets or 70 UCS-2 units) is one message. A longer one
/// goes out as concatenated parts, each with a 6-octet header the phone uses to join them: 153
/// septets a part, never splitting an escaped character (`€`, `[` …) between two parts; or 67 UCS-2
/// units a part.
///
/// ```swift
/// let segments = SMSSegments(text: String(repeating: "请", count: 100))
/// segments.coding   // .ucs2
/// segments.count    // 2 (67 + 33)
/// ```
public struct SMSSegments: Sendable, Hashable {
    /// The coding the text needs (see ``SMSCoding/choose(for:)``).
    public let coding: SMSCoding
    /// The text's length in that coding: septets for GSM (escaped characters count two), UTF-16
    /// code units for UCS-2.
    public let units: Int
    /// The messages it takes: 1 when it fits one, else the number of concatenated parts.
    public let count: Int

    /// Measures `text`.
    public init(text: String) {
        let coding = SMSCoding.choose(for: text)
        self.coding = coding
        switch coding {
        case .gsm7:
            let septets = text.unicodeScalars.map { GSMAlphabet.septets(for: $0) ?? 1 }
            units = septets.reduce(0, +)
            count = units <= coding.singleMessageCapacity ? 1 : Self.partsFilled(with: septets, capacity: coding.partCapacity)
        case .ucs2:
            units = text.utf16.count
            count = units <= coding.singleMessageCapacity ? 1 : (units + coding.partCapacity - 1) / coding.partCapacity
        }
    }

    /// Parts needed when characters of the given sizes are put in order into parts of `capacity`,
    /// a character never split between two parts.
    private static func partsFilled(with sizes: [Int], capacity: Int) -> Int {
        var parts = 1, used = 0
        for size in sizes {
            if used + size > capacity {
                parts += 1
                used = 0
            }
            used += size
        }
        return parts
    }
}
