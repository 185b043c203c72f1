import Shared

/// Reads one graph's section of a graph file and checks that its arrays fit together, so a file
/// that passed the checksum but was written wrong still cannot make routing index out of bounds.
enum GraphFileDecoder {
    static func graph(_ reader: inout ByteReader) throws(GraphFileError) -> RoadGraph {
        let profileIndex = Int(try reader.read(UInt32.self, "a graph header"))
        let nodes = Int(try reader.read(UInt32.self, "a graph header"))
        let edges = Int(try reader.read(UInt32.self, "a graph header"))
        let nameCount = Int(try reader.read(UInt32.self, "a graph header"))
        guard TravelProfile.allCases.indices.contains(profileIndex) else { throw invalid(reader, "unknown profile \(profileIndex)") }
        let nodeIDs = try reader.read(array: Int64.self, count: nodes, "node ids")
        let latitudes = try reader.read(array: Int32.self, count: nodes, "latitudes")
        let longitudes = try reader.read(array: Int32.self, count: nodes, "longitudes")
        let starts = try checkedStarts(try reader.read(array: Int32.self, count: nodes + 1, "edge offsets"), edges, reader)
        let targets = try checked(try reader.read(array: Int32.self, count: edges, "edge targets"), below: nodes, "edge target", reader)
        let lengths = try reader.read(array: Double.self, count: edges, "edge lengths")
        let classes = try reader.read(array: UInt8.self, count: edges, "edge classes")
        let nameIndexes = try checked(try reader.read(array: Int32.self, count: edges, "edge names"), below: nameCount, "street name index", reader, allowNone: true)
        let names = try (0..<nameCount).map { (_: Int) throws(GraphFileError) -> String in try reader.readString("street names") }
        let flags = try reader.read(array: UInt8.self, count: edges, "edge flags")
        let maxSpeeds = try reader.read(array: UInt8.self, count: edges, "speed limits")
        let turns = Int(try reader.read(UInt32.self, "the forbidden turn count"))
        let turnFrom = try checked(try reader.read(array: Int32.self, count: turns, "forbidden turns"), below: edges, "forbidden turn edge", reader)
        let turnTo = try checked(try reader.read(array: Int32.self, count: turns, "forbidden turns"), below: edges, "forbidden turn edge", reader)
        let runs = Int(try reader.read(UInt32.self, "the forbidden run count"))
        let runEdges = Int(try reader.read(UInt32.self, "the forbidden run count"))
        let runStart = try checkedStarts(try reader.read(array: Int32.self, count: runs + 1, "forbidden run offsets"), runEdges, reader)
        let runEdge = try checked(try reader.read(array: Int32.self, count: runEdges, "forbidden runs"), below: edges, "forbidden run edge", reader)
        let graph = RoadGraph(profile: TravelProfile.allCases[profileIndex], nodeIDs: nodeIDs, latitudesE7: latitudes, longitudesE7: longitudes,
                              edgeStart: starts, edgeTarget: targets, edgeLength: lengths, edgeClass: classes, edgeName: nameIndexes,
                              names: names, edgeFlags: flags, edgeMaxSpeed: maxSpeeds, turnFrom: turnFrom, turnTo: turnTo,
                              forbiddenPathStart: runStart, forbiddenPathEdges: runEdge)
        guard zip(turnFrom, turnTo).allSatisfy({ graph.edgeTarget[Int($0)] == graph.edgeSource[Int($1)] }) else {
            throw invalid(reader, "a forbidden turn between edges that do not meet")
        }
        guard graph.forbiddenPaths.allSatisfy({ run in run.count >= 3 && zip(run, run.dropFirst()).allSatisfy { graph.edgeTarget[$0] == graph.edgeSource[$1] } }) else {
            throw invalid(reader, "a forbidden run shorter than three edges or of edges that do not meet")
        }
        guard graph.edgeClass.allSatisfy({ HighwayClass(rawValue: $0) != nil }) else { throw invalid(reader, "unknown highway class") }
        guard graph.edgeFlags.allSatisfy({ EdgeFlags.known.isSuperset(of: EdgeFlags(rawValue: $0)) }) else { throw invalid(reader, "unknown edge flags") }
        guard graph.edgeLength.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw invalid(reader, "negative or non-finite edge length") }
        return graph
    }

    private static func invalid(_ reader: ByteReader, _ what: String) -> GraphFileError {
        GraphFileError(file: reader.file, reason: "inconsistent graph near byte \(reader.position): \(what)")
    }

    private static func checkedStarts(_ starts: [Int32], _ edges: Int, _ reader: ByteReader) throws(GraphFileError) -> [Int32] {
        guard starts.first == 0, starts.last == Int32(edges), zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw invalid(reader, "edge offsets are not increasing from 0 to the edge count")
        }
        return starts
    }

    private static func checked(_ values: [Int32], below limit: Int, _ what: String, _ reader: ByteReader,
                                allowNone: Bool = false) throws(GraphFileError) -> [Int32] {
        let lowest: Int32 = allowNone ? -1 : 0
        guard values.allSatisfy({ $0 >= lowest && Int($0) < limit }) else { throw invalid(reader, "\(what) out of range") }
        return values
    }
}
