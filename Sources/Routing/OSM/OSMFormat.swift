/// The three encodings of OpenStreetMap data the readers understand, told apart by content.
public enum OSMFormat: String, Sendable, CaseIterable {
    /// OSM XML 0.6 (`.osm`).
    case xml
    /// OSM XML compressed with gzip (`.osm.gz`).
    case gzipXML
    /// OSM PBF (`.osm.pbf`): length-prefixed BlobHeader/Blob pairs.
    case pbf

    /// Detects the format from the first bytes, ignoring the file name: gzip magic `1f 8b`; a PBF
    /// file starts with a 4-byte big-endian length and a BlobHeader whose first field is the string
    /// `OSMHeader`; XML starts (after optional whitespace or a byte-order mark) with `<`.
    /// Returns nil when the bytes look like none of them.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> OSMFormat? {
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { return .gzipXML }
        if bytes.count >= 4 + 2 + 9 {
            let marker = Array("OSMHeader".utf8)
            // BlobHeader field 1 (type), wire type 2: tag byte 0x0a, then the length 9.
            if bytes[4] == 0x0a, bytes[5] == 9, Array(bytes[6..<15]) == marker { return .pbf }
        }
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xef, bytes[1] == 0xbb, bytes[2] == 0xbf { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<") { return .xml }
        return nil
    }
}
