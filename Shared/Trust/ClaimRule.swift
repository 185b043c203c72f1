/// A rule a pushed record state can break: what the server refuses a tablet's claim for.
///
/// A push is a claim about history ("these are the writes I made, on top of what I saw"). The
/// server holds every write a tablet can have seen from others, so it can check each claim (see
/// DESIGN.md, "Trust"). Each rule has its own stable error code, documented in `openapi.yaml`.
public enum ClaimRule: String, Sendable, Hashable, CaseIterable {
    /// An entry is a write of another replica that the server has never seen.
    case foreignWrite = "foreign_write"
    /// The version vector claims more writes of another replica than the server has seen.
    case vectorOverclaim = "vector_overclaim"
    /// An entry carries a dot the server holds with another field or value.
    case dotMismatch = "dot_mismatch"
    /// The pushing tablet's own dots repeat writes the server already has: a restored or
    /// re-installed home. The tablet asks for a new replica id and sends its edits again.
    case replicaReused = "replica_reused"
    /// A hybrid-clock time lies too far ahead of the server's clock.
    case clockAhead = "clock_ahead"
    /// A counter exceeds ``VersionVector/maximumCounter``.
    case counterTooLarge = "counter_too_large"
    /// The push would empty a field without writing a value to it.
    case fieldErased = "field_erased"
    /// The push would leave a required field without a value.
    case requiredMissing = "required_missing"
    /// A tablet may not change this field of this kind of record.
    case fieldForbidden = "field_forbidden"
    /// The record is not in the work of the device's auditor.
    case outOfScope = "out_of_scope"
    /// A visit that is not the device's auditor's own, for their work order and its customer.
    case visitForbidden = "visit_forbidden"
    /// A visit's evidence (work order, customer, auditor, time, position) changed after the fact.
    case visitImmutable = "visit_immutable"
    /// A track batch sent by another device or auditor than its own, or changed after the fact.
    case trackForbidden = "track_forbidden"
    /// A hazard recorded in another auditor's name or at a customer not of the auditor's work, or a
    /// re-inspection result set for a stop not on the auditor's own work order.
    case hazardForbidden = "hazard_forbidden"
    /// What was found about a hazard (type, description, position, finder, time, visit, customer)
    /// changed after it was recorded.
    case hazardImmutable = "hazard_immutable"
    /// A signed visit or track batch whose signer is not a key registered to the pushing device.
    case unknownSigner = "unknown_signer"
    /// A signature that does not hold over the record's content and chain place: changed or forged.
    case badSignature = "bad_signature"
    /// Another record already holds the same place (signer, chain_seq) of an evidence chain.
    case chainFork = "chain_fork"
    /// `chain_prev` does not name the link of the stored item before it: reordered or altered.
    case chainBroken = "chain_broken"

    /// The HTTP status the refusal is answered with: 409 asks the tablet to take a new replica id,
    /// 422 marks a claim that cannot be true, 403 a claim the device may not make.
    public var status: Int {
        switch self {
        case .replicaReused: return 409
        case .clockAhead, .counterTooLarge, .fieldErased, .requiredMissing: return 422
        case .foreignWrite, .vectorOverclaim, .dotMismatch, .fieldForbidden, .outOfScope, .visitForbidden, .visitImmutable, .trackForbidden,
             .hazardForbidden, .hazardImmutable,
             .unknownSigner, .badSignature, .chainFork, .chainBroken: return 403
        }
    }
}

/// A refused claim: which record, which field (when one is to blame), which rule, and why.
public struct ClaimViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule broken.
    public var rule: ClaimRule
    /// The record the claim is about.
    public var record: RecordKey
    /// The field, when the rule concerns one.
    public var field: String?
    /// What is wrong, for a person.
    public var detail: String

    /// Creates a violation.
    public init(_ rule: ClaimRule, record: RecordKey, field: String? = nil, _ detail: String) {
        self.rule = rule
        self.record = record
        self.field = field
        self.detail = detail
    }

    /// For example: `customer/cus-1 tariff: foreign_write: …`.
    public var description: String {
        "\(record)\(field.map { " " + $0 } ?? ""): \(rule.rawValue): \(detail)"
    }
}
