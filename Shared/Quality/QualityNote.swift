/// An open data-quality finding as a tablet receives it with its work: which rule found what about
/// which field of which record, and the values its message names. The text is made on the tablet
/// from the message catalogue (``message(in:)``), in the auditor's language.
///
/// On the wire (a pull's last page and a work packet, `findings`):
/// `{"detail": {"capacity": "250", "category": "residential", "limit": "100"}, "field": "capacity_kva",
///   "kind": "customer", "rule": "capacity_category", "severity": "warning", "subject": "cus-1"}`.
public struct QualityNote: Hashable, Sendable, Encodable {
    /// The rule's code (`capacity_category`); its text is `quality.rule.CODE` in the catalogue.
    public var rule: String
    /// The id of the record it is about: a customer, or one of its meters.
    public var subject: String
    /// The kind of that record.
    public var kind: RecordKind
    /// The field it points at (a field of the record's schema, or `last_visit` and `conflict`,
    /// which are about the record as a whole).
    public var field: String
    /// How much it matters.
    public var severity: QualitySeverity
    /// The values its message names (`{capacity}`, `{category}` …).
    public var detail: [String: String]

    /// A note of rule `rule` about `field` of record `subject`.
    public init(rule: String, subject: String, kind: RecordKind, field: String, severity: QualitySeverity, detail: [String: String] = [:]) {
        self.rule = rule
        self.subject = subject
        self.kind = kind
        self.field = field
        self.severity = severity
        self.detail = detail
    }
}
