import Foundation

extension PushRequest {
    /// Reads a push body with the fast codec (see ``RecordStateCodec``).
    ///
    /// Accepts and refuses exactly what `WireCoding.decode(PushRequest.self, from:)` does, with the
    /// same checks as ``init(from:)``: unknown top-level fields are refused, the batch id must be 1 to
    /// 128 ASCII characters without spaces, every record is checked like a stored state, and a record
    /// may appear only once in a batch. Errors name the place as the Codable path does, for example
    /// `records[3].fields.phone[0].value: ...`.
    public static func decodeFast(_ data: Data) throws(WireError) -> PushRequest {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> PushRequest in
            try decodeFast(&reader)
        }
    }

    /// Reads a push body from UTF-8 bytes with the fast codec; see ``decodeFast(_:)-(Data)``.
    public static func decodeFast(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> PushRequest {
        try RecordStateCodec.withReader(bytes) { (reader: inout WireByteReader) throws(WireError) -> PushRequest in
            try decodeFast(&reader)
        }
    }

    private static func decodeFast(_ reader: inout WireByteReader) throws(WireError) -> PushRequest {
        let topKind = try reader.peekKind()
        guard topKind == .object else {
            try reader.skipValue(depth: 0)
            guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
            throw RecordReading.mismatch(topKind, expected: "Dictionary<String, Any>", path: "")
        }

        // The whole document's structure first, noting the members and locating each record's members.
        var batchStart = -1
        var recordsKind: WireByteReader.ValueKind?
        var records: [RecordReading.LocatedElement] = []
        var unknown: Set<String> = []
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey()
                let kind = try reader.peekKind()
                if key.equals("batch_id") {
                    if batchStart < 0 { batchStart = reader.position }
                    try reader.skipValue(depth: 1)
                } else if key.equals("records") {
                    if recordsKind == nil, kind == .array {
                        records = try RecordReading.locateArray(&reader, depth: 1)
                    } else {
                        try reader.skipValue(depth: 1)
                    }
                    if recordsKind == nil { recordsKind = kind }
                } else {
                    unknown.insert(key.text)
                    try reader.skipValue(depth: 1)
                }
                if try reader.endOfMember() { break }
            }
        }
        guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }

        // Then the checks of `init(from:)`, in its order.
        guard unknown.isEmpty else {
            throw WireError(path: "", problem: "unknown field(s): " + unknown.sorted().joined(separator: ", "))
        }
        guard batchStart >= 0 else { throw RecordReading.missing("batch_id") }
        reader.position = batchStart
        let batchKind = try reader.peekKind()
        guard batchKind == .string else { throw RecordReading.mismatch(batchKind, expected: "a string", path: "batch_id") }
        let batchID = try reader.readString()
        guard (1...128).contains(batchID.utf8.count), batchID.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw WireError(path: "batch_id", problem: "must be 1 to 128 ASCII characters without spaces")
        }

        guard let recordsKind else { throw RecordReading.missing("records") }
        guard recordsKind == .array else { throw RecordReading.mismatch(recordsKind, expected: "Array<Any>", path: "records") }
        let states = try RecordReading.decodeRecords(&reader, records, depth: 2, prefix: "records")
        var seen = Set<RecordKey>()
        seen.reserveCapacity(states.count)
        for (index, state) in states.enumerated() where !seen.insert(state.key).inserted {
            throw WireError(path: "records[\(index)]", problem: "\(state.key) appears twice in one batch")
        }
        return PushRequest(batchID: batchID, records: states)
    }
}
