/// The NMEA 0183 checksum: the XOR of every byte between the `$` (or `!`) and the `*`.
public enum NMEAChecksum {
    /// The checksum of a sentence body (the bytes after `$` and before `*`).
    public static func of<Bytes: Sequence>(_ body: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        body.reduce(0, ^)
    }

    /// The checksum of a sentence body given as text.
    public static func of(_ body: String) -> UInt8 {
        of(body.utf8)
    }

    /// Two upper-case hexadecimal digits, as written after the `*`.
    public static func hex(_ value: UInt8) -> String {
        String(decoding: [digits[Int(value >> 4)], digits[Int(value & 0x0F)]], as: UTF8.self)
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    /// The value of one hexadecimal digit (either case), or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
