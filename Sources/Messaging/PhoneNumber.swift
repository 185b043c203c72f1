/// A mobile number in E.164 form: `+`, the country code and the subscriber number, 8 to 15 digits
/// in all, e.g. `+8613800138000` or `+499215550110`.
///
/// Spaces and hyphens people type to group the digits are dropped (`+49 921 555-0110` is
/// `+499215550110`); anything else must be a digit. A number without `+` is refused rather than
/// guessed at: `013800138000` could belong to any country.
///
/// ```swift
/// let number = try PhoneNumber("+86 138 0013 8000")
/// number.e164   // "+8613800138000"
/// ```
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The number as `+` and its digits, nothing else.
    public let e164: String

    /// The fewest digits (country code included) a number may have.
    public static let minimumDigits = 8
    /// The most digits (country code included) E.164 allows.
    public static let maximumDigits = 15

    /// Checks `text` and keeps it in E.164 form.
    ///
    /// - Parameter text: The number as typed; spaces and hyphens between digits are allowed.
    /// - Throws: ``PhoneNumberError`` saying what is wrong, for a person to correct.
    public init(_ text: String) throws(PhoneNumberError) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard !compact.isEmpty else { throw .empty }
        guard compact.first == "+" else { throw .missingPlus(text) }
        let digits = compact.dropFirst()
        if let wrong = digits.first(where: { !("0"..."9").contains($0) }) {
            throw .notADigit(text, character: wrong)
        }
        guard (Self.minimumDigits...Self.maximumDigits).contains(digits.count) else {
            throw .wrongLength(text, digits: digits.count)
        }
        guard digits.first != "0" else { throw .leadingZero(text) }
        e164 = compact
    }

    /// The number in E.164 form.
    public var description: String { e164 }

    /// Decodes a number from its E.164 text, checking it as ``init(_:)`` does.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the number as its E.164 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}
