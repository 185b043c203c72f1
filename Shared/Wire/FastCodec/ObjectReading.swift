import Foundation

/// One JSON object of a sync message, read in JSONDecoder's two steps: first the structure of the
/// whole object (noting where each member starts, the first occurrence of a key winning, and
/// locating the records inside members that hold them), then the members the message asks for.
///
/// Nesting deeper than ``WireByteReader/maximumDepth`` is refused in the first step, so a hostile
/// document gets an error instead of the trap Foundation's decoder hits on it.
struct ObjectReading {
    /// How a member is scanned in the first step.
    enum Shape {
        /// One record state: its members are located.
        case record
        /// An array of record states: each element's members are located.
        case records
        /// Any other value: only its structure is checked.
        case value
    }

    /// One member as scanned.
    struct Member {
        var start: Int
        var kind: WireByteReader.ValueKind
        var record: RecordReading.Located?
        var elements: [RecordReading.LocatedElement] = []
    }

    /// Containers around the object itself (0 for a whole document).
    let depth: Int
    /// The object's path in its document, as ``WireError/path`` writes it ("" for a whole document).
    let prefix: String
    private(set) var members: [String: Member] = [:]
    /// Keys that are not among the shapes, in document order.
    private(set) var unknown: [String] = []
    /// Where the object ends: the reader's position after the scan.
    private(set) var end = 0

    /// Scans the object at the reader's position. A value that is not an object is refused as
    /// JSONDecoder refuses it (after checking the rest of the document when `isDocument`).
    init(_ reader: inout WireByteReader, shapes: KeyValuePairs<String, Shape>, depth: Int, prefix: String, isDocument: Bool) throws(WireError) {
        self.depth = depth
        self.prefix = prefix
        let kind = try reader.peekKind()
        guard kind == .object else {
            try reader.skipValue(depth: depth)
            if isDocument, !reader.isAtEndIgnoringWhitespace() { throw WireByteReader.invalid }
            throw RecordReading.mismatch(kind, expected: "Dictionary<String, Any>", path: prefix)
        }
        guard depth < WireByteReader.maximumDepth else { throw WireByteReader.invalid }
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey().text
                let kind = try reader.peekKind()
                let start = reader.position
                let shape = shapes.first { $0.key == key }?.value
                if shape == nil { unknown.append(key) }
                var member = Member(start: start, kind: kind)
                switch (shape, kind) {
                case (.record?, .object) where members[key] == nil:
                    member.record = try RecordReading.locate(&reader, depth: depth + 1)
                case (.records?, .array) where members[key] == nil:
                    member.elements = try RecordReading.locateArray(&reader, depth: depth + 1)
                default:
                    try reader.skipValue(depth: depth + 1)
                }
                if members[key] == nil { members[key] = member }
                if try reader.endOfMember() { break }
            }
        }
        end = reader.position
        if isDocument, !reader.isAtEndIgnoringWhitespace() { throw WireByteReader.invalid }
    }

    /// The path of a member, as ``WireError/path`` writes it.
    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    /// Refuses the object when it has members outside its shapes.
    func refuseUnknown() throws(WireError) {
        guard unknown.isEmpty else {
            throw WireError(path: prefix, problem: "unknown field(s): " + Set(unknown).sorted().joined(separator: ", "))
        }
    }

    /// The member `key`, placing the reader at its value; missing members are refused.
    func member(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> Member {
        guard let member = members[key] else { throw RecordReading.missing(path(key)) }
        reader.position = member.start
        return member
    }

    /// An array of record states.
    func records(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> [RecordState] {
        let member = try member(key, &reader)
        guard member.kind == .array else { throw RecordReading.mismatch(member.kind, expected: "Array<Any>", path: path(key)) }
        return try RecordReading.decodeRecords(&reader, member.elements, depth: depth + 2, prefix: path(key))
    }

    /// One record state.
    func record(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> RecordState {
        let member = try member(key, &reader)
        guard let located = member.record else {
            throw RecordReading.mismatch(member.kind, expected: "Dictionary<String, Any>", path: path(key))
        }
        return try RecordReading.decodeRecord(&reader, located, depth: depth + 2, prefix: .init(base: path(key), index: nil))
    }

    /// A whole number.
    func integer<T: FixedWidthInteger>(_ key: String, _ type: T.Type, _ reader: inout WireByteReader) throws(WireError) -> T {
        let member = try member(key, &reader)
        guard member.kind == .number else { throw RecordReading.mismatch(member.kind, expected: "a whole number", path: path(key)) }
        return try reader.readInteger(type)
    }

    /// `true` or `false`.
    func bool(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> Bool {
        let member = try member(key, &reader)
        guard member.kind == .boolean else { throw RecordReading.mismatch(member.kind, expected: "Bool", path: path(key)) }
        return try reader.readBool()
    }

    /// A string.
    func string(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> String {
        let member = try member(key, &reader)
        guard member.kind == .string else { throw RecordReading.mismatch(member.kind, expected: "a string", path: path(key)) }
        return try reader.readString()
    }

    /// A string; `nil` when the member is absent or `null` (an optional member written by
    /// `encodeIfPresent`, or by a sender that predates it).
    func optionalString(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> String? {
        guard let member = members[key], member.kind != .null else { return nil }
        return try string(key, &reader)
    }

    /// An array, each element read by `element` at its place, which leaves the reader after the
    /// element. The element's depth (containers around it) and path are passed along.
    func array<T>(_ key: String, _ reader: inout WireByteReader,
                  _ element: (inout WireByteReader, _ depth: Int, _ path: String) throws(WireError) -> T) throws(WireError) -> [T] {
        let member = try member(key, &reader)
        guard member.kind == .array else { throw RecordReading.mismatch(member.kind, expected: "Array<Any>", path: path(key)) }
        var items: [T] = []
        if try reader.beginArray() { return items }
        while true {
            items.append(try element(&reader, depth + 2, path(key) + "[\(items.count)]"))
            if try reader.endOfElement() { return items }
        }
    }

    /// The object at the reader's position inside an array, scanned; the reader is left after it.
    static func element(_ reader: inout WireByteReader, shapes: KeyValuePairs<String, Shape>, depth: Int, path: String) throws(WireError) -> ObjectReading {
        let object = try ObjectReading(&reader, shapes: shapes, depth: depth, prefix: path, isDocument: false)
        reader.position = object.end
        return object
    }

    /// A string at the reader's position inside an array.
    static func stringElement(_ reader: inout WireByteReader, path: String) throws(WireError) -> String {
        let kind = try reader.peekKind()
        guard kind == .string else { throw RecordReading.mismatch(kind, expected: "a string", path: path) }
        return try reader.readString()
    }

    /// A record kind, spelled as its raw value.
    func kind(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> RecordKind {
        let name = try string(key, &reader)
        guard let kind = RecordKind(rawValue: name) else {
            throw WireError(path: path(key), problem: "Cannot initialize RecordKind from invalid String value \(name)")
        }
        return kind
    }

    /// Bytes written as a base64 string; `nil` when the member is absent or `null`.
    func base64(_ key: String, _ reader: inout WireByteReader) throws(WireError) -> Data? {
        guard let member = members[key], member.kind != .null else { return nil }
        guard let data = Data(base64Encoded: try string(key, &reader)) else {
            throw WireError(path: path(key), problem: "Encountered Data is not valid Base64.")
        }
        return data
    }
}
