import Foundation

// The other sync messages through the hand-written codec: what the server answers a push with,
// and what the tablet reads from pulls, packets and outbox files. Each reads the documents
// `JSONDecoder` reads into the same value (unknown members are ignored where the `Codable`
// conformance ignores them), refuses nesting Foundation's decoder would trap on, and each encoder
// writes the bytes ``WireCoding/encode(_:)`` writes.

extension PushResponse {
    /// The answer's wire form; byte for byte what ``WireCoding/encode(_:)`` gives.
    public func encodeFast() -> Data {
        var writer = WireByteWriter(capacity: 64 + results.count * 64)
        writer.append(raw: #"{"batch_id":"#)
        writer.append(string: batchID)
        writer.append(raw: #","cursor":"#)
        writer.append(signed: cursor)
        writer.append(raw: #","results":["#)
        for (position, result) in results.enumerated() {
            if position > 0 { writer.append(0x2C) }
            writer.append(raw: #"{"conflicts":["#)
            for (index, field) in result.conflicts.enumerated() {
                if index > 0 { writer.append(0x2C) }
                writer.append(string: field)
            }
            writer.append(raw: #"],"id":"#)
            writer.append(string: result.id)
            writer.append(raw: #","kind":"#)
            writer.append(string: result.kind.rawValue)
            writer.append(raw: #","status":"#)
            writer.append(string: result.status.rawValue)
            writer.append(0x7D)
        }
        writer.append(raw: "]}")
        return Data(writer.bytes)
    }
}

extension PullResponse {
    /// Reads a pull answer with the hand-written reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> PullResponse {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> PullResponse in
            let object = try ObjectReading(&reader, shapes: ["records": .records, "cursor": .value, "more": .value, "left_scope": .value],
                                           depth: 0, prefix: "", isDocument: true)
            return PullResponse(records: try object.records("records", &reader),
                                cursor: try object.integer("cursor", Int64.self, &reader),
                                more: try object.bool("more", &reader),
                                leftScope: try object.decodable("left_scope", [RecordKey].self, &reader))
        }
    }
}

extension WorkPacket {
    /// Reads a work packet with the hand-written reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> WorkPacket {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> WorkPacket in
            let object = try ObjectReading(&reader, shapes: ["work_order": .record, "customers": .records, "devices": .records,
                                                             "visits": .records, "cursor": .value, "map": .value],
                                           depth: 0, prefix: "", isDocument: true)
            return WorkPacket(workOrder: try object.record("work_order", &reader),
                              customers: try object.records("customers", &reader),
                              devices: try object.records("devices", &reader),
                              visits: try object.records("visits", &reader),
                              cursor: try object.integer("cursor", Int64.self, &reader),
                              map: object.members["map"] == nil ? nil : try object.decodable("map", Data?.self, &reader))
        }
    }
}

extension OutboxFile {
    /// Reads an exported outbox file with the hand-written reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> OutboxFile {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> OutboxFile in
            let object = try ObjectReading(&reader, shapes: ["device": .value, "batch": .value], depth: 0, prefix: "", isDocument: true)
            let device = try object.string("device", &reader)
            _ = try object.member("batch", &reader)
            return OutboxFile(device: device, batch: try PushRequest.decodeFast(&reader, depth: 1, prefix: "batch"))
        }
    }
}
