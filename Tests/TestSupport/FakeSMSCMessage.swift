/// One message as Kannel's fakesmsc printed it (a line of `scripts/sms-gateway`'s `received.txt`),
/// decoded independently of the code under test.
///
/// Kannel's fake SMS centre writes `FROM TO text TEXT` for GSM text (as it is), `FROM TO ucs-2 DATA`
/// for UCS-2 (UTF-16BE bytes), `FROM TO data DATA` for 8-bit data, and `FROM TO udh UDH data DATA`
/// for a message with a user data header, such as each part of a concatenated message; `UDH` and
/// `DATA` are URL-encoded (`%XX` a byte, `+` a space).
public struct FakeSMSCMessage: Sendable, Equatable {
    /// How the message's content was given.
    public enum Kind: String, Sendable {
        case text, ucs2 = "ucs-2", data, udh
    }

    /// The line as printed.
    public let line: String
    /// The sender (`from`).
    public let sender: String
    /// The recipient (`to`).
    public let receiver: String
    /// How the content was given.
    public let kind: Kind
    /// The user data header's bytes; empty unless ``kind`` is ``Kind/udh``.
    public let udh: [UInt8]
    /// The content's bytes: the text's UTF-8 for ``Kind/text``, else the decoded data (UTF-16BE for UCS-2).
    public let data: [UInt8]

    /// Parses a line; `nil` when it is not in fakesmsc's format.
    public init?(line: String) {
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3, let kind = Kind(rawValue: fields[2]) else { return nil }
        self.line = line
        sender = fields[0]
        receiver = fields[1]
        self.kind = kind
        let rest = fields.count > 3 ? fields[3] : ""
        switch kind {
        case .text:
            udh = []
            data = Array(rest.utf8)
        case .ucs2, .data:
            udh = []
            data = Self.urlDecoded(rest)
        case .udh:
            let parts = rest.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[1] == "data" else { return nil }
            udh = Self.urlDecoded(parts[0])
            data = Self.urlDecoded(parts[2])
        }
    }

    /// The content read as UTF-16BE (UCS-2), or `nil` for an odd number of bytes.
    public var utf16BigEndianText: String? {
        guard data.count.isMultiple(of: 2) else { return nil }
        let units = stride(from: 0, to: data.count, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
        return String(decoding: units, as: UTF16.self)
    }

    /// The concatenation header (IEI 0, 8-bit reference) as `(reference, total, part)`, or `nil`.
    public var concatenation: (reference: UInt8, total: UInt8, part: UInt8)? {
        guard udh.count == 6, udh[0] == 5, udh[1] == 0, udh[2] == 3 else { return nil }
        return (udh[3], udh[4], udh[5])
    }

    public static func == (lhs: FakeSMSCMessage, rhs: FakeSMSCMessage) -> Bool { lhs.line == rhs.line }

    /// `%XX` a byte, `+` a space, anything else as it is.
    static func urlDecoded(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index] == UInt8(ascii: "+") ? 0x20 : bytes[index])
                index += 1
            }
        }
        return out
    }
}
