import Compression
import Foundation

/// Reads an OpenStreetMap extract in any of the three encodings (``OSMFormat``), chosen by content,
/// not by file name.
public enum OSMReader {
    /// Reads the file at `path`.
    /// - Throws: ``OSMReadError`` naming the file and the byte offset when it cannot be read, is not
    ///   OSM data, or is corrupt or truncated.
    public static func read(path: String) throws(OSMReadError) -> OSMExtract {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw OSMReadError(file: path, offset: 0, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try read(data, file: path)
    }

    /// Reads OSM data held in memory; `file` names it in errors.
    public static func read(_ data: Data, file: String) throws(OSMReadError) -> OSMExtract {
        let format = data.withUnsafeBytes { OSMFormat.detect($0) }
        switch format {
        case .xml:
            return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(OSMReadError) in
                try OSMXMLReader(file: file).read(bytes)
            }
        case .gzipXML:
            let xml: Data
            do { xml = try Gzip.decompress(data) } catch {
                throw OSMReadError(file: file, offset: 0, reason: "\(error)")
            }
            guard xml.withUnsafeBytes({ OSMFormat.detect($0) }) == .xml else {
                throw OSMReadError(file: file, offset: 0, reason: "gzip file does not hold OSM XML")
            }
            return try read(xml, file: file + " (decompressed)")
        case .pbf:
            return try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(OSMReadError) in
                try OSMPBFReader(file: file).read(bytes)
            }
        case nil:
            throw OSMReadError(file: file, offset: 0, reason: "not an OSM file: expected OSM XML, gzip-compressed XML or PBF")
        }
    }
}
