import Foundation

/// A JSON document of rows, `{"items": [{"column": value, …}, …], "pages": N, "as_of": "…"}`, as
/// exports from other systems send it; read with the hand-written reader, so that no document,
/// however deeply nested, can trap the process the way Foundation's decoder can.
///
/// Values are strings, numbers (kept as written), booleans (`true`/`false`) or `null` (an empty cell).
public struct FlatRowsDocument: Sendable, Equatable {
    /// One row's cells by column, or `nil` when the item is not an object of plain values.
    public var items: [[String: String]?]
    /// The `pages` member, when present.
    public var pages: Int?
    /// The `as_of` member, when present.
    public var asOf: String?

    /// Reads a document; refuses anything that is not an object with an `items` array.
    public static func decode(_ data: Data) throws(WireError) -> FlatRowsDocument {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) -> FlatRowsDocument in
            let object = try ObjectReading(&reader, shapes: ["items": .value, "pages": .value, "as_of": .value],
                                           depth: 0, prefix: "", isDocument: true)
            let pages = object.members["pages"] == nil ? nil : try object.integer("pages", Int.self, &reader)
            let asOf = object.members["as_of"] == nil ? nil : try object.string("as_of", &reader)
            let member = try object.member("items", &reader)
            guard member.kind == .array else { throw RecordReading.mismatch(member.kind, expected: "Array<Any>", path: "items") }
            var items: [[String: String]?] = []
            if try !reader.beginArray() {
                while true {
                    items.append(try row(&reader))
                    if try reader.endOfElement() { break }
                }
            }
            return FlatRowsDocument(items: items, pages: pages, asOf: asOf)
        }
    }

    /// One element of `items`: its cells, or `nil` (consumed) when it is not an object of plain values.
    private static func row(_ reader: inout WireByteReader) throws(WireError) -> [String: String]? {
        guard try reader.peekKind() == .object else {
            try reader.skipValue(depth: 2)
            return nil
        }
        var cells: [String: String] = [:]
        var plain = true
        if try !reader.beginObject() {
            while true {
                let key = try reader.readKey().text
                switch try reader.peekKind() {
                case .string: cells[key] = try reader.readString()
                case .number:
                    let token = try reader.readNumberToken()
                    cells[key] = String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[token.start..<token.end]), as: UTF8.self)
                case .boolean: cells[key] = try reader.readBool() ? "true" : "false"
                case .null:
                    try reader.skipLiteral("null")
                    cells[key] = ""
                case .object, .array:
                    plain = false
                    try reader.skipValue(depth: 3)
                }
                if try reader.endOfMember() { break }
            }
        }
        return plain ? cells : nil
    }
}
