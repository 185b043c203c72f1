/// The value of one field of a record.
///
/// Which case a field holds is fixed by its ``FieldRule``: text-like rules hold ``text(_:)``,
/// ``FieldRule/integer(_:)`` holds ``integer(_:)`` and so on. Any optional field may hold ``null``.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    /// No value (a cleared optional field).
    case null
    /// Text: names, addresses, codes, enumerations, dates and ids.
    case text(String)
    /// A whole number.
    case integer(Int64)
    /// A decimal number such as a capacity in kVA.
    case decimal(Double)
    /// Yes or no.
    case flag(Bool)
    /// A position.
    case location(GeoPoint)
    /// A list of texts, such as the customer ids of a work order.
    case list([String])

    /// The value written for a person, the same way ``FieldSpec/parse(_:)`` reads it back.
    public var description: String {
        switch self {
        case .null: return ""
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .decimal(let number): return Self.format(number)
        case .flag(let flag): return flag ? "yes" : "no"
        case .location(let point): return "\(Self.format(point.latitude)),\(Self.format(point.longitude))"
        case .list(let items): return items.joined(separator: ",")
        }
    }

    /// The text, when this is ``text(_:)``.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
