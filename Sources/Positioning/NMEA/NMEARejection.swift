/// A piece of input the reader refused, with the reason, where it was and what it looked like.
public struct NMEARejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why it was refused.
    public var reason: NMEARejectionReason
    /// The 1-based input line it started on.
    public var line: Int
    /// The refused text, non-printable bytes shown as `\xNN`, cut at 120 characters.
    public var text: String
    /// A human explanation, for example `checksum says 33, sentence sums to 2A`.
    public var detail: String

    /// Creates a rejection.
    public init(reason: NMEARejectionReason, line: Int, text: String, detail: String = "") {
        self.reason = reason
        self.line = line
        self.text = text
        self.detail = detail
    }

    /// `line 19: truncated (…): $GPGGA,030130`.
    public var description: String {
        "line \(line): \(reason)\(detail.isEmpty ? "" : " (\(detail))"): \(text)"
    }

    /// Renders raw bytes for ``text``.
    static func render<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        for byte in bytes {
            if text.count >= 120 {
                return String(decoding: text, as: UTF8.self) + "…"
            }
            if (0x20...0x7E).contains(byte) {
                text.append(byte)
            } else {
                text += Array("\\x\(NMEAChecksum.hex(byte))".utf8)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
