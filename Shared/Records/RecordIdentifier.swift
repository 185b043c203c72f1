import Foundation

/// Record ids: stable, never reused, and safe to mint on any replica without coordination.
public enum RecordIdentifier {
    /// Whether `text` can be a record id: 1 to 64 characters from letters, digits, `.`, `_`, `-` and `:`.
    public static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D || byte == 0x3A
        }
    }

    /// A new id for a record created on a replica, for example `dev-1f0c…` for a meter found in the field.
    ///
    /// A random UUID makes collisions across replicas practically impossible, without asking the server.
    public static func mint(_ kind: RecordKind) -> String {
        "\(kind.idPrefix)-\(UUID().uuidString.lowercased())"
    }
}

/// A record id typed by the kind of record it names, so a device id cannot be passed where a
/// customer id is expected.
public struct TypedID<Record: AuditRecord>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The id as stored and sent.
    public let rawValue: String

    /// Checks `rawValue` (see ``RecordIdentifier/isValid(_:)``).
    public init(_ rawValue: String) throws(ValidationError) {
        guard RecordIdentifier.isValid(rawValue) else {
            throw ValidationError(field: "id", rule: "must be 1 to 64 characters from letters, digits, '.', '_', '-' and ':'", value: rawValue)
        }
        self.rawValue = rawValue
    }

    /// A new, collision-free id (see ``RecordIdentifier/mint(_:)``).
    public static func mint() -> TypedID { TypedID(unchecked: RecordIdentifier.mint(Record.kind)) }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: TypedID, rhs: TypedID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}
