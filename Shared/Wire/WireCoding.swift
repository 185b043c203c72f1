import Foundation

/// The JSON coders every replica uses for the wire, and readable messages for bad input.
public enum WireCoding {
    /// An encoder with sorted keys and unescaped slashes: the same value always gives the same bytes.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A plain decoder; the types check their own invariants while decoding.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes `value` deterministically.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes `type`, turning any failure into a ``WireError`` that says where and what is wrong.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(WireError) -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw WireError(error)
        } catch {
            throw WireError(path: "", problem: String(describing: error))
        }
    }
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
