/// Decoding of XML character and entity references in attribute values.
enum XMLEntities {
    private static let named: [Substring: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]

    /// `text` with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` and `&#xHH;` replaced;
    /// anything else is left as written.
    static func decode(_ text: String) -> String {
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semicolon = rest[afterAmp...].firstIndex(of: ";") else { break }
            let entity = rest[afterAmp..<semicolon]
            if let character = character(for: entity) {
                result.append(character)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest[afterAmp...]
            }
        }
        result += rest
        return result
    }

    private static func character(for entity: Substring) -> Character? {
        if let named = named[entity] { return named }
        guard entity.first == "#" else { return nil }
        let digits = entity.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map(Character.init)
    }
}
