/// Appends little-endian scalars and whole arrays to a growing byte buffer.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends the array's memory as is (the file format is little-endian, as are the hosts it runs on).
    mutating func append<T: BitwiseCopyable>(array: [T]) {
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}
