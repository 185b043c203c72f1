/// Why a text is not a mobile number in E.164 form; ``description`` tells a person how to write it.
public enum PhoneNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing was given.
    case empty
    /// The number does not start with `+` and a country code.
    case missingPlus(String)
    /// Something other than a digit (or a space or hyphen between digits) follows the `+`.
    case notADigit(String, character: Character)
    /// Fewer than 8 or more than 15 digits.
    case wrongLength(String, digits: Int)
    /// The first digit after `+` is 0: no country code starts with 0.
    case leadingZero(String)

    /// One line saying what is wrong and how a correct number looks.
    public var description: String {
        let example = "e.g. +8613800138000"
        switch self {
        case .empty:
            return "no phone number given: write + and the country code, then the number (\(example))"
        case .missingPlus(let text):
            return "phone number \"\(text)\" must start with + and the country code (\(example))"
        case .notADigit(let text, let character):
            return "phone number \"\(text)\" contains \"\(character)\": only digits may follow the + (spaces and hyphens between them are ignored)"
        case .wrongLength(let text, let digits):
            return "phone number \"\(text)\" has \(digits) digit\(digits == 1 ? "" : "s"); an E.164 number has \(PhoneNumber.minimumDigits) to \(PhoneNumber.maximumDigits) digits with its country code (\(example))"
        case .leadingZero(let text):
            return "phone number \"\(text)\" has 0 after the +: write the country code there, without the trunk 0 (\(example))"
        }
    }
}
