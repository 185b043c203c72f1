import Shared

/// One rule found true of one record: what `audit-server quality list`, the console and the
/// tablet show, and what `quality run --cut-work` sends an auditor to check.
public struct QualityFinding: Sendable, Equatable, Encodable {
    public var rule: QualityRule
    /// The record it is about (a customer, or a meter for the meter rules).
    public var subject: String
    public var kind: RecordKind
    public var county: String?
    /// The field it points at.
    public var field: String
    public var severity: QualitySeverity
    /// The values its message names (`{capacity}`, `{category}` …).
    public var detail: [String: String]
    /// When a run first and last found it, milliseconds since 1970; `closedAt` once a run no longer did.
    public var firstSeen: Int64 = 0
    public var lastSeen: Int64 = 0
    public var closedAt: Int64?
    /// Why it closed: `data` (no longer true) or `audit` (verified on site since).
    public var closedBy: String?

    public init(rule: QualityRule, subject: String, county: String?, severity: QualitySeverity, detail: [String: String] = [:]) {
        self.rule = rule
        self.subject = subject
        self.kind = rule.subjectKind
        self.county = county
        self.field = rule.field
        self.severity = severity
        self.detail = detail
    }

    /// What it says, in `language`: "capacity 250 kVA looks wrong for a residential supply".
    public func message(in language: Language) -> String { note.message(in: language) }

    /// The finding as a tablet receives it (``QualityNote``).
    public var note: QualityNote {
        QualityNote(rule: rule.rawValue, subject: subject, kind: kind, field: field, severity: severity, detail: detail)
    }

    enum CodingKeys: String, CodingKey {
        case rule, subject, kind, county, field, severity, detail
        case firstSeen = "first_seen_ms", lastSeen = "last_seen_ms", closedAt = "closed_ms", closedBy = "closed_by"
    }
}
