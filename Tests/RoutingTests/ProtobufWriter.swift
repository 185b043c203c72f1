import Foundation

/// A tiny protobuf encoder for hand-made PBF files in tests (the product only decodes).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func field(_ number: Int, varint value: UInt64) {
        varint(UInt64(number << 3))
        varint(value)
    }

    mutating func field(_ number: Int, signed value: Int64) {
        field(number, varint: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func field(_ number: Int, bytes value: [UInt8]) {
        varint(UInt64(number << 3 | 2))
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func field(_ number: Int, string value: String) {
        field(number, bytes: Array(value.utf8))
    }

    mutating func field(_ number: Int, message: ProtobufWriter) {
        field(number, bytes: message.bytes)
    }

    /// A packed repeated field of zigzag-encoded signed values.
    mutating func field(_ number: Int, packedSigned values: [Int64]) {
        var packed = ProtobufWriter()
        for value in values { packed.varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
        field(number, bytes: packed.bytes)
    }

    /// A packed repeated field of unsigned values.
    mutating func field(_ number: Int, packed values: [UInt64]) {
        var packed = ProtobufWriter()
        for value in values { packed.varint(value) }
        field(number, bytes: packed.bytes)
    }

    /// One length-prefixed BlobHeader + raw (uncompressed) Blob, as a PBF file holds them.
    static func blob(type: String, content: ProtobufWriter) -> [UInt8] {
        var blob = ProtobufWriter()
        blob.field(1, bytes: content.bytes)
        blob.field(2, varint: UInt64(content.bytes.count))
        var header = ProtobufWriter()
        header.field(1, string: type)
        header.field(3, varint: UInt64(blob.bytes.count))
        let size = UInt32(header.bytes.count)
        return [UInt8(size >> 24), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)] + header.bytes + blob.bytes
    }

    /// An OSMHeader blob requiring `features`.
    static func header(features: [String] = ["OsmSchema-V0.6", "DenseNodes"]) -> [UInt8] {
        var block = ProtobufWriter()
        for feature in features { block.field(4, string: feature) }
        block.field(16, string: "fieldaudit tests")
        return blob(type: "OSMHeader", content: block)
    }
}
