/// The kinds of record FieldAudit keeps. Every kind has a fixed ``RecordSchema``.
public enum RecordKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// A customer account at a supply point.
    case customer
    /// A piece of equipment: meter, transformer, pole, switch …
    case device
    /// A packet of audit work for one auditor.
    case workOrder = "work_order"
    /// One visit of an auditor at a customer, appended and never edited into another.
    case auditVisit = "audit_visit"
    /// A batch of an auditor's day track, kept as evidence of where the auditor went.
    case track
    /// A safety hazard found on a visit, tracked to closure.
    case hazard

    /// The schema of this kind.
    public var schema: RecordSchema {
        switch self {
        case .customer: return .customer
        case .device: return .device
        case .workOrder: return .workOrder
        case .auditVisit: return .auditVisit
        case .track: return .track
        case .hazard: return .hazard
        }
    }

    /// The prefix of ids minted for this kind.
    public var idPrefix: String {
        switch self {
        case .customer: return "cus"
        case .device: return "dev"
        case .workOrder: return "wo"
        case .auditVisit: return "vis"
        case .track: return "trk"
        case .hazard: return "haz"
        }
    }

    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
