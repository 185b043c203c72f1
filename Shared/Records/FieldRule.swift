import Foundation

/// What a field may hold. A rule both checks values and reads them from text.
public enum FieldRule: Sendable, Equatable {
    /// Free text of at most `maxLength` characters, no control characters.
    case text(maxLength: Int)
    /// Only the digits 0–9, with a length in `lengths` (account numbers: 6 to 20).
    case digits(ClosedRange<Int>)
    /// A phone number: 5 to 15 digits, an optional leading `+`, spaces and dashes allowed.
    case phone
    /// An e-mail address: one `@`, a dot in the domain, no spaces.
    case email
    /// One of a fixed list of codes.
    case choice([String])
    /// A whole number in `range`.
    case integer(ClosedRange<Int64>)
    /// A decimal number no smaller than `minimum`.
    case decimal(minimum: Double)
    /// A position: latitude −90…90, longitude −180…180.
    case location
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A UTC time in ISO 8601, `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second allowed).
    case timestamp
    /// An appointment: a date and a local time window, `YYYY-MM-DD HH:MM-HH:MM`, the window's
    /// start before its end.
    case appointment
    /// The id of another record of `kind`.
    case reference(RecordKind)
    /// A list of ids of records of `kind`.
    case references(RecordKind)
    /// Yes or no.
    case flag

    /// The rule phrased for a person, as used in error messages.
    public var summary: String {
        switch self {
        case .text(let maxLength): return "must be text of at most \(maxLength) characters without control characters"
        case .digits(let lengths): return "must be \(lengths.lowerBound) to \(lengths.upperBound) digits"
        case .phone: return "must be 5 to 15 digits, optionally starting with +, with spaces or dashes allowed"
        case .email: return "must be an e-mail address like name@example.com"
        case .choice(let codes): return "must be one of: " + codes.joined(separator: ", ")
        case .integer(let range): return "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .decimal(let minimum): return "must be a number of at least \(FieldValue.format(minimum))"
        case .location: return "must be LAT,LON with latitude -90..90 and longitude -180..180"
        case .date: return "must be a date YYYY-MM-DD"
        case .timestamp: return "must be a UTC time YYYY-MM-DDTHH:MM:SSZ"
        case .appointment: return "must be a date and a time window YYYY-MM-DD HH:MM-HH:MM, the start before the end"
        case .reference(let kind): return "must be the id of a \(kind.rawValue)"
        case .references(let kind): return "must be a comma-separated list of \(kind.rawValue) ids"
        case .flag: return "must be yes or no"
        }
    }

    /// Checks a value against this rule. `null` is checked by ``FieldSpec``, not here.
    public func check(_ value: FieldValue, field: String) throws(ValidationError) {
        let fail = { () -> ValidationError in ValidationError(field: field, rule: summary, value: value.description) }
        switch (self, value) {
        case (.text(let maxLength), .text(let text)):
            guard Self.isPlainText(text, maxLength: maxLength) else { throw fail() }
        case (.digits(let lengths), .text(let text)):
            guard lengths.contains(text.utf8.count), text.utf8.allSatisfy(Self.isDigit) else { throw fail() }
        case (.phone, .text(let text)):
            guard Self.isPhone(text) else { throw fail() }
        case (.email, .text(let text)):
            guard Self.isEmail(text) else { throw fail() }
        case (.choice(let codes), .text(let text)):
            guard codes.contains(text) else { throw fail() }
        case (.integer(let range), .integer(let number)):
            guard range.contains(number) else { throw fail() }
        case (.decimal(let minimum), .decimal(let number)):
            guard number.isFinite, number >= minimum else { throw fail() }
        case (.location, .location(let point)):
            _ = try GeoPoint.validated(latitude: point.latitude, longitude: point.longitude, field: field)
        case (.date, .text(let text)):
            guard Self.parseDate(text) != nil else { throw fail() }
        case (.timestamp, .text(let text)):
            guard Self.parseTimestamp(text) != nil else { throw fail() }
        case (.appointment, .text(let text)):
            guard (try? AppointmentText(parsing: text)) != nil else { throw fail() }
        case (.reference, .text(let text)):
            guard RecordIdentifier.isValid(text) else { throw fail() }
        case (.references, .list(let items)):
            guard items.allSatisfy(RecordIdentifier.isValid) else { throw fail() }
        case (.flag, .flag):
            break
        default:
            throw fail()
        }
    }

    /// Reads a value typed by a person or found in a CSV cell. Surrounding spaces are ignored.
    public func parse(_ input: String, field: String) throws(ValidationError) -> FieldValue {
        let text = Self.trimmed(input)
        func fail() -> ValidationError { ValidationError(field: field, rule: summary, value: text) }
        let value: FieldValue
        switch self {
        case .text, .digits, .phone, .email, .choice, .date, .timestamp, .appointment, .reference:
            value = .text(text)
        case .integer:
            guard let number = Int64(text) else { throw fail() }
            value = .integer(number)
        case .decimal:
            guard let number = Double(text) else { throw fail() }
            value = .decimal(number)
        case .location:
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2,
                  let latitude = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let longitude = Double(parts[1].trimmingCharacters(in: .whitespaces))
            else { throw fail() }
            value = .location(GeoPoint(latitude: latitude, longitude: longitude))
        case .references:
            value = .list(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        case .flag:
            switch text.lowercased() {
            case "yes", "y", "true", "1": value = .flag(true)
            case "no", "n", "false", "0": value = .flag(false)
            default: throw fail()
            }
        }
        try check(value, field: field)
        return value
    }

    /// The wire type of values under this rule.
    var valueType: ValueType {
        switch self {
        case .text, .digits, .phone, .email, .choice, .date, .timestamp, .appointment, .reference: return .text
        case .integer: return .integer
        case .decimal: return .decimal
        case .location: return .location
        case .references: return .list
        case .flag: return .flag
        }
    }

    enum ValueType { case text, integer, decimal, location, list, flag }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// At most `maxLength` characters and no control character.
    ///
    /// Checked on UTF-8 bytes, which is exact: the control characters (general category Cc, a set
    /// fixed by Unicode: U+0000–U+001F and U+007F–U+009F) are the bytes below 0x20, 0x7F, and the
    /// pairs `C2 80`…`C2 9F`; and a text has at most as many characters as bytes, so characters are
    /// counted only when the bytes exceed `maxLength`.
    private static func isPlainText(_ text: String, maxLength: Int) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte <= 0x9F) { return false }
            previous = byte
        }
        return text.utf8.count <= maxLength || text.count <= maxLength
    }

    /// `input` without surrounding white space and newlines; no copy when there is none.
    private static func trimmed(_ input: String) -> String {
        guard let first = input.unicodeScalars.first, let last = input.unicodeScalars.last else { return input }
        let space = CharacterSet.whitespacesAndNewlines
        if !space.contains(first), !space.contains(last) { return input }
        return input.trimmingCharacters(in: space)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    /// An optional `+`, then a digit, then only digits, spaces and dashes; 5 to 15 digits. Checked on
    /// UTF-8 bytes: any byte outside those (a non-ASCII character, a combining mark) refuses the text.
    private static func isPhone(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == 0x2B { bytes = bytes.dropFirst() }
        guard let first = bytes.first, isDigit(first) else { return false }
        var digits = 0
        for byte in bytes {
            if isDigit(byte) { digits += 1 }
            else if byte != 0x20 && byte != 0x2D { return false }
        }
        return (5...15).contains(digits)
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        return !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains(where: isControl) })
    }

    /// Reads `YYYY-MM-DD`, refusing impossible dates such as 2026-02-30.
    public static func parseDate(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3,
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return DateComponents(year: year, month: month, day: day)
    }

    /// Reads an ISO 8601 UTC time (`Z` suffix), with or without fractions of a second.
    public static func parseTimestamp(_ text: String) -> Date? {
        guard text.hasSuffix("Z"), text.utf8.count >= 20, parseDate(String(text.prefix(10))) != nil else { return nil }
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let withoutFraction = Date.ISO8601FormatStyle()
        return (try? withoutFraction.parse(text)) ?? (try? withFraction.parse(text))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
