/// Unit conversions used by the sentences and the writer.
enum Units {
    /// 1 knot = 1852 m per hour.
    static let metresPerSecondPerKnot = 1852.0 / 3600.0
}
