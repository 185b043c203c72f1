/// Terminal cell widths of Unicode text.
///
/// East Asian Wide and Fullwidth characters (CJK ideographs, Hangul syllables, kana, fullwidth forms)
/// and emoji with emoji presentation take two cells; combining marks, format characters, zero-width
/// characters and controls take none; everything else takes one. The standard library has no East
/// Asian Width property, so the wide ranges come from a compact table of `EastAsianWidth.txt`.
public enum DisplayWidth {
    /// The number of cells `scalar` occupies on its own: 0, 1 or 2. Scalars of the Basic
    /// Multilingual Plane are answered from a table built on first use.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0x10000 { return Int(basicPlaneWidths[Int(value)]) }
        return computed(scalar)
    }

    /// The width of every scalar below U+10000 (surrogates count as 1; they are never scalars).
    static let basicPlaneWidths: [UInt8] = (0..<0x10000).map { value in
        Unicode.Scalar(UInt32(value)).map { UInt8(computed($0)) } ?? 1
    }

    /// The width of `scalar` from its Unicode properties and the wide-range table.
    static func computed(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0xA0 { return 0 }  // DEL and C1 controls
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return 0  // Hangul medial vowels and final consonants join the preceding syllable
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// The number of cells one grapheme cluster occupies: the widest of its scalars, and 2 when an
    /// emoji is followed by the emoji presentation selector U+FE0F.
    public static func of(_ character: Character) -> Int {
        let utf8 = character.utf8
        if utf8.count == 1 {
            let byte = utf8.first!
            return byte < 0x20 || byte == 0x7F ? 0 : 1
        }
        var width = 0
        var previous: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F, previous?.properties.isEmoji == true { return 2 }
            width = max(width, of(scalar))
            previous = scalar
        }
        return width
    }

    /// The number of cells `text` occupies: the sum over its grapheme clusters.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` cells. A wide character that would straddle
    /// the edge is dropped and replaced by a space, so the result is exactly `width` cells whenever
    /// `text` is at least that wide; a wide character is never split.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let cells = of(character)
            if used + cells > width {
                if used < width { result += String(repeating: " ", count: width - used) }
                return result
            }
            result.append(character)
            used += cells
        }
        return result
    }

    /// Whether `value` is East Asian Wide or Fullwidth according to the range table.
    static func isWide(_ value: UInt32) -> Bool {
        if value < wideRanges[0].lowerBound { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, sorted, from Unicode's `EastAsianWidth.txt`
    /// (emoji ranges are left to `isEmojiPresentation`).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x2E99, 0x2E9B...0x2EF3,  // CJK radicals supplement
        0x2F00...0x2FD5,  // Kangxi radicals
        0x2FF0...0x2FFF,  // ideographic description characters
        0x3000...0x303E,  // ideographic space, CJK symbols and punctuation
        0x3041...0x3096, 0x3099...0x30FF,  // Hiragana, Katakana
        0x3105...0x312F,  // Bopomofo
        0x3131...0x318E,  // Hangul compatibility Jamo
        0x3190...0x31E5, 0x31EF...0x321E, 0x3220...0x3247,
        0x3250...0x4DBF,  // enclosed CJK, compatibility, CJK extension A
        0x4E00...0xA48C,  // CJK unified ideographs, Yi syllables
        0xA490...0xA4C6,  // Yi radicals
        0xA960...0xA97C,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,  // CJK compatibility and small forms
        0xFF01...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1,
        0x17000...0x18CD5, 0x18D00...0x18D08,  // Tangut, Khitan
        0x1AFF0...0x1B2FB,  // kana supplement and extensions, Nushu
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
        0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
        0x30000...0x3FFFD,  // CJK extensions G–H
    ]
}
