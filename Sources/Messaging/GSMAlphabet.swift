/// The GSM 03.38 default alphabet: the characters an SMS can carry in 7-bit coding, 160 to a
/// message.
///
/// Characters of the basic set take one septet; those of the extension table (`^ { } \ [ ~ ] | €`
/// and form feed) take two, an escape and the character. Anything else (Chinese, most accented
/// letters, emoji) needs UCS-2.
public enum GSMAlphabet {
    /// The basic set, one septet each, in the standard's table order.
    static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars)

    /// The extension table, two septets each (an escape, then the character).
    static let extended: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)

    /// The septets `scalar` takes in 7-bit coding: 1 or 2, or `nil` when the alphabet lacks it.
    public static func septets(for scalar: Unicode.Scalar) -> Int? {
        if basic.contains(scalar) { return 1 }
        if extended.contains(scalar) { return 2 }
        return nil
    }

    /// Whether every character of `text` is in the alphabet, so it can go out in 7-bit coding.
    public static func canEncode(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { septets(for: $0) != nil }
    }
}
