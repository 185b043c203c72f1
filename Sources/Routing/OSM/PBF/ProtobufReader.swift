/// A reader of the protobuf wire format (varints, zigzag, length-delimited fields, packed arrays)
/// over a byte buffer, for the OSM PBF messages. Never reads past its buffer: every overrun is a
/// thrown error naming the offset.
struct ProtobufReader {
    /// The protobuf wire types this decoder meets.
    enum WireType: Int {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    let bytes: UnsafeRawBufferPointer
    /// The readable range; `position` moves through it.
    let end: Int
    var position: Int
    /// Added to positions when naming an offset in an error (the message's place in the file).
    let fileOffset: Int
    let file: String

    init(bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil, fileOffset: Int, file: String) {
        self.bytes = bytes
        let range = range ?? 0..<bytes.count
        self.position = range.lowerBound
        self.end = range.upperBound
        self.fileOffset = fileOffset
        self.file = file
    }

    /// A reader of the sub-message in `range` of the same buffer.
    func sub(_ range: Range<Int>) -> ProtobufReader {
        ProtobufReader(bytes: bytes, range: range, fileOffset: fileOffset, file: file)
    }

    func error(_ reason: String) -> OSMReadError {
        OSMReadError(file: file, offset: fileOffset + position, reason: reason)
    }

    var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextField() throws(OSMReadError) -> (number: Int, wireType: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        guard let wireType = WireType(rawValue: Int(key & 7)) else {
            throw error("protobuf field with unsupported wire type \(key & 7)")
        }
        let number = Int(truncatingIfNeeded: key >> 3)
        guard number > 0 else { throw error("protobuf field number 0") }
        return (number, wireType)
    }

    /// A base-128 varint.
    mutating func varint() throws(OSMReadError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw error("message ends inside a varint") }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw error("varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed varint (`sint64`).
    mutating func signedVarint() throws(OSMReadError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A length-delimited field's byte range.
    mutating func lengthDelimited() throws(OSMReadError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw error("length-delimited field of \(length) bytes runs past the end of its message")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Skips a field of the given wire type.
    mutating func skip(_ wireType: WireType) throws(OSMReadError) {
        switch wireType {
        case .varint: _ = try varint()
        case .lengthDelimited: _ = try lengthDelimited()
        case .fixed64: try advance(8)
        case .fixed32: try advance(4)
        }
    }

    private mutating func advance(_ count: Int) throws(OSMReadError) {
        guard end - position >= count else { throw error("message ends inside a fixed-size field") }
        position += count
    }

    /// The bytes of `range` as a UTF-8 string.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Reads a repeated varint field that may be packed (wire type 2) or not (wire type 0),
    /// calling `body` with each raw value.
    mutating func repeatedVarints(_ wireType: WireType, _ body: (UInt64) throws(OSMReadError) -> Void) throws(OSMReadError) {
        switch wireType {
        case .varint:
            try body(try varint())
        case .lengthDelimited:
            var packed = sub(try lengthDelimited())
            while !packed.isAtEnd { try body(try packed.varint()) }
        default:
            throw error("repeated integer field with wire type \(wireType.rawValue)")
        }
    }
}

extension UInt64 {
    /// The zigzag-decoded signed value.
    var zigzagDecoded: Int64 { Int64(bitPattern: (self >> 1) ^ (0 &- (self & 1))) }
}
