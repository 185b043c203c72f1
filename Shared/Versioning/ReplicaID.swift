/// The identity of one replica: the server, the MIS, or one enrolled terminal.
///
/// Every write is stamped with the replica that made it (see ``Dot``). Replica ids are short,
/// lower-case ASCII names, stable for the life of the replica: `server`, `mis`, and `t-<name>` for
/// terminals. The role a replica plays is read from its id, so every replica computes the same
/// display value for a conflict without asking anyone (see ``FieldAuthority``).
public struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written on the wire.
    public let rawValue: String

    /// The sync server; dispatcher edits made in the office are written under this id.
    public static let server = ReplicaID(unchecked: "server")
    /// The marketing MIS, the company's system of record for accounts.
    public static let mis = ReplicaID(unchecked: "mis")

    /// The server's id in store epoch `epoch` (1 for a store never restored: `server`; then
    /// `server.2`, `server.3`, …). A store restored from a backup writes under a new id, so no
    /// write of its reuses the dot of one it forgot (see ``RecordState/rebased(onto:own:)``).
    public static func server(epoch: Int) -> ReplicaID {
        epoch <= 1 ? .server : ReplicaID(unchecked: "server.\(epoch)")
    }

    /// The MIS's id in store epoch `epoch`: `mis`, then `mis.2`, … (see ``server(epoch:)``).
    public static func mis(epoch: Int) -> ReplicaID {
        epoch <= 1 ? .mis : ReplicaID(unchecked: "mis.\(epoch)")
    }

    /// The replica id of an enrolled terminal named `name` (for example `t-tab-0042`).
    public static func terminal(_ name: String) throws(ValidationError) -> ReplicaID {
        try ReplicaID(validating: "t-" + name)
    }

    /// Checks `rawValue`: 1 to 64 characters from `a-z`, `0-9`, `.`, `_` and `-`.
    public init(validating rawValue: String) throws(ValidationError) {
        guard Self.isValid(rawValue) else {
            throw ValidationError(
                field: "replica",
                rule: "must be 1 to 64 characters from a-z, 0-9, '.', '_' and '-'",
                value: rawValue)
        }
        self.rawValue = rawValue
    }

    /// Creates an id from a literal known to be valid; traps on an invalid literal (a programming error).
    public init(stringLiteral value: String) {
        precondition(Self.isValid(value), "invalid replica id literal \(value)")
        self.rawValue = value
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (1...64).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    /// The part this replica plays, derived from its id: `mis` and its later epochs (`mis.2`) are
    /// the system of record, `t-…` field devices, every other id the office.
    public var role: ReplicaRole {
        if self == .mis || rawValue.hasPrefix("mis.") { return .systemOfRecord }
        if rawValue.hasPrefix("t-") { return .fieldDevice }
        return .office
    }

    public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// The part a replica plays; it decides which writer a conflicted field shows first.
public enum ReplicaRole: Sendable, Equatable {
    /// A terminal carried by an auditor, who observes physical facts on site.
    case fieldDevice
    /// The marketing MIS, which owns account facts.
    case systemOfRecord
    /// The server and the dispatchers working through it.
    case office
}

extension ReplicaID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(validating: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
