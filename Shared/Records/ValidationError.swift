/// A value refused by a field's rule, with a message that names the field and the rule.
///
/// The same rules guard every way in: the terminal's edit form, `audit-terminal edit`, CSV imports,
/// the MIS job and records arriving over the wire.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field that was refused, for example `account`.
    public var field: String
    /// The rule it breaks, phrased for a person: `must be 6 to 20 digits`.
    public var rule: String
    /// The refused value as text, when there is one.
    public var value: String?

    /// Creates an error.
    public init(field: String, rule: String, value: String? = nil) {
        self.field = field
        self.rule = rule
        self.value = value
    }

    /// For example: `account: must be 6 to 20 digits (got "12a4")`.
    public var description: String {
        guard let value else { return "\(field): \(rule)" }
        let shown = value.count > 60 ? String(value.prefix(57)) + "..." : value
        return "\(field): \(rule) (got \"\(shown)\")"
    }
}
