import Foundation

// The other sync messages through the hand-written codec: what the server answers a push with,
// and what the tablet reads from pulls, packets and outbox files. The readers are the only ones
// (there is no `Decodable` path): unknown members are ignored except in a push body, nesting is
// bounded, and every refusal names its place. Each encoder writes the bytes the `Encodable`
// conformance writes through ``WireCoding/encode(_:)``.

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

extension PushResponse {
    /// Reads a push answer (the server reads its stored answers to replayed batches with it too).
    public static func decodeFast(_ data: Data) throws(WireError) -> PushResponse {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> PushResponse in
            let object = try ObjectReading(&reader, shapes: ["batch_id": .value, "results": .value, "cursor": .value],
                                           depth: 0, prefix: "", isDocument: true)
            return PushResponse(batchID: try object.string("batch_id", &reader),
                                results: try object.array("results", &reader, readResult),
                                cursor: try object.integer("cursor", Int64.self, &reader))
        }
    }

    private static func readResult(_ reader: inout WireByteReader, depth: Int, path: String) throws(WireError) -> Result {
        let object = try ObjectReading.element(&reader, shapes: ["kind": .value, "id": .value, "status": .value, "conflicts": .value],
                                               depth: depth, path: path)
        let kind = try object.kind("kind", &reader)
        let id = try object.string("id", &reader)
        let statusName = try object.string("status", &reader)
        guard let status = MergeStatus(rawValue: statusName) else {
            throw WireError(path: object.path("status"), problem: "Cannot initialize MergeStatus from invalid String value \(statusName)")
        }
        let conflicts = try object.array("conflicts", &reader) { (reader: inout WireByteReader, _: Int, path: String) throws(WireError) in
            try ObjectReading.stringElement(&reader, path: path)
        }
        reader.position = object.end
        return Result(kind: kind, id: id, status: status, conflicts: conflicts)
    }
}

extension RecordKey {
    /// Reads `{"kind": …, "id": …}` at the reader's position inside an array.
    static func read(_ reader: inout WireByteReader, depth: Int, path: String) throws(WireError) -> RecordKey {
        let object = try ObjectReading.element(&reader, shapes: ["kind": .value, "id": .value], depth: depth, path: path)
        let key = RecordKey(kind: try object.kind("kind", &reader), id: try object.string("id", &reader))
        reader.position = object.end
        return key
    }
}

extension PullResponse {
    /// Reads a pull answer with the hand-written reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> PullResponse {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> PullResponse in
            let object = try ObjectReading(&reader, shapes: ["records": .records, "cursor": .value, "more": .value, "left_scope": .value,
                                                             "findings": .value, "findings_generation": .value],
                                           depth: 0, prefix: "", isDocument: true)
            return PullResponse(records: try object.records("records", &reader),
                                cursor: try object.integer("cursor", Int64.self, &reader),
                                more: try object.bool("more", &reader),
                                leftScope: try object.array("left_scope", &reader, RecordKey.read),
                                findings: try object.notes("findings", &reader),
                                findingsGeneration: try object.optionalString("findings_generation", &reader))
        }
    }
}

extension WorkPacket {
    /// Reads a work packet with the hand-written reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> WorkPacket {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> WorkPacket in
            let object = try ObjectReading(&reader, shapes: ["work_order": .record, "customers": .records, "devices": .records,
                                                             "visits": .records, "hazards": .records, "findings": .value, "cursor": .value,
                                                             "map": .value],
                                           depth: 0, prefix: "", isDocument: true)
            return WorkPacket(workOrder: try object.record("work_order", &reader),
                              customers: try object.records("customers", &reader),
                              devices: try object.records("devices", &reader),
                              visits: try object.records("visits", &reader),
                              cursor: try object.integer("cursor", Int64.self, &reader),
                              map: try object.base64("map", &reader),
                              hazards: object.members["hazards"] == nil ? [] : try object.records("hazards", &reader),
                              findings: try object.notes("findings", &reader) ?? [])
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

extension ChangeSet: WireDecodable {
    /// Reads a change set with the wire reader.
    public static func decodeFast(_ data: Data) throws(WireError) -> ChangeSet {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> ChangeSet in
            let object = try ObjectReading(&reader, shapes: ["origin": .value, "records": .records], depth: 0, prefix: "", isDocument: true)
            let originText = try object.string("origin", &reader)
            let origin: ReplicaID
            do throws(ValidationError) { origin = try ReplicaID(validating: originText) } catch {
                throw WireError(path: object.path("origin"), problem: error.description)
            }
            return ChangeSet(origin: origin, records: try object.records("records", &reader))
        }
    }
}
