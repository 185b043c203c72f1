import Foundation

/// The JSON coders every replica uses for the wire, and readable messages for bad input.
public enum WireCoding {
    /// An encoder with sorted keys and unescaped slashes: the same value always gives the same bytes.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A plain decoder, for bodies that are not sync messages (errors, identities, MIS answers);
    /// prefer ``decode(_:from:)-(_,Data)``, which bounds the nesting first.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes `value` deterministically.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// Reads a sync message with the wire reader, the only way sync messages are read.
    public static func decode<T: WireDecodable>(_ type: T.Type, from data: Data) throws(WireError) -> T {
        try T.decodeFast(data)
    }

    /// Decodes `type`, turning any failure into a ``WireError`` that says where and what is wrong.
    ///
    /// The document's syntax and nesting are checked by the wire reader first: `JSONDecoder` traps
    /// (ending the process) on some input nested deeper than 512, which is refused here instead.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(WireError) -> T {
        try RecordStateCodec.withReader(data) { (reader: inout WireByteReader) throws(WireError) in
            try reader.skipValue(depth: 0)
            guard reader.isAtEndIgnoringWhitespace() else { throw WireByteReader.invalid }
        }
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw WireError(error)
        } catch {
            throw WireError(path: "", problem: String(describing: error))
        }
    }
}

/// A sync message read by the hand-written wire reader (push bodies and answers, pull answers,
/// packets, outbox files, record states): one reader, which checks every wire rule once while
/// reading, refuses nesting deeper than 512, and names the place of any problem
/// (`records[3].fields.phone[0].value: phone: must be …`). These types are `Encodable` only; the
/// `Codable` encoder is the reference the hand-written writer is tested against.
public protocol WireDecodable {
    /// Reads the message from its JSON; refuses anything else with the place and the problem.
    static func decodeFast(_ data: Data) throws(WireError) -> Self
}

/// Input that could not be decoded: where in the document, and what is wrong.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The place in the document, for example `records[3].fields.phone[0].value`; empty for the whole document.
    public var path: String
    /// What is wrong there.
    public var problem: String

    /// Creates an error.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// Describes a decoding error by its path and problem.
    public init(_ error: DecodingError) {
        switch error {
        case .typeMismatch(let type, let context):
            self.init(path: Self.path(context.codingPath), problem: "expected \(Self.name(of: type))")
        case .valueNotFound(let type, let context):
            self.init(path: Self.path(context.codingPath), problem: "expected \(Self.name(of: type)), found null")
        case .keyNotFound(let key, let context):
            self.init(path: Self.path(context.codingPath + [key]), problem: "is missing")
        case .dataCorrupted(let context):
            let message = context.codingPath.isEmpty && context.underlyingError != nil
                ? "is not valid JSON" : context.debugDescription
            self.init(path: Self.path(context.codingPath), problem: message)
        @unknown default:
            self.init(path: "", problem: String(describing: error))
        }
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" }
            else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int64.Type, is UInt64.Type, is Int.Type, is UInt32.Type: return "a whole number"
        case is Double.Type: return "a number"
        default: return "\(type)"
        }
    }
}
