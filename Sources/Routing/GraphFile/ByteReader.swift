/// Reads little-endian scalars and whole arrays from a byte buffer, refusing to read past its end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let file: String

    /// Thrown when the buffer ends early.
    func truncated(_ what: String) -> GraphFileError {
        GraphFileError(file: file, reason: "file ends inside \(what) at byte \(position) (truncated?)")
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: String) throws(GraphFileError) -> T {
        guard bytes.count - position >= MemoryLayout<T>.size else { throw truncated(what) }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        position += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    /// Reads `count` elements straight into a new array.
    mutating func read<T: BitwiseCopyable>(array _: T.Type, count: Int, _ what: String) throws(GraphFileError) -> [T] {
        let size = count * MemoryLayout<T>.stride
        guard count >= 0, bytes.count - position >= size else { throw truncated(what) }
        let start = position
        position += size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if size > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + size]))
            }
            initialized = count
        }
    }

    mutating func readString(_ what: String) throws(GraphFileError) -> String {
        let length = Int(try read(UInt32.self, what))
        guard bytes.count - position >= length else { throw truncated(what) }
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }
}
