import Shared
import Foundation

/// The compact binary file of a ``RoutingMap`` (`graph.bin`), loaded with whole-array copies.
///
/// Layout, little-endian: an 32-byte header — magic `FAGRAPH\0`, format version (UInt32), graph
/// count (UInt32), payload length (UInt64), FNV-1a 64 checksum of the payload (UInt64) — then per
/// graph: profile, node, edge and name counts (UInt32 each), then the arrays of ``RoadGraph`` in
/// order (node ids Int64, latitudes and longitudes Int32, edge starts Int32, targets Int32, lengths
/// Float64, classes UInt8, name indexes Int32), the names (UInt32 length + UTF-8 each), then the
/// edge flags (UInt8 each, ``EdgeFlags``), the speed limits (UInt8 km/h each), the forbidden turn count (UInt32) and the forbidden
/// turns' entering and leaving edges (Int32 each), the forbidden run and run edge counts (UInt32
/// each), the runs' offsets (Int32, one more than runs) and their edges (Int32 each).
///
/// Version 2 added the edge flags (destination-only ways), version 3 the forbidden turns, version 4 the
/// speed limits, version 5 the forbidden runs (restrictions over via ways).
public enum GraphFile {
    /// The first eight bytes of every graph file.
    static let magic: [UInt8] = Array("FAGRAPH".utf8) + [0]
    /// The version this code writes and reads.
    public static let version: UInt32 = 5
    static let headerSize = 32

    /// The file's bytes.
    public static func encode(_ map: RoutingMap) -> Data {
        var payload = ByteWriter()
        for graph in map.graphs {
            payload.append(UInt32(TravelProfile.allCases.firstIndex(of: graph.profile)!))
            payload.append(UInt32(graph.nodeCount))
            payload.append(UInt32(graph.edgeCount))
            payload.append(UInt32(graph.names.count))
            payload.append(array: graph.nodeIDs)
            payload.append(array: graph.latitudesE7)
            payload.append(array: graph.longitudesE7)
            payload.append(array: graph.edgeStart)
            payload.append(array: graph.edgeTarget)
            payload.append(array: graph.edgeLength)
            payload.append(array: graph.edgeClass)
            payload.append(array: graph.edgeName)
            for name in graph.names { payload.append(string: name) }
            payload.append(array: graph.edgeFlags)
            payload.append(array: graph.edgeMaxSpeed)
            payload.append(UInt32(graph.turnFrom.count))
            payload.append(array: graph.turnFrom)
            payload.append(array: graph.turnTo)
            payload.append(UInt32(graph.forbiddenPathStart.count - 1))
            payload.append(UInt32(graph.forbiddenPathEdges.count))
            payload.append(array: graph.forbiddenPathStart)
            payload.append(array: graph.forbiddenPathEdges)
        }
        var header = ByteWriter()
        header.append(array: magic)
        header.append(version)
        header.append(UInt32(map.graphs.count))
        header.append(UInt64(payload.bytes.count))
        header.append(payload.bytes.withUnsafeBytes { FNV1a.hash($0) })
        return Data(header.bytes + payload.bytes)
    }

    /// Writes the file atomically: to a temporary name in the same folder, then renamed.
    public static func write(_ map: RoutingMap, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encode(map).write(to: url, options: .atomic)
    }

    /// Reads and checks the file at `path`.
    public static func read(path: String) throws(GraphFileError) -> RoutingMap {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw GraphFileError(file: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(data, file: path)
    }

    /// The format version written in `data`'s header, or nil when it is not a graph file.
    public static func version(of data: Data) -> UInt32? {
        guard looksLikeGraphFile(data), data.count >= magic.count + 4 else { return nil }
        let bytes = Array(data[data.startIndex + magic.count..<data.startIndex + magic.count + 4])
        return bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// Whether `data` starts like a graph file.
    public static func looksLikeGraphFile(_ data: Data) -> Bool {
        data.count >= magic.count && Array(data.prefix(magic.count)) == magic
    }

    /// Decodes and checks a graph file held in memory; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws(GraphFileError) -> RoutingMap {
        try data.withBytes { (bytes: UnsafeRawBufferPointer) throws(GraphFileError) -> RoutingMap in
            guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
                throw GraphFileError(file: file, reason: "not a FieldAudit graph file (bad magic)")
            }
            var reader = ByteReader(bytes: bytes, position: magic.count, file: file)
            let version = try reader.read(UInt32.self, "the header")
            guard version == Self.version else {
                throw GraphFileError(file: file, reason: "graph file version \(version), this program reads version \(Self.version); import the map again")
            }
            let count = try reader.read(UInt32.self, "the header")
            let length = try reader.read(UInt64.self, "the header")
            let checksum = try reader.read(UInt64.self, "the header")
            guard UInt64(bytes.count - headerSize) == length else {
                throw GraphFileError(file: file, reason: "payload is \(bytes.count - headerSize) bytes, the header says \(length) (truncated?)")
            }
            guard FNV1a.hash(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) == checksum else {
                throw GraphFileError(file: file, reason: "checksum mismatch: the file is corrupt")
            }
            var graphs: [RoadGraph] = []
            for _ in 0..<count { graphs.append(try GraphFileDecoder.graph(&reader)) }
            return RoutingMap(graphs: graphs)
        }
    }
}
