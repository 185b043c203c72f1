import Compression
import Foundation

/// Reads OSM PBF (`fileformat.proto` + `osmformat.proto`): length-prefixed BlobHeader/Blob pairs;
/// blobs raw or zlib-compressed; an OSMHeader block whose required features must be understood;
/// OSMData blocks (PrimitiveBlock) with a string table, plain nodes, DenseNodes (delta-coded ids
/// and positions, granularity and offsets, packed keys_vals) and ways (delta-coded refs).
struct OSMPBFReader {
    /// The file name used in errors.
    let file: String

    /// Required features this reader implements.
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]
    /// The limits `fileformat.proto` sets: BlobHeader < 64 KiB, Blob < 32 MiB.
    static let maxHeaderSize = 64 * 1024, maxBlobSize = 32 * 1024 * 1024

    /// Reads the whole file.
    func read(_ bytes: UnsafeRawBufferPointer) throws(OSMReadError) -> OSMExtract {
        var extract = OSMExtract()
        var offset = 0
        var sawHeader = false
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else {
                throw OSMReadError(file: file, offset: offset, reason: "file ends inside a blob length (truncated?)")
            }
            let headerSize = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard headerSize > 0, headerSize <= Self.maxHeaderSize else {
                throw OSMReadError(file: file, offset: offset, reason: "BlobHeader length \(headerSize) is outside 1…65536")
            }
            offset += 4
            guard bytes.count - offset >= headerSize else {
                throw OSMReadError(file: file, offset: offset, reason: "file ends inside a BlobHeader (truncated?)")
            }
            let header = try blobHeader(ProtobufReader(bytes: bytes, range: offset..<offset + headerSize, fileOffset: 0, file: file))
            offset += headerSize
            guard header.dataSize <= Self.maxBlobSize else {
                throw OSMReadError(file: file, offset: offset, reason: "Blob of \(header.dataSize) bytes exceeds the 32 MiB limit")
            }
            guard bytes.count - offset >= header.dataSize else {
                throw OSMReadError(file: file, offset: offset, reason: "file ends inside a \(header.type) blob (truncated?)")
            }
            let blobOffset = offset
            let content = try blob(ProtobufReader(bytes: bytes, range: offset..<offset + header.dataSize, fileOffset: 0, file: file))
            offset += header.dataSize
            try content.withBytes { (block: UnsafeRawBufferPointer) throws(OSMReadError) in
                let reader = ProtobufReader(bytes: block, fileOffset: blobOffset, file: file)
                switch header.type {
                case "OSMHeader":
                    try checkHeaderBlock(reader)
                    sawHeader = true
                case "OSMData":
                    guard sawHeader else {
                        throw OSMReadError(file: file, offset: blobOffset, reason: "OSMData blob before the OSMHeader blob")
                    }
                    var decoder = PBFPrimitiveBlockDecoder(reader: reader)
                    try decoder.decode(into: &extract)
                default:
                    break // Unknown blob types are skipped, as the format asks.
                }
            }
        }
        guard sawHeader else { throw OSMReadError(file: file, offset: 0, reason: "no OSMHeader blob: not an OSM PBF file") }
        return extract
    }

    private func blobHeader(_ reader: ProtobufReader) throws(OSMReadError) -> (type: String, dataSize: Int) {
        var reader = reader
        var type: String?, dataSize: Int?
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): type = reader.string(try reader.lengthDelimited())
            case (3, .varint): dataSize = Int(truncatingIfNeeded: try reader.varint())
            default: try reader.skip(field.wireType)
            }
        }
        guard let type, let dataSize, dataSize >= 0 else { throw reader.error("BlobHeader without type or datasize") }
        return (type, dataSize)
    }

    private func blob(_ reader: ProtobufReader) throws(OSMReadError) -> Data {
        var reader = reader
        var rawSize: Int?
        var payload: (range: Range<Int>, compressed: Bool)?
        let start = reader.position
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (1, .lengthDelimited): payload = (try reader.lengthDelimited(), false)
            case (2, .varint): rawSize = Int(truncatingIfNeeded: try reader.varint())
            case (3, .lengthDelimited): payload = (try reader.lengthDelimited(), true)
            case (4, _), (5, _), (6, _), (7, _):
                throw reader.error("blob compression (field \(field.number): lzma/bzip2/lz4/zstd) is not supported; recompress with zlib")
            default: try reader.skip(field.wireType)
            }
        }
        guard let payload else { throw OSMReadError(file: file, offset: start, reason: "Blob without data") }
        let bytes = Data(UnsafeRawBufferPointer(rebasing: reader.bytes[payload.range]))
        guard payload.compressed else { return bytes }
        let inflated: Data
        do { inflated = try Gzip.decompress(bytes) } catch {
            throw OSMReadError(file: file, offset: start, reason: "zlib blob: \(error)")
        }
        if let rawSize, rawSize != inflated.count {
            throw OSMReadError(file: file, offset: start, reason: "zlib blob inflates to \(inflated.count) bytes, raw_size says \(rawSize)")
        }
        return inflated
    }

    private func checkHeaderBlock(_ reader: ProtobufReader) throws(OSMReadError) {
        var reader = reader
        while let field = try reader.nextField() {
            if field.number == 4, field.wireType == .lengthDelimited {
                let feature = reader.string(try reader.lengthDelimited())
                guard Self.supportedFeatures.contains(feature) else {
                    throw reader.error("the file requires the unsupported PBF feature \"\(feature)\"")
                }
            } else {
                try reader.skip(field.wireType)
            }
        }
    }
}
