import Foundation

/// The hand-written codec for the wire format of ``RecordState`` (see `RecordState+Codable.swift`),
/// several times faster than `JSONEncoder`/`JSONDecoder` (`fieldaudit-bench codec`):
///
/// - ``encode(_:)-(RecordState)`` writes exactly the bytes `WireCoding.encode(state)` writes
///   through the `Encodable` conformance, the reference writer.
/// - ``decode(_:)-(Data)`` is the only reader of record states: it checks every wire rule (see
///   `RecordReading`) and refuses a state that breaks one with a ``WireError`` that names the
///   place and the problem (`fields.phases[0].value: expected a whole number`).
public enum RecordStateCodec {
    // MARK: Encoding

    /// The state's wire form; byte for byte what ``WireCoding/encode(_:)`` gives.
    public static func encode(_ state: RecordState) -> Data {
        var writer = WireByteWriter(capacity: estimatedSize(of: state))
        write(state, to: &writer)
        return Data(writer.bytes)
    }

    /// A JSON array of states; byte for byte what ``WireCoding/encode(_:)`` gives for `[RecordState]`.
    public static func encode(_ states: [RecordState]) -> Data {
        var writer = WireByteWriter(capacity: 0)
        write(states, to: &writer)
        return Data(writer.bytes)
    }

    /// Appends a JSON array of states, reserving room for all of them first.
    static func write(_ states: [RecordState], to writer: inout WireByteWriter) {
        var capacity = writer.bytes.count + 2
        for state in states { capacity += estimatedSize(of: state) + 1 }
        writer.bytes.reserveCapacity(capacity)
        writer.append(0x5B)
        for (position, state) in states.enumerated() {
            if position > 0 { writer.append(0x2C) }
            write(state, to: &writer)
        }
        writer.append(0x5D)
    }

    /// Appends the wire form of `state`.
    static func write(_ state: RecordState, to writer: inout WireByteWriter) {
        let table = KindTable.of(state.kind)
        writer.append(raw: #"{"fields":{"#)
        var firstField = true
        for index in table.encodeOrder {
            let entries = state.registers[index].entries
            if entries.isEmpty { continue }
            if !firstField { writer.append(0x2C) }
            firstField = false
            writer.append(raw: table.encodedKeys[index])
            writer.append(0x5B)
            for position in entries.indices {
                let entry = entries[position]
                if position > 0 { writer.append(0x2C) }
                writer.append(raw: #"{"counter":"#)
                writer.append(unsigned: entry.dot.counter)
                writer.append(raw: #","hlc":{"ms":"#)
                writer.append(unsigned: entry.stamp.milliseconds)
                writer.append(raw: #","n":"#)
                writer.append(unsigned: UInt64(entry.stamp.logical))
                writer.append(raw: #"},"replica":"#)
                writer.append(string: entry.dot.replica.rawValue)
                writer.append(raw: #","value":"#)
                write(entry.value, to: &writer)
                writer.append(0x7D)
            }
            writer.append(0x5D)
        }
        writer.append(raw: #"},"id":"#)
        writer.append(string: state.id)
        writer.append(raw: #","kind":"#)
        writer.append(raw: table.encodedKind)
        writer.append(raw: #","vector":{"#)
        // Components are sorted by replica id; ids are ASCII, so that is the byte order `.sortedKeys` uses.
        for (position, component) in state.vector.components.enumerated() {
            if position > 0 { writer.append(0x2C) }
            writer.append(string: component.replica.rawValue)
            writer.append(0x3A)
            writer.append(unsigned: component.counter)
        }
        writer.append(raw: "}}")
    }

    private static func write(_ value: FieldValue, to writer: inout WireByteWriter) {
        switch value {
        case .null: writer.append(raw: "null")
        case .text(let text): writer.append(string: text)
        case .integer(let number): writer.append(signed: number)
        case .decimal(let number): writer.append(double: number)
        case .flag(let flag): writer.append(raw: flag ? "true" : "false")
        case .location(let point):
            writer.append(raw: #"{"lat":"#)
            writer.append(double: point.latitude)
            writer.append(raw: #","lon":"#)
            writer.append(double: point.longitude)
            writer.append(0x7D)
        case .list(let items):
            writer.append(0x5B)
            for (position, item) in items.enumerated() {
                if position > 0 { writer.append(0x2C) }
                writer.append(string: item)
            }
            writer.append(0x5D)
        }
    }

    /// A slight overestimate of the encoded size, so the buffer rarely grows.
    private static func estimatedSize(of state: RecordState) -> Int {
        var size = 64 + state.id.utf8.count + state.vector.components.count * 24
        for register in state.registers where !register.entries.isEmpty {
            size += 24
            for entry in register.entries {
                size += 96
                switch entry.value {
                case .text(let text): size += text.utf8.count + text.utf8.count / 8
                case .list(let items): for item in items { size += item.utf8.count + 4 }
                case .location: size += 64
                default: size += 24
                }
            }
        }
        return size
    }

    // MARK: Decoding

    /// Reads a state, checking every wire rule.
    public static func decode(_ data: Data) throws(WireError) -> RecordState {
        try withReader(data) { (reader: inout WireByteReader) throws(WireError) -> RecordState in
            try decodeDocument(&reader)
        }
    }

    /// Reads a state from UTF-8 bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(WireError) -> RecordState {
        try withReader(bytes) { (reader: inout WireByteReader) throws(WireError) -> RecordState in
            try decodeDocument(&reader)
        }
    }

    /// Reads a JSON array of states, each checked as ``decode(_:)-(Data)`` checks one.
    public static func decodeArray(_ data: Data) throws(WireError) -> [RecordState] {
        try withReader(data) { (reader: inout WireByteReader) throws(WireError) -> [RecordState] in
            let kind = try reader.peekKind()
            guard kind == .array else {
                try reader.skipValue(depth: 0)
                guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
                throw RecordReading.mismatch(kind, expected: "Array<Any>", path: "")
            }
            let located = try RecordReading.locateArray(&reader, depth: 0)
            guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
            return try RecordReading.decodeRecords(&reader, located, depth: 1, prefix: "")
        }
    }

    private static func decodeDocument(_ reader: inout WireByteReader) throws(WireError) -> RecordState {
        let kind = try reader.peekKind()
        guard kind == .object else {
            try reader.skipValue(depth: 0)
            guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
            throw RecordReading.mismatch(kind, expected: "Dictionary<String, Any>", path: "")
        }
        // Check the structure of the whole document first (as JSONDecoder's scanner does), noting where
        // the four members are; then read them in a fixed order: kind, id, vector, fields.
        let located = try RecordReading.locate(&reader, depth: 0)
        guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
        return try RecordReading.decodeRecord(&reader, located, depth: 1, prefix: .root)
    }

    /// Runs `body` over the document as UTF-8, the way JSONDecoder prepares its input: a UTF-8 byte
    /// order mark is skipped, and UTF-16 or UTF-32 input (recognised by a byte order mark or by
    /// the zero bytes around its first characters) is converted first.
    static func withReader<T>(_ data: Data, _ body: (inout WireByteReader) throws(WireError) -> T) throws(WireError) -> T {
        let result: Result<T, WireError> = data.withUnsafeBytes { raw in
            Result { () throws(WireError) -> T in try withReader(raw, body) }
        }
        return try result.get()
    }

    static func withReader<T>(_ raw: UnsafeRawBufferPointer, _ body: (inout WireByteReader) throws(WireError) -> T) throws(WireError) -> T {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        let length = bytes.count
        let byte0: UInt8? = length > 0 ? bytes[0] : nil
        let byte1: UInt8? = length > 1 ? bytes[1] : nil
        let byte2: UInt8? = length > 2 ? bytes[2] : nil
        let byte3: UInt8? = length > 3 ? bytes[3] : nil
        let encoding: String.Encoding
        let markLength: Int
        switch (byte0, byte1, byte2, byte3) {
        case (0, 0, 0xFE, 0xFF): (encoding, markLength) = (.utf32BigEndian, 4)
        case (0xFE, 0xFF, 0, 0): (encoding, markLength) = (.utf32LittleEndian, 4)
        case (0xFE, 0xFF, _, _): (encoding, markLength) = (.utf16BigEndian, 2)
        case (0xFF, 0xFE, _, _): (encoding, markLength) = (.utf16LittleEndian, 2)
        case (0xEF, 0xBB, 0xBF, _): (encoding, markLength) = (.utf8, 3)
        case let (0, 0, 0, .some(nz)) where nz != 0: (encoding, markLength) = (.utf32BigEndian, 0)
        case let (0, .some(nz1), 0, .some(nz2)) where nz1 != 0 && nz2 != 0: (encoding, markLength) = (.utf16BigEndian, 0)
        case let (.some(nz), 0, 0, 0) where nz != 0: (encoding, markLength) = (.utf32LittleEndian, 0)
        case let (.some(nz1), 0, .some(nz2), 0) where nz1 != 0 && nz2 != 0: (encoding, markLength) = (.utf16LittleEndian, 0)
        case let (0, .some(nz), nil, nil) where nz != 0: (encoding, markLength) = (.utf16BigEndian, 0)
        case let (.some(nz), 0, nil, nil) where nz != 0: (encoding, markLength) = (.utf16LittleEndian, 0)
        default: (encoding, markLength) = (.utf8, 0)
        }
        let body8 = UnsafeBufferPointer(rebasing: bytes[markLength...])
        if encoding == .utf8 {
            var reader = WireByteReader(body8)
            return try body(&reader)
        }
        guard var text = String(bytes: body8, encoding: encoding) else { throw WireByteReader.invalid }
        let result: Result<T, WireError> = text.withUTF8 { utf8 in
            Result { () throws(WireError) -> T in
                var reader = WireByteReader(utf8)
                return try body(&reader)
            }
        }
        return try result.get()
    }
}
