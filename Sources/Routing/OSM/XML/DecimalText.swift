/// Parsing of the decimal numbers in OSM XML attributes straight from bytes.
enum DecimalText {
    /// An optionally signed decimal integer, or nil when the text is anything else or overflows.
    static func integer(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < range.upperBound else { return nil }
        var value: Int64 = 0
        while index < range.upperBound {
            let digit = Int64(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = plus
            index += 1
        }
        return negative ? -value : value
    }

    /// A decimal like `-43.7370125` as an integer count of 10⁻⁷ (rounded half away from zero on the
    /// eighth decimal), or nil when the text is not a plain decimal number of reasonable size.
    static func fixedPointE7(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0, digits = 0
        var roundUp = false, inFraction = false
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !inFraction else { return nil }
                inFraction = true
            } else {
                let digit = Int64(byte) - 48
                guard (0...9).contains(digit) else { return nil }
                digits += 1
                if !inFraction {
                    guard whole < 100_000 else { return nil }
                    whole = whole * 10 + digit
                } else if fractionDigits < 7 {
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else if fractionDigits == 7 {
                    roundUp = digit >= 5
                    fractionDigits += 1
                }
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        var scaled = fraction
        for _ in min(fractionDigits, 7)..<7 { scaled *= 10 }
        let value = whole * 10_000_000 + scaled + (roundUp ? 1 : 0)
        return negative ? -value : value
    }
}
