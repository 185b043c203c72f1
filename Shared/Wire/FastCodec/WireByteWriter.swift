/// Appends JSON to a byte array exactly as ``WireCoding/encoder`` writes it (Foundation's
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`, no pretty printing).
///
/// - Strings: `"` and `\` are escaped, U+0008, U+000C, U+000A, U+000D and U+0009 as `\b \f \n \r \t`,
///   every other byte below 0x20 as `\u00xx` (lower-case hex); `/`, DEL and non-ASCII stay as they are.
/// - Integers: plain decimal digits.
/// - Doubles: Swift's shortest round-trip `description`, minus a trailing `.0` (`10`, `0.1`, `1e-07`,
///   `1e+21`, `-0`). Callers pass finite values only; JSON has no spelling for the others.
struct WireByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends ASCII text that needs no escaping (punctuation and known keys).
    @inline(__always)
    mutating func append(raw text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(raw buffer: [UInt8]) {
        bytes.append(contentsOf: buffer)
    }

    /// Appends `text` as a quoted, escaped JSON string.
    mutating func append(string text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in appendEscaped(utf8) }
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var mark = 0
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                index += 1
                continue
            }
            if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
            bytes.append(0x5C)
            switch byte {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x08: bytes.append(0x62) // b
            case 0x0C: bytes.append(0x66) // f
            case 0x0A: bytes.append(0x6E) // n
            case 0x0D: bytes.append(0x72) // r
            case 0x09: bytes.append(0x74) // t
            default:
                bytes.append(0x75) // u
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            }
            index += 1
            mark = index
        }
        if count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<count])) }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x61 + value - 10
    }

    /// Appends an unsigned integer in decimal.
    mutating func append(unsigned value: UInt64) {
        if value < 10 {
            bytes.append(0x30 + UInt8(truncatingIfNeeded: value))
            return
        }
        let start = bytes.count
        var rest = value
        repeat {
            let (quotient, digit) = rest.quotientAndRemainder(dividingBy: 10)
            bytes.append(0x30 + UInt8(truncatingIfNeeded: digit))
            rest = quotient
        } while rest > 0
        bytes[start...].reverse()
    }

    /// Appends a signed integer in decimal.
    mutating func append(signed value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        append(unsigned: value.magnitude)
    }

    /// Appends a finite double the way `JSONEncoder` spells it.
    mutating func append(double value: Double) {
        precondition(value.isFinite, "JSON cannot hold \(value); record states only hold finite numbers")
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            // Whole numbers below 1e15 print as "N.0" in `description`; the encoder drops the ".0".
            if value == 0 {
                if value.sign == .minus { bytes.append(0x2D) }
                bytes.append(0x30)
            } else {
                append(signed: Int64(value))
            }
            return
        }
        var text = value.description
        text.withUTF8 { utf8 in
            var count = utf8.count
            if count >= 2, utf8[count - 2] == 0x2E, utf8[count - 1] == 0x30 { count -= 2 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[0..<count]))
        }
    }
}
