extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds for libcurl's `_MS` options, at least 1: libcurl reads 0 as "no limit".
    var curlMilliseconds: Int {
        let milliseconds = (seconds * 1000).rounded(.up)
        guard milliseconds.isFinite else { return Int.max }
        return Int(min(max(milliseconds, 1), Double(Int32.max)))
    }

    /// Seconds for people: `"10"`, `"0.3"`, `"2.25"` (at most three decimals, no trailing zeros).
    var secondsText: String {
        let milliseconds = Int64((seconds * 1000).rounded())
        let whole = milliseconds / 1000
        let fraction = milliseconds % 1000
        guard fraction != 0 else { return "\(whole)" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals)"
    }
}
