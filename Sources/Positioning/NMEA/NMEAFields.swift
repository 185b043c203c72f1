/// The fields of one sentence after its address, read by 1-based index with typed accessors.
///
/// Every accessor returns `nil` for an empty field (void sentences leave fields empty) and throws
/// ``NMEAFieldError`` naming the field when its text cannot be read.
struct NMEAFields {
    private let fields: [Substring]

    init(_ fields: [Substring]) {
        self.fields = fields
    }

    /// How many fields the sentence has.
    var count: Int { fields.count }

    /// Throws unless the sentence has at least `minimum` fields.
    func require(_ minimum: Int) throws(NMEAFieldError) {
        guard fields.count >= minimum else {
            throw NMEAFieldError(index: fields.count + 1, message: "missing: the sentence needs \(minimum) fields, has \(fields.count)")
        }
    }

    /// The raw text of field `index`, or `nil` when empty or absent.
    func text(_ index: Int) -> Substring? {
        guard index >= 1, index <= fields.count, !fields[index - 1].isEmpty else { return nil }
        return fields[index - 1]
    }

    func double(_ index: Int, _ name: String, in range: ClosedRange<Double>? = nil) throws(NMEAFieldError) -> Double? {
        guard let text = text(index) else { return nil }
        guard let value = Double(text), value.isFinite, range.map({ $0.contains(value) }) ?? true else {
            throw NMEAFieldError(index: index, message: "\(name): expected a number\(range.map { " in \($0.lowerBound)…\($0.upperBound)" } ?? ""), got '\(text)'")
        }
        return value
    }

    func int(_ index: Int, _ name: String, in range: ClosedRange<Int>? = nil) throws(NMEAFieldError) -> Int? {
        guard let text = text(index) else { return nil }
        guard let value = Int(text), range.map({ $0.contains(value) }) ?? true else {
            throw NMEAFieldError(index: index, message: "\(name): expected a whole number\(range.map { " in \($0.lowerBound)…\($0.upperBound)" } ?? ""), got '\(text)'")
        }
        return value
    }

    /// A single-letter field checked against the allowed letters.
    func letter(_ index: Int, _ name: String, allowed: String) throws(NMEAFieldError) -> Character? {
        guard let text = text(index) else { return nil }
        guard text.count == 1, let letter = text.first, allowed.contains(letter) else {
            throw NMEAFieldError(index: index, message: "\(name): expected one of \(allowed.map(String.init).joined(separator: "/")), got '\(text)'")
        }
        return letter
    }

    /// A latitude `ddmm.mmmm` at `index` with its `N`/`S` at `index + 1`, in signed decimal degrees.
    func latitude(_ index: Int) throws(NMEAFieldError) -> Double? {
        try coordinate(index, name: "latitude", degreeDigits: 2, limit: 90, positive: "N", negative: "S")
    }

    /// A longitude `dddmm.mmmm` at `index` with its `E`/`W` at `index + 1`, in signed decimal degrees.
    func longitude(_ index: Int) throws(NMEAFieldError) -> Double? {
        try coordinate(index, name: "longitude", degreeDigits: 3, limit: 180, positive: "E", negative: "W")
    }

    /// A UTC time of day `hhmmss[.sss]` in seconds since midnight.
    func timeOfDay(_ index: Int) throws(NMEAFieldError) -> Double? {
        guard let text = text(index) else { return nil }
        let digits = text.prefix(6)
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit),
              let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).prefix(2)),
              let seconds = Double(text.dropFirst(4)), hours < 24, minutes < 60, seconds < 61 else {
            throw NMEAFieldError(index: index, message: "time: expected hhmmss[.sss], got '\(text)'")
        }
        return Double(hours * 3600 + minutes * 60) + seconds
    }

    /// A date `ddmmyy`; two-digit years 80–99 are 1980–1999, 00–79 are 2000–2079.
    func day(_ index: Int) throws(NMEAFieldError) -> UTCDay? {
        guard let text = text(index) else { return nil }
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit), let value = Int(text),
              let day = UTCDay(year: value % 100 + (value % 100 >= 80 ? 1900 : 2000), month: value / 100 % 100, day: value / 10000) else {
            throw NMEAFieldError(index: index, message: "date: expected a real ddmmyy date, got '\(text)'")
        }
        return day
    }

    private func coordinate(_ index: Int, name: String, degreeDigits: Int, limit: Double,
                            positive: Character, negative: Character) throws(NMEAFieldError) -> Double? {
        let hemisphere = text(index + 1)
        guard let text = text(index) else {
            if hemisphere != nil { throw NMEAFieldError(index: index, message: "\(name): hemisphere without a value") }
            return nil
        }
        let wholeDigits = text.prefix { $0 != "." }
        guard wholeDigits.count == degreeDigits + 2, wholeDigits.allSatisfy(\.isASCIIDigit),
              let degrees = Double(wholeDigits.prefix(degreeDigits)), let minutes = Double(text.dropFirst(degreeDigits)),
              minutes < 60, degrees + minutes / 60 <= limit else {
            throw NMEAFieldError(index: index, message: "\(name): expected \(String(repeating: "d", count: degreeDigits))mm.mmmm, got '\(text)'")
        }
        guard let hemisphere, hemisphere == String(positive) || hemisphere == String(negative) else {
            throw NMEAFieldError(index: index + 1, message: "\(name) hemisphere: expected \(positive) or \(negative), got '\(hemisphere ?? "")'")
        }
        let value = degrees + minutes / 60
        return hemisphere == String(negative) ? -value : value
    }
}

/// A field that cannot be read: which one (1-based after the address) and why.
struct NMEAFieldError: Error {
    var index: Int
    var message: String
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
