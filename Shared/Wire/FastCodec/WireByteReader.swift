import Foundation

/// A small JSON reader over UTF-8 bytes, the reader of every sync message. Its syntax is
/// Foundation's `JSONDecoder`'s (what one accepts, the other does), so a message reads the same
/// whichever JSON library wrote it; unlike `JSONDecoder`, no input makes it trap.
///
/// `JSONDecoder` works in two steps, and this reader keeps the same split so that the same documents pass:
///
/// 1. A structural scan of the whole document (``skipValue(depth:)``): brackets, braces, commas,
///    colons, `true`/`false`/`null`, strings up to their closing quote (`\u` must be followed by
///    four bytes that are not `"`), numbers as runs of `0-9 . + - e E` starting with `-` or a digit.
///    Trailing commas before `]` and `}` are allowed, nesting deeper than 512 is refused, and only
///    space, tab, CR and LF count as white space.
/// 2. Strings, numbers and object keys are fully checked only when read: strings must be valid
///    UTF-8 without raw control characters and with valid escapes (surrogates paired); numbers must
///    follow the JSON grammar and fit the requested type. A value that is never read (an unknown
///    key's value, a repeated key after its first occurrence) is never checked.
///
/// Reads never go past the buffer: every position is compared with `count` before use.
struct WireByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.count = bytes.count
        self.position = 0
    }

    /// The error `JSONDecoder` reports for anything its scanner or parsers refuse.
    static let invalid = WireError(path: "", problem: "The given data was not valid JSON.")

    /// `JSONDecoder` refuses containers nested deeper than this.
    static let maximumDepth = 512

    // MARK: White space and single bytes

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Skips white space and returns the next byte without consuming it; throws at the end of the input.
    @inline(__always)
    mutating func peekNonWhitespace() throws(WireError) -> UInt8 {
        while position < count {
            let byte = bytes[position]
            if !Self.isWhitespace(byte) { return byte }
            position += 1
        }
        throw Self.invalid
    }

    /// Whether only white space is left.
    mutating func isAtEndIgnoringWhitespace() -> Bool {
        while position < count {
            if !Self.isWhitespace(bytes[position]) { return false }
            position += 1
        }
        return true
    }

    /// Consumes `byte` after optional white space.
    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(WireError) {
        guard try peekNonWhitespace() == byte else { throw Self.invalid }
        position += 1
    }

    // MARK: Structural scan

    // Eight bytes at a time: for a word `v`, `(v - 0x01…01 * n) & ~v & 0x80…80` is non-zero exactly
    // when some byte of `v` is below `n` (for n ≤ 0x80); with n = 1 that finds zero bytes, so
    // `v ^ (0x01…01 * b)` finds bytes equal to `b`.
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func hasByte(_ word: UInt64, equalTo byte: UInt8) -> Bool {
        let match = word ^ (ones &* UInt64(byte))
        return (match &- ones) & ~match & highs != 0
    }

    @inline(__always)
    private static func hasByte(_ word: UInt64, below limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// From `index`, skips whole words of string body that hold no `"` and no `\` (and, when
    /// `stopAtControl`, no byte below 0x20); returns where to go on byte by byte, and the OR of the
    /// skipped bytes' high bits.
    @inline(__always)
    private func skipPlainWords(from index: Int, stopAtControl: Bool) -> (index: Int, high: UInt64) {
        guard let base = bytes.baseAddress else { return (index, 0) }
        let raw = UnsafeRawPointer(base)
        var index = index
        var high: UInt64 = 0
        while count - index >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if Self.hasByte(word, equalTo: 0x22) || Self.hasByte(word, equalTo: 0x5C)
                || (stopAtControl && Self.hasByte(word, below: 0x20)) { break }
            high |= word
            index += 8
        }
        return (index, high & Self.highs)
    }

    /// Skips one string starting at the opening quote, checking only that it ends (scanner rules).
    @inline(__always)
    mutating func skipString() throws(WireError) {
        var index = skipPlainWords(from: position + 1, stopAtControl: false).index
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                position = index + 1
                return
            }
            if byte == 0x5C {
                index += 1
                guard index < count else { break }
                let escaped = bytes[index]
                index += 1
                if escaped == 0x75 { // \u: four more bytes, none of them a quote
                    guard count - index >= 4 else { break }
                    if bytes[index] == 0x22 || bytes[index + 1] == 0x22
                        || bytes[index + 2] == 0x22 || bytes[index + 3] == 0x22 { break }
                    index += 4
                }
                index = skipPlainWords(from: index, stopAtControl: false).index
                continue
            }
            index += 1
        }
        throw Self.invalid
    }

    /// The end of the plain part of a string body starting at `start` (the first `"`, `\` or byte
    /// below 0x20, or `count`), and whether that part has non-ASCII bytes.
    @inline(__always)
    private func plainEnd(from start: Int) -> (end: Int, nonASCII: Bool) {
        var (index, highWords) = skipPlainWords(from: start, stopAtControl: true)
        var high: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
            high |= byte
            index += 1
        }
        return (index, highWords != 0 || high >= 0x80)
    }

    @inline(__always)
    static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte == 0x65 || byte == 0x45
    }

    /// Skips a number token starting at `-` or a digit: the longest run of number bytes.
    @inline(__always)
    mutating func skipNumberToken() {
        position += 1
        while position < count, Self.isNumberByte(bytes[position]) { position += 1 }
    }

    /// Consumes `literal` (`true`, `false` or `null`) exactly.
    mutating func skipLiteral(_ literal: StaticString) throws(WireError) {
        let length = literal.utf8CodeUnitCount
        guard count - position >= length else { throw Self.invalid }
        let start = literal.utf8Start
        for offset in 0..<length where bytes[position + offset] != start[offset] { throw Self.invalid }
        position += length
    }

    /// Skips one value of any kind after optional white space, checking its structure as
    /// `JSONDecoder`'s scanner does. `depth` is the number of containers around the value.
    /// Iterative, so deep nesting costs no stack.
    mutating func skipValue(depth: Int) throws(WireError) {
        // Which open containers are objects: bit i of `objectBits` for the first 64 levels, then `deeper`.
        var level = 0
        var objectBits: UInt64 = 0
        var deeper: [Bool] = []

        func push(_ isObject: Bool) throws(WireError) {
            guard depth + level < Self.maximumDepth else { throw Self.invalid }
            if level < 64 {
                if isObject { objectBits |= 1 << UInt64(level) } else { objectBits &= ~(1 << UInt64(level)) }
            } else {
                deeper.append(isObject)
            }
            level += 1
        }
        func topIsObject() -> Bool {
            level <= 64 ? objectBits & (1 << UInt64(level - 1)) != 0 : deeper[level - 65]
        }
        func pop() {
            level -= 1
            if level >= 64 { deeper.removeLast() }
        }

        while true {
            // A value is expected here.
            switch try peekNonWhitespace() {
            case 0x22:
                try skipString()
            case 0x7B: // {
                try push(true)
                position += 1
                let next = try peekNonWhitespace()
                if next == 0x7D {
                    position += 1
                    pop()
                } else {
                    guard next == 0x22 else { throw Self.invalid }
                    try skipString()
                    try expect(0x3A)
                    continue
                }
            case 0x5B: // [
                try push(false)
                position += 1
                if try peekNonWhitespace() == 0x5D {
                    position += 1
                    pop()
                } else {
                    continue
                }
            case 0x74: try skipLiteral("true")
            case 0x66: try skipLiteral("false")
            case 0x6E: try skipLiteral("null")
            case 0x2D, 0x30...0x39: skipNumberToken()
            default: throw Self.invalid
            }

            // After a value: close containers or move to the next element.
            afterValue: while true {
                if level == 0 { return }
                let next = try peekNonWhitespace()
                if topIsObject() {
                    if next == 0x2C {
                        position += 1
                        let following = try peekNonWhitespace()
                        if following == 0x7D { position += 1; pop(); continue afterValue }
                        guard following == 0x22 else { throw Self.invalid }
                        try skipString()
                        try expect(0x3A)
                        break afterValue
                    } else if next == 0x7D {
                        position += 1
                        pop()
                        continue afterValue
                    }
                    throw Self.invalid
                } else {
                    if next == 0x2C {
                        position += 1
                        if try peekNonWhitespace() == 0x5D { position += 1; pop(); continue afterValue }
                        break afterValue
                    } else if next == 0x5D {
                        position += 1
                        pop()
                        continue afterValue
                    }
                    throw Self.invalid
                }
            }
        }
    }

    // MARK: Objects and arrays, for reading

    /// Consumes `{` and reports whether the object is empty (then its `}` is consumed too).
    mutating func beginObject() throws(WireError) -> Bool {
        try expect(0x7B)
        if try peekNonWhitespace() == 0x7D {
            position += 1
            return true
        }
        return false
    }

    /// After a member's value: consumes `,` or `}`; returns `true` when the object has ended.
    /// A trailing comma before `}` is allowed, as `JSONDecoder` allows it.
    mutating func endOfMember() throws(WireError) -> Bool {
        let next = try peekNonWhitespace()
        position += 1
        if next == 0x7D { return true }
        guard next == 0x2C else { throw Self.invalid }
        if try peekNonWhitespace() == 0x7D {
            position += 1
            return true
        }
        return false
    }

    /// Consumes `[` and reports whether the array is empty (then its `]` is consumed too).
    mutating func beginArray() throws(WireError) -> Bool {
        try expect(0x5B)
        if try peekNonWhitespace() == 0x5D {
            position += 1
            return true
        }
        return false
    }

    /// After an element: consumes `,` or `]`; returns `true` when the array has ended.
    mutating func endOfElement() throws(WireError) -> Bool {
        let next = try peekNonWhitespace()
        position += 1
        if next == 0x5D { return true }
        guard next == 0x2C else { throw Self.invalid }
        if try peekNonWhitespace() == 0x5D {
            position += 1
            return true
        }
        return false
    }

    // MARK: Keys

    /// A string as read: the raw bytes when it has no escapes (checked as UTF-8), or the decoded text.
    enum StringRef {
        case raw(UnsafeBufferPointer<UInt8>)
        case decoded(String)

        /// Whether the key is exactly `name` (ASCII).
        @inline(__always)
        func equals(_ name: StaticString) -> Bool {
            switch self {
            case .raw(let raw):
                let length = name.utf8CodeUnitCount
                guard raw.count == length else { return false }
                let start = name.utf8Start
                for index in 0..<length where raw[index] != start[index] { return false }
                return true
            case .decoded(let text):
                return name.withUTF8Buffer { text.utf8.elementsEqual($0) }
            }
        }

        /// Whether the key is exactly `name`.
        @inline(__always)
        func equals(_ name: [UInt8]) -> Bool {
            switch self {
            case .raw(let raw):
                guard raw.count == name.count else { return false }
                for index in 0..<name.count where raw[index] != name[index] { return false }
                return true
            case .decoded(let text):
                return text.utf8.elementsEqual(name)
            }
        }

        var text: String {
            switch self {
            case .raw(let raw): return String(decoding: raw, as: UTF8.self)
            case .decoded(let text): return text
            }
        }
    }

    /// Reads an object key and the `:` after it. Keys are checked like any string `JSONDecoder` reads.
    mutating func readKey() throws(WireError) -> StringRef {
        let key = try readStringRef()
        try expect(0x3A)
        return key
    }

    /// Reads a string without building a `String` when it has no escapes; checked like ``readString()``.
    mutating func readStringRef() throws(WireError) -> StringRef {
        guard try peekNonWhitespace() == 0x22 else { throw Self.invalid }
        let start = position + 1
        let (index, nonASCII) = plainEnd(from: start)
        if index < count, bytes[index] == 0x22 {
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if nonASCII, !Self.isValidUTF8(raw) { throw Self.invalid }
            position = index + 1
            return .raw(raw)
        }
        return .decoded(try readString())
    }

    // MARK: Strings

    /// Reads a string value at the opening quote (after optional white space).
    mutating func readString() throws(WireError) -> String {
        guard try peekNonWhitespace() == 0x22 else { throw Self.invalid }
        let start = position + 1
        let (index, nonASCII) = plainEnd(from: start)
        if index < count, bytes[index] == 0x22 {
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
            position = index + 1
            // `String(decoding:)` would repair bad UTF-8; JSONDecoder refuses it, so check first.
            if nonASCII, !Self.isValidUTF8(raw) { throw Self.invalid }
            return String(decoding: raw, as: UTF8.self)
        }
        return try readEscapedString(from: start, plainUpTo: index)
    }

    /// The slow path: a string with escapes (or a raw control character, which is refused).
    private mutating func readEscapedString(from start: Int, plainUpTo plainEnd: Int) throws(WireError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(plainEnd - start + 16)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<plainEnd]))
        var index = plainEnd
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                position = index + 1
                let valid = output.withUnsafeBufferPointer { Self.isValidUTF8($0) }
                guard valid else { throw Self.invalid }
                return String(decoding: output, as: UTF8.self)
            }
            if byte < 0x20 { throw Self.invalid }
            if byte != 0x5C {
                output.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < count else { throw Self.invalid }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case 0x22: output.append(0x22)
            case 0x5C: output.append(0x5C)
            case 0x2F: output.append(0x2F)
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
            case 0x75:
                let unit = try readHex4(at: index)
                index += 4
                let scalar: Unicode.Scalar
                if UTF16.isLeadSurrogate(unit) {
                    guard count - index >= 6, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else { throw Self.invalid }
                    let trail = try readHex4(at: index + 2)
                    guard UTF16.isTrailSurrogate(trail) else { throw Self.invalid }
                    index += 6
                    scalar = UTF16.decode(UTF16.EncodedScalar([unit, trail]))
                } else {
                    guard let single = Unicode.Scalar(unit) else { throw Self.invalid }
                    scalar = single
                }
                for unit in UTF8.encode(scalar)! { output.append(unit) }
            default:
                throw Self.invalid
            }
        }
        throw Self.invalid
    }

    private func readHex4(at index: Int) throws(WireError) -> UInt16 {
        guard count - index >= 4 else { throw Self.invalid }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Self.invalid
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard count - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    // MARK: Other scalars

    /// What kind of value starts at the next non-white-space byte.
    enum ValueKind { case string, number, object, array, boolean, null }

    mutating func peekKind() throws(WireError) -> ValueKind {
        switch try peekNonWhitespace() {
        case 0x22: return .string
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x74, 0x66: return .boolean
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: throw Self.invalid
        }
    }

    /// Consumes `null` if it is next; `false` (consuming nothing) otherwise.
    mutating func readNullIfPresent() throws(WireError) -> Bool {
        guard try peekNonWhitespace() == 0x6E else { return false }
        try skipLiteral("null")
        return true
    }

    /// Reads `true` or `false` (the caller has checked the kind).
    mutating func readBool() throws(WireError) -> Bool {
        if try peekNonWhitespace() == 0x74 {
            try skipLiteral("true")
            return true
        }
        try skipLiteral("false")
        return false
    }

    // MARK: Numbers

    /// A number token: its bytes and what the JSON grammar found in it.
    struct NumberToken {
        var start: Int
        var end: Int
        var isNegative: Bool
        /// Only digits after the optional minus sign: no fraction, no exponent.
        var isPlainInteger: Bool
    }

    /// Reads a number token (the caller has checked the kind) and checks it against the JSON grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func readNumberToken() throws(WireError) -> NumberToken {
        _ = try peekNonWhitespace()
        let start = position
        skipNumberToken()
        let end = position
        var index = start
        let isNegative = bytes[index] == 0x2D
        if isNegative { index += 1 }
        func isDigit(_ at: Int) -> Bool { at < end && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        guard isDigit(index) else { throw Self.invalid }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        var isPlainInteger = true
        if index < end, bytes[index] == 0x2E {
            isPlainInteger = false
            index += 1
            guard isDigit(index) else { throw Self.invalid }
            while isDigit(index) { index += 1 }
        }
        if index < end, bytes[index] == 0x65 || bytes[index] == 0x45 {
            isPlainInteger = false
            index += 1
            if index < end, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard isDigit(index) else { throw Self.invalid }
            while isDigit(index) { index += 1 }
        }
        guard index == end else { throw Self.invalid }
        return NumberToken(start: start, end: end, isNegative: isNegative, isPlainInteger: isPlainInteger)
    }

    /// Reads a number as a whole number of type `T`, with `JSONDecoder`'s rules: plain integers must
    /// fit; other forms (`1.0`, `1e3`) are read as a double and must convert exactly.
    mutating func readInteger<T: FixedWidthInteger>(_: T.Type) throws(WireError) -> T {
        let token = try readNumberToken()
        if token.isPlainInteger {
            var index = token.start + (token.isNegative ? 1 : 0)
            var magnitude: UInt64 = 0
            var overflow = false
            while index < token.end {
                let digit = UInt64(bytes[index] &- 0x30)
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true; break }
                magnitude = sum
                index += 1
            }
            // Out-of-range plain integers are refused by JSONDecoder's slow path too.
            guard !overflow else { throw Self.invalid }
            if !token.isNegative {
                guard let value = T(exactly: magnitude) else { throw Self.invalid }
                return value
            }
            if magnitude == 0 { return 0 }
            guard T.isSigned else { throw Self.invalid }
            if magnitude == UInt64(T.max) + 1 { return T.min }
            guard magnitude <= UInt64(T.max) else { throw Self.invalid }
            return 0 - T(magnitude)
        }
        // JSONDecoder: parse as a double, require an exact conversion; below 2^53 that is the answer.
        let double = parseDouble(token)
        guard let value = T(exactly: double) else { throw Self.invalid }
        if double.magnitude < 9_007_199_254_740_992 { return value }
        // Beyond 2^53 JSONDecoder re-reads the digits as a Decimal. Never produced by an encoder;
        // hand the token to JSONDecoder itself so the answer is the same.
        return try Self.foundationInteger(T.self, UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }

    @inline(never)
    private static func foundationInteger<T: FixedWidthInteger>(_: T.Type, _ token: UnsafeBufferPointer<UInt8>) throws(WireError) -> T {
        let data = Data(token)
        let decoder = JSONDecoder()
        let result: T?
        switch T.self {
        case is Int64.Type: result = (try? decoder.decode(Int64.self, from: data)).map { T($0) }
        case is UInt64.Type: result = (try? decoder.decode(UInt64.self, from: data)).map { T($0) }
        case is UInt32.Type: result = (try? decoder.decode(UInt32.self, from: data)).map { T($0) }
        default: result = (try? decoder.decode(Int.self, from: data)).flatMap { T(exactly: $0) }
        }
        guard let result else { throw invalid }
        return result
    }

    /// Reads a number as a double, with `JSONDecoder`'s rules: results that overflow to infinity are
    /// refused, and so are results that round to zero from non-zero digits.
    mutating func readDouble() throws(WireError) -> Double {
        let token = try readNumberToken()
        let value = parseDouble(token)
        guard value.isFinite else { throw Self.invalid }
        if value == 0, !isTrueZero(token) { throw Self.invalid }
        return value
    }

    /// JSONDecoder's test that a number that parsed to zero was written as zero, kept exactly,
    /// quirk included: digits are checked four at a time from the front, stopping at `e`/`E`, and
    /// the last (count % 4) bytes from the back, so `0e5` counts as non-zero and is refused.
    private func isTrueZero(_ token: NumberToken) -> Bool {
        func check(_ index: Int) -> Bool? {
            switch bytes[index] {
            case 0x31...0x39: return false
            case 0x65, 0x45: return true
            default: return nil
            }
        }
        var start = token.start
        while token.end - start >= 4 {
            for offset in 0..<4 {
                if let result = check(start + offset) { return result }
            }
            start += 4
        }
        var offset = token.end - start - 1
        while offset >= 0 {
            if let result = check(start + offset) { return result }
            offset -= 1
        }
        return true
    }

    private static let exactPowersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The correctly rounded double nearest a grammar-checked token. Short decimals (at most 15
    /// significant digits, power of ten within ±22) are exact in one multiplication or division;
    /// anything else goes to the standard library's parser.
    private func parseDouble(_ token: NumberToken) -> Double {
        var index = token.start + (token.isNegative ? 1 : 0)
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var fastPath = true
        // Integer part.
        while index < token.end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            if mantissa != 0 || bytes[index] != 0x30 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30) } else { fastPath = false }
                digits += 1
            }
            index += 1
        }
        if index < token.end, bytes[index] == 0x2E {
            index += 1
            while index < token.end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if mantissa != 0 || bytes[index] != 0x30 {
                    if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30) } else { fastPath = false }
                    digits += 1
                }
                exponent -= 1
                index += 1
            }
        }
        if index < token.end {
            // Exponent: e or E, optional sign, digits (grammar already checked).
            index += 1
            var negative = false
            if bytes[index] == 0x2B || bytes[index] == 0x2D {
                negative = bytes[index] == 0x2D
                index += 1
            }
            var value = 0
            while index < token.end {
                if value < 100_000 { value = value * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            exponent += negative ? -value : value
        }
        if fastPath, digits <= 15 {
            if mantissa == 0 { return token.isNegative ? -0.0 : 0.0 }
            if exponent >= -22, exponent <= 22 {
                var result = Double(mantissa)
                result = exponent < 0 ? result / Self.exactPowersOf10[-exponent] : result * Self.exactPowersOf10[exponent]
                return token.isNegative ? -result : result
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        return Double(text) ?? .nan
    }
}
