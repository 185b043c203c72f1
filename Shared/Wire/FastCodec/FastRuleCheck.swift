/// A byte-level shortcut for ``FieldSpec/validate(_:)`` on the rules that are costly to check
/// character by character (free text, phone numbers, e-mail addresses).
///
/// It answers only "certainly valid"; `false` means "not known here", and the caller then runs
/// `validate`, which decides and words the error. Each shortcut is the rule restated on UTF-8 bytes
/// under conditions where that is exact:
///
/// - `.text(maxLength:)`: a string has at most as many characters as UTF-8 bytes, and the control
///   characters (general category Cc, a fixed set: U+0000–U+001F, U+007F–U+009F) are the bytes
///   below 0x20, 0x7F, and the pairs `C2 80`…`C2 9F`.
/// - `.phone`, `.email`: only for ASCII text without control characters or white space, where each
///   character is one byte.
///
/// Debug builds run `validate` as well whenever the shortcut answers, and stop if they disagree,
/// so a change to ``FieldRule`` that the shortcut does not follow fails the tests.
enum FastRuleCheck {
    static func certainlyValid(_ value: FieldValue, under spec: FieldSpec) -> Bool {
        let answer = shortcut(value, under: spec)
        assert(!answer || (try? spec.validate(value)) != nil,
               "FastRuleCheck accepted \(value) for \(spec.name), which FieldSpec.validate refuses")
        return answer
    }

    static func shortcut(_ value: FieldValue, under spec: FieldSpec) -> Bool {
        switch value {
        case .null:
            return !spec.isRequired
        case .text(let text):
            switch spec.rule {
            case .text(let maxLength): return isShortTextWithoutControls(text, maxLength: maxLength)
            case .phone: return isASCIIPhone(text)
            case .email: return isASCIIEmail(text)
            default: return false
            }
        default:
            return false
        }
    }

    private static func isShortTextWithoutControls(_ text: String, maxLength: Int) -> Bool {
        guard text.utf8.count <= maxLength else { return false }
        var text = text
        return text.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte < 0x20 || byte == 0x7F { return false }
                if byte == 0xC2, index + 1 < count, utf8[index + 1] <= 0x9F { return false }
                index += 1
            }
            return true
        }
    }

    /// `FieldRule.isPhone` for ASCII: an optional `+`, then a digit, then digits, spaces and dashes; 5 to 15 digits.
    private static func isASCIIPhone(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var index = 0
            if index < utf8.count, utf8[index] == 0x2B { index += 1 }
            guard index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39 else { return false }
            var digits = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte >= 0x30 && byte <= 0x39 {
                    digits += 1
                } else if byte != 0x20 && byte != 0x2D {
                    return false
                }
                index += 1
            }
            return digits >= 5 && digits <= 15
        }
    }

    /// `FieldRule.isEmail` for printable ASCII: one `@` after a non-empty local part, at most 254
    /// characters, a domain that contains a dot and neither starts nor ends with one.
    private static func isASCIIEmail(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count <= 254 else { return false }
            var at = -1
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte >= 0x21, byte <= 0x7E else { return false }
                if byte == 0x40 {
                    guard at < 0 else { return false }
                    at = index
                }
            }
            guard at > 0 else { return false }
            let domain = UnsafeBufferPointer(rebasing: utf8[(at + 1)...])
            guard let first = domain.first, let last = domain.last, first != 0x2E, last != 0x2E else { return false }
            return domain.contains(0x2E)
        }
    }
}
