import Shared

/// A rule that resolves many conflicts at once: every open conflict on `field` (of records of
/// `kind`, in `county`, when given) keeps the value `keep`'s side wrote.
///
/// For example "every tariff conflict to the MIS value":
/// `ConflictRule(field: "tariff", keep: .mis, kind: .customer)`. A conflict in which the chosen
/// side wrote no value, or several different ones, is left alone with the reason (``Skip``), never
/// resolved some other way. See ``DispatchService/preview(_:)`` and ``DispatchService/apply(_:to:chunkSize:)``.
public struct ConflictRule: Codable, Hashable, Sendable {
    /// The field whose conflicts the rule resolves.
    public var field: String
    /// Whose value is kept.
    public var keep: Side
    /// Only records of this kind; every kind that has `field` when `nil`.
    public var kind: RecordKind?
    /// Only records of this county; every county when `nil`.
    public var county: String?

    /// A rule over `field` keeping `keep`'s value.
    public init(field: String, keep: Side, kind: RecordKind? = nil, county: String? = nil) {
        self.field = field
        self.keep = keep
        self.kind = kind
        self.county = county
    }

    /// Which writer's value a rule keeps.
    public enum Side: String, Codable, CaseIterable, Sendable {
        /// The MIS's (replica `mis`, or `mis.N` after a restore).
        case mis
        /// The office's: the server and the dispatchers writing through it.
        case office
        /// The auditor's: a tablet's.
        case auditor
        /// Whoever wrote last, by hybrid-clock time (then the greater replica id).
        case newest
    }

    /// Why a conflict the rule covers was left alone.
    public enum Skip: String, Codable, Sendable {
        /// The chosen side wrote no value in this conflict.
        case noEntry = "no_entry"
        /// The chosen side wrote several different values (two tablets, say): a person chooses.
        case ambiguous
        /// The conflict is not the one previewed: a write came in since, or it was resolved.
        case changed
    }

    /// The kinds whose records the rule looks at: `kind`, or every kind with the field.
    /// - Throws: `400 unknown_field` when none of them has `field`.
    func kinds() throws -> [RecordKind] {
        let kinds = (kind.map { [$0] } ?? RecordKind.allCases).filter { $0.schema.index(of: field) != nil }
        guard !kinds.isEmpty else {
            throw APIError(status: 400, code: "unknown_field", detail: "\(kind?.rawValue ?? "no record kind") has no field \(field)")
        }
        return kinds
    }

    /// What a rule does to one conflict.
    public enum Choice: Equatable, Sendable {
        /// Keeps this entry's value.
        case keep(RegisterEntry)
        /// Leaves the conflict alone, for this reason.
        case leave(Skip)
    }

    /// The entry of `entries` (one open conflict) the rule keeps, or why it keeps none.
    public func choose(from entries: [RegisterEntry]) -> Choice {
        let role: ReplicaRole
        switch keep {
        case .newest:
            guard let newest = entries.max(by: { ($0.stamp, $0.dot.replica) < ($1.stamp, $1.dot.replica) }) else { return .leave(.noEntry) }
            return .keep(newest)
        case .mis: role = .systemOfRecord
        case .office: role = .office
        case .auditor: role = .fieldDevice
        }
        let sides = entries.filter { $0.dot.replica.role == role }
        guard let first = sides.first else { return .leave(.noEntry) }
        return sides.allSatisfy({ $0.value == first.value }) ? .keep(first) : .leave(.ambiguous)
    }
}

/// One conflict a rule covers, as previewed or as applied: the record and field, every value
/// with its writer, and the value the rule keeps (or why it keeps none).
public struct ConflictMatch: Encodable, Sendable, Equatable {
    public var kind: RecordKind
    public var id: String
    public var county: String
    public var field: String
    /// The open conflict's writes (`replica:counter` of each, sorted): what ``ConflictTarget``
    /// hands back so that a conflict that changed since the preview is left alone.
    public var digest: String
    /// Every value, with who wrote it and when; `shown` marks the one shown now.
    public var values: [RecordInspection.Value]
    /// The value the rule keeps; `nil` when it leaves the conflict alone.
    public var keep: RecordInspection.Value?
    /// Why the conflict is left alone; `nil` when the rule resolves it.
    public var skipped: ConflictRule.Skip?

    /// What to hand ``DispatchService/apply(_:to:chunkSize:)`` to resolve this conflict as previewed.
    public var target: ConflictTarget { ConflictTarget(kind: kind, id: id, field: field, digest: digest) }

    enum CodingKeys: String, CodingKey { case kind, id, county, field, digest, values, keep, skipped }
}

/// A previewed conflict to resolve: its record, field and digest (``ConflictMatch/digest``).
public struct ConflictTarget: Codable, Hashable, Sendable {
    public var kind: RecordKind
    public var id: String
    public var field: String
    public var digest: String

    public init(kind: RecordKind, id: String, field: String, digest: String) {
        self.kind = kind
        self.id = id
        self.field = field
        self.digest = digest
    }

    /// The digest of an open conflict's entries: their dots in order.
    static func digest(of entries: [RegisterEntry]) -> String {
        entries.map(\.dot.description).joined(separator: " ")
    }
}
